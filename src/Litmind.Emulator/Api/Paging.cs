using System.Globalization;

namespace Litmind.Emulator.Api;

/// <summary>The <c>page</c> / <c>pageSize</c> query parameters of list endpoints (pages start at 1).</summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    /// <summary>Parses the query values; on bad input returns false and a 400 InvalidArgument answer.</summary>
    public static bool TryParse(string? page, string? pageSize, int defaultPageSize, out Paging paging, out ApiResult? error)
    {
        paging = default;
        error = null;
        if (!TryParsePositive(page, 1, out var pageNumber))
        {
            error = ApiResult.InvalidArgument($"page must be a whole number of at least 1, not '{page}'.");
            return false;
        }

        if (!TryParsePositive(pageSize, defaultPageSize, out var size))
        {
            error = ApiResult.InvalidArgument($"pageSize must be a whole number of at least 1, not '{pageSize}'.");
            return false;
        }

        if (size > MaxPageSize)
        {
            error = ApiResult.InvalidArgument($"pageSize must be at most {MaxPageSize}, not {size}.");
            return false;
        }

        paging = new Paging(pageNumber, size);
        return true;
    }

    public IEnumerable<T> Slice<T>(IReadOnlyList<T> all)
    {
        // long arithmetic: a huge page number must give an empty page, not an overflow.
        var skip = (long)(Page - 1) * PageSize;
        return skip >= all.Count ? [] : all.Skip((int)skip).Take(PageSize);
    }

    private static bool TryParsePositive(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }
}
