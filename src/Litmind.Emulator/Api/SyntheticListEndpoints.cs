using System.Text;

namespace Litmind.Emulator.Api;

/// <summary>
/// <c>GET /api/v1/_emulator/items</c>: an emulator-only list of any length and item size, in the
/// API's envelope or as a top-level array, so clients can be measured on large answers. With
/// <c>page</c> it answers one page of it, so a client can walk a large list page by page. Written
/// as it is generated, so a list or page of any size costs the emulator one small buffer.
/// </summary>
internal static class SyntheticListEndpoints
{
    public const int MaxCount = 10_000_000;
    public const int MaxItemBytes = 1024 * 1024;

    public const int MaxPageSize = 10_000;

    private const int DefaultCount = 1000;
    private const int DefaultItemBytes = 250;
    private const int DefaultPageSize = 1000;

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/_emulator/items", Items);

    private static IResult Items(string? count, string? itemBytes, string? shape, string? page, string? pageSize)
    {
        if (!QueryNumber.TryParse(count, DefaultCount, 0, MaxCount, out var items))
        {
            return ApiResult.InvalidArgument($"count must be a whole number from 0 to {MaxCount}, not '{count}'.");
        }

        if (!QueryNumber.TryParse(itemBytes, DefaultItemBytes, 1, MaxItemBytes, out var size))
        {
            return ApiResult.InvalidArgument($"itemBytes must be a whole number from 1 to {MaxItemBytes}, not '{itemBytes}'.");
        }

        var envelope = string.IsNullOrEmpty(shape) || string.Equals(shape, "envelope", StringComparison.OrdinalIgnoreCase);
        if (!envelope && !string.Equals(shape, "array", StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.InvalidArgument($"shape must be 'envelope' or 'array', not '{shape}'.");
        }

        if (string.IsNullOrEmpty(page))
        {
            return new SyntheticList(items, size, envelope, null);
        }

        if (!QueryNumber.TryParse(page, 1, 1, int.MaxValue, out var number))
        {
            return ApiResult.InvalidArgument($"page must be a whole number of at least 1, not '{page}'.");
        }

        if (!QueryNumber.TryParse(pageSize, DefaultPageSize, 1, MaxPageSize, out var perPage))
        {
            return ApiResult.InvalidArgument($"pageSize must be a whole number from 1 to {MaxPageSize}, not '{pageSize}'.");
        }

        return new SyntheticList(items, size, envelope, new Paging(number, perPage));
    }

    /// <summary>
    /// Items <c>{"entity":"Item","id":1,"name":"item-1","text":"xx…"}</c>, each padded to exactly
    /// itemBytes bytes (or its minimum, ~50 bytes, when that is more): all <paramref name="count"/>,
    /// or the ones of <paramref name="page"/>. Chunked, without a length, as a server that streams
    /// its answer sends it.
    /// </summary>
    private sealed class SyntheticList(int count, int itemBytes, bool envelope, Paging? page) : IResult
    {
        private const int ChunkSize = 64 * 1024;

        private readonly byte[] padding = CreatePadding(itemBytes);

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var cancel = httpContext.RequestAborted;
            response.StatusCode = 200;
            response.ContentType = ApiResult.JsonContentType;

            var buffer = new MemoryStream(ChunkSize + itemBytes + 128);
            var paging = page is { } p ? $"\"page\":{p.Page},\"pageSize\":{p.PageSize}," : "";
            Append(buffer, envelope
                ? $"{{\"entity\":\"ItemList\",\"isSuccess\":true,\"errorDescription\":null,{paging}\"totalCount\":{count},\"items\":["
                : "[");

            // long arithmetic: a huge page number gives an empty page, not an overflow.
            var first = page is { } q ? ((long)q.Page - 1) * q.PageSize + 1 : 1;
            var last = page is { } r ? Math.Min(count, first + r.PageSize - 1) : count;
            for (var id = first; id <= last; id++)
            {
                if (id > first)
                {
                    buffer.WriteByte((byte)',');
                }

                AppendItem(buffer, id);
                if (buffer.Length >= ChunkSize)
                {
                    await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancel);
                    buffer.SetLength(0);
                }
            }

            Append(buffer, envelope ? "]}" : "]");
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancel);
        }

        private void AppendItem(MemoryStream buffer, long id)
        {
            var head = $"{{\"entity\":\"Item\",\"id\":{id},\"name\":\"item-{id}\",\"text\":\"";
            const string Tail = "\"}";
            Append(buffer, head);
            var pad = itemBytes - head.Length - Tail.Length;
            if (pad > 0)
            {
                buffer.Write(padding.AsSpan(0, pad));
            }

            Append(buffer, Tail);
        }

        private static byte[] CreatePadding(int length)
        {
            var bytes = new byte[length];
            bytes.AsSpan().Fill((byte)'x');
            return bytes;
        }

        private static void Append(MemoryStream buffer, string ascii)
        {
            Span<byte> bytes = stackalloc byte[ascii.Length];
            Encoding.ASCII.GetBytes(ascii, bytes);
            buffer.Write(bytes);
        }
    }
}
