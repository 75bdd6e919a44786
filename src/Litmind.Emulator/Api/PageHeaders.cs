namespace Litmind.Emulator.Api;

/// <summary>The response headers paged lists use besides their bodies.</summary>
internal static class PageHeaders
{
    /// <summary>The number of items of the whole list, as many REST APIs send it beside a page.</summary>
    public const string TotalCount = "X-Total-Count";

    /// <summary>RFC 8288 web links: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
    public const string Link = "Link";
}
