namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>The ways real APIs page a list.</summary>
    internal enum PagingStyle
    {
        /// <summary>A page number (from 0 or 1) and a page size in the query.</summary>
        Page,

        /// <summary>An offset (items to skip) and a limit in the query.</summary>
        Offset,

        /// <summary>An opaque cursor from the answer, sent back as a query value.</summary>
        Cursor,

        /// <summary>The next page's URL in the answer's body (OData's @odata.nextLink).</summary>
        NextLink,

        /// <summary>The next page's URL in an RFC 8288 Link header with rel="next".</summary>
        Link,
    }

    /// <summary>A value an answer states: at a path of its body, or in a header.</summary>
    internal sealed class AnswerValue
    {
        public AnswerValue(CaptureSource from, string location)
        {
            From = from;
            Location = location;
        }

        /// <summary><see cref="CaptureSource.Body"/> or <see cref="CaptureSource.Header"/>.</summary>
        public CaptureSource From { get; }

        /// <summary>The body path, or the header name.</summary>
        public string Location { get; }
    }

    /// <summary>How the service pages its lists, for Invoke-LitmindRequest -All (and -First, -Skip).</summary>
    internal sealed class PagingDefinition
    {
        /// <summary>How the next page is asked for.</summary>
        public PagingStyle Style { get; internal set; }

        /// <summary>The path of a page's items in the answer; null when the answer is the array of items.</summary>
        public string Items { get; internal set; }

        /// <summary>Where an answer states how many items the whole list has; null when none does.</summary>
        public AnswerValue Total { get; internal set; }

        /// <summary><see cref="PagingStyle.Page"/>: the query name of the page number.</summary>
        public string PageParameter { get; internal set; } = "page";

        /// <summary><see cref="PagingStyle.Page"/>: the number of the first page, 0 or 1.</summary>
        public int FirstPage { get; internal set; } = 1;

        /// <summary><see cref="PagingStyle.Offset"/>: the query name of the offset.</summary>
        public string OffsetParameter { get; internal set; } = "offset";

        /// <summary><see cref="PagingStyle.Cursor"/>: the query name the cursor goes back as.</summary>
        public string CursorParameter { get; internal set; }

        /// <summary><see cref="PagingStyle.Cursor"/>: where an answer states the next page's cursor.</summary>
        public AnswerValue NextCursor { get; internal set; }

        /// <summary><see cref="PagingStyle.NextLink"/>: the body path of the next page's URL.</summary>
        public string NextLink { get; internal set; }

        /// <summary>The query name of the page size; null when the service takes none.</summary>
        public string SizeParameter { get; internal set; }

        /// <summary>The page size asked for when the user's -Query gives none; null to leave it to the server.</summary>
        public int? PageSize { get; internal set; }
    }
}
