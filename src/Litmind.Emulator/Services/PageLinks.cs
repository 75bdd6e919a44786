using Microsoft.AspNetCore.Http.Extensions;

namespace Litmind.Emulator.Services;

/// <summary>
/// Absolute links to other pages of the list a request asked for: same origin and path, the
/// request's query with the paging parameters replaced. What <c>Link</c> headers and
/// <c>@odata.nextLink</c> hold, so a client can follow them as they are.
/// </summary>
internal static class PageLinks
{
    /// <summary>The request's absolute URL with <paramref name="changes"/> set in its query (a null value removes the parameter).</summary>
    public static string With(HttpRequest request, params (string Name, string? Value)[] changes)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (!changes.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var value in values)
                {
                    query.Add(name, value ?? "");
                }
            }
        }

        foreach (var (name, value) in changes)
        {
            if (value is not null)
            {
                query.Add(name, value);
            }
        }

        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }

    /// <summary>
    /// An RFC 8288 <c>Link</c> value for page-numbered lists: <c>rel="next"</c> while there is a next
    /// page, then <c>rel="last"</c>.
    /// </summary>
    public static string Header(HttpRequest request, string pageParameter, int page, int lastPage)
    {
        var last = $"<{With(request, (pageParameter, Text(lastPage)))}>; rel=\"last\"";
        return page < lastPage
            ? $"<{With(request, (pageParameter, Text(page + 1)))}>; rel=\"next\", {last}"
            : last;
    }

    /// <summary>The number of pages of <paramref name="total"/> items, at least 1 (an empty list has one, empty, page).</summary>
    public static int LastPage(long total, int pageSize) => (int)Math.Max(1, (total + pageSize - 1) / pageSize);

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
