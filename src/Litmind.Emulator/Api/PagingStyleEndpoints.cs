using System.Globalization;
using System.Text.Json.Nodes;
using Litmind.Emulator.Services;
using Microsoft.AspNetCore.Http.Extensions;

namespace Litmind.Emulator.Api;

/// <summary>
/// <c>GET /api/v1/_emulator/pages/{style}</c>: emulator-only lists of <c>total</c> items, one per way
/// real APIs page (numbered from 1, numbered from 0, offset and limit, cursor, next link, Link
/// header), so a client's paging can be tested against each. Litmind's headers and session are
/// checked as on any endpoint; every style refuses a page size above 50 with 400 InvalidArgument.
/// </summary>
internal static class PagingStyleEndpoints
{
    public const int MaxTotal = 1_000_000;
    public const int MaxPageSize = 50;

    private const int DefaultTotal = 95;
    private const int DefaultPageSize = 10;
    private const string CursorPurpose = "pages/cursor";
    private const string SkipTokenPurpose = "pages/nextlink";
    private const string SkipToken = "$skiptoken";

    public static void Map(IEndpointRouteBuilder api)
    {
        var pages = api.MapGroup("/_emulator/pages");
        pages.MapGet("/number", Number);
        pages.MapGet("/zero", Zero);
        pages.MapGet("/offset", Offset);
        pages.MapGet("/cursor", Cursor);
        pages.MapGet("/nextlink", NextLink);
        pages.MapGet("/link", Link);
    }

    /// <summary>Page numbers from 1 in Litmind's envelope: <c>page</c>, <c>pageSize</c>, <c>totalCount</c>, <c>items</c>.</summary>
    private static ApiResult Number(string? total, string? page, string? pageSize)
    {
        if (Refusal(total, out var count, (nameof(pageSize), pageSize), out var size) is { } refusal)
        {
            return refusal;
        }

        if (!QueryNumber.TryParse(page, 1, 1, int.MaxValue, out var number))
        {
            return ApiResult.InvalidArgument($"page must be a whole number of at least 1, not '{page}'.");
        }

        return ApiResult.Ok(new JsonObject
        {
            ["entity"] = "ItemList",
            ["page"] = number,
            ["pageSize"] = size,
            ["totalCount"] = count,
            ["items"] = Items((number - 1L) * size, size, count),
        });
    }

    /// <summary>Page numbers from 0, Spring Data's shape: <c>content</c>, <c>number</c>, <c>size</c>, <c>totalElements</c>, <c>totalPages</c>.</summary>
    private static ApiResult Zero(string? total, string? page, string? size)
    {
        if (Refusal(total, out var count, (nameof(size), size), out var pageSize) is { } refusal)
        {
            return refusal;
        }

        if (!QueryNumber.TryParse(page, 0, 0, int.MaxValue, out var number))
        {
            return ApiResult.InvalidArgument($"page must be a whole number of at least 0, not '{page}'.");
        }

        return ApiResult.Raw(new JsonObject
        {
            ["content"] = Items((long)number * pageSize, pageSize, count),
            ["number"] = number,
            ["size"] = pageSize,
            ["totalElements"] = count,
            ["totalPages"] = (count + pageSize - 1) / pageSize,
        });
    }

    /// <summary>Offset and limit: <c>results</c> and the total as <c>count</c>.</summary>
    private static ApiResult Offset(string? total, string? offset, string? limit)
    {
        if (Refusal(total, out var count, (nameof(limit), limit), out var size) is { } refusal)
        {
            return refusal;
        }

        if (!QueryNumber.TryParse(offset, 0, 0, int.MaxValue, out var skip))
        {
            return ApiResult.InvalidArgument($"offset must be a whole number of at least 0, not '{offset}'.");
        }

        return ApiResult.Raw(new JsonObject { ["results"] = Items(skip, size, count), ["count"] = count });
    }

    /// <summary>
    /// An opaque cursor: <c>{"data":[…],"meta":{"next_cursor":"…"}}</c>, null on the last page. The cursor
    /// carries the position and the total (and the limit, which a <c>limit</c> given again replaces).
    /// </summary>
    private static ApiResult Cursor(string? total, string? cursor, string? limit)
    {
        if (Continue(cursor, CursorPurpose, "cursor", total, limit, out var position) is { } refusal)
        {
            return refusal;
        }

        var (skip, count, size) = position;
        var next = skip + size < count ? OpaqueCursor.Create(CursorPurpose, skip + size, count, size) : null;
        return ApiResult.Raw(new JsonObject
        {
            ["data"] = Items(skip, size, count),
            ["meta"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    /// <summary>
    /// OData's shape: <c>{"value":[…],"@odata.nextLink":"…"}</c>, the link absolute, on the same origin,
    /// with an opaque <c>$skiptoken</c>; no link on the last page.
    /// </summary>
    private static ApiResult NextLink(HttpRequest request, string? total, string? limit)
    {
        var token = request.Query[SkipToken].ToString();
        if (Continue(token, SkipTokenPurpose, SkipToken, total, limit, out var position) is { } refusal)
        {
            return refusal;
        }

        var (skip, count, size) = position;
        var answer = new JsonObject { ["value"] = Items(skip, size, count) };
        if (skip + size < count)
        {
            var next = new QueryString($"?{SkipToken}={OpaqueCursor.Create(SkipTokenPurpose, skip + size, count, size)}");
            answer["@odata.nextLink"] = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, next);
        }

        return ApiResult.Raw(answer);
    }

    /// <summary>GitHub's shape: a top-level array, <c>Link</c> with <c>rel="next"</c> (not on the last page) and <c>rel="last"</c>, and <c>X-Total-Count</c>.</summary>
    private static ApiResult Link(HttpRequest request, string? total, string? page, string? per_page)
    {
        if (Refusal(total, out var count, (nameof(per_page), per_page), out var size) is { } refusal)
        {
            return refusal;
        }

        if (!QueryNumber.TryParse(page, 1, 1, int.MaxValue, out var number))
        {
            return ApiResult.InvalidArgument($"page must be a whole number of at least 1, not '{page}'.");
        }

        return ApiResult.Raw(Items((number - 1L) * size, size, count))
            .WithHeader(PageHeaders.Link, PageLinks.Header(request, "page", number, PageLinks.LastPage(count, size)))
            .WithHeader(PageHeaders.TotalCount, count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads <c>total</c> and the style's page size; the 400 answer when either is out of range.</summary>
    private static ApiResult? Refusal(string? total, out int count, (string Name, string? Text) pageSize, out int size)
    {
        size = 0;
        if (!QueryNumber.TryParse(total, DefaultTotal, 0, MaxTotal, out count))
        {
            return ApiResult.InvalidArgument($"total must be a whole number from 0 to {MaxTotal}, not '{total}'.");
        }

        return QueryNumber.TryParse(pageSize.Text, DefaultPageSize, 1, MaxPageSize, out size)
            ? null
            : ApiResult.InvalidArgument($"{pageSize.Name} must be a whole number from 1 to {MaxPageSize}, not '{pageSize.Text}'.");
    }

    /// <summary>
    /// Where a cursor-style page starts: at 0 without a token, else where the token says (its total,
    /// and its page size unless <c>limit</c> is given again). An unknown token is 400.
    /// </summary>
    private static ApiResult? Continue(string? token, string purpose, string name, string? total, string? limit, out (long Skip, int Count, int Size) position)
    {
        position = default;
        if (Refusal(total, out var count, (nameof(limit), limit), out var size) is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrEmpty(token))
        {
            position = (0, count, size);
            return null;
        }

        if (!OpaqueCursor.TryRead(token, purpose, 3, out var values))
        {
            return ApiResult.InvalidArgument($"Unknown {name} '{token}': pass the one the previous page gave.");
        }

        position = (values[0], (int)values[1], string.IsNullOrEmpty(limit) ? (int)values[2] : size);
        return null;
    }

    /// <summary>Items <c>{"entity":"Item","id":n,"name":"item-n"}</c> from position <paramref name="skip"/> (ids from skip + 1), at most <paramref name="take"/>.</summary>
    private static JsonArray Items(long skip, int take, int total)
    {
        var items = new JsonArray();
        for (var id = skip + 1; id <= total && id <= skip + take; id++)
        {
            items.Add(new JsonObject { ["entity"] = "Item", ["id"] = id, ["name"] = $"item-{id}" });
        }

        return items;
    }
}
