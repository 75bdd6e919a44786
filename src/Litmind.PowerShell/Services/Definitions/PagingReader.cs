using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// Reads a definition's <c>paging</c>: its style, where the items and the total are, and the
    /// query names and answer values the style moves from page to page. A field that belongs to
    /// another style is refused: it would be a setting that does nothing.
    /// </summary>
    internal sealed class PagingReader : DefinitionJson
    {
        private static readonly Dictionary<string, PagingStyle> Styles = new Dictionary<string, PagingStyle>
        {
            ["page"] = PagingStyle.Page,
            ["offset"] = PagingStyle.Offset,
            ["cursor"] = PagingStyle.Cursor,
            ["nextLink"] = PagingStyle.NextLink,
            ["link"] = PagingStyle.Link,
        };

        private static readonly string[] Common = { "style", "items", "total", "size", "pageSize" };

        private static readonly Dictionary<PagingStyle, string[]> OwnFields = new Dictionary<PagingStyle, string[]>
        {
            [PagingStyle.Page] = new[] { "page", "firstPage" },
            [PagingStyle.Offset] = new[] { "offset" },
            [PagingStyle.Cursor] = new[] { "cursor", "nextCursor" },
            [PagingStyle.NextLink] = new[] { "next" },
            [PagingStyle.Link] = new string[0],
        };

        public PagingReader(string source)
            : base(source)
        {
        }

        public PagingDefinition Read(JToken token)
        {
            var obj = Object(token);
            var style = Styles[OneOf(Required(obj, "style"), Styles.Keys.ToArray())];
            Fields(obj, Common.Concat(OwnFields[style]).ToArray());
            var paging = new PagingDefinition
            {
                Style = style,
                Items = Optional(obj, "items", Path),
                Total = Optional(obj, "total", ReadAnswerValue),
                SizeParameter = Optional(obj, "size", NonEmptyString),
                PageSize = Optional(obj, "pageSize", t => (int?)Whole(t, 1, 1000000)),
            };
            if (paging.PageSize != null && paging.SizeParameter == null)
            {
                throw Invalid(obj["pageSize"], "'pageSize' is sent as the query value 'size' names: give 'size' too");
            }

            switch (style)
            {
                case PagingStyle.Page:
                    paging.PageParameter = Optional(obj, "page", NonEmptyString) ?? paging.PageParameter;
                    paging.FirstPage = Optional(obj, "firstPage", t => (int?)Whole(t, 0, 1)) ?? paging.FirstPage;
                    break;
                case PagingStyle.Offset:
                    paging.OffsetParameter = Optional(obj, "offset", NonEmptyString) ?? paging.OffsetParameter;
                    break;
                case PagingStyle.Cursor:
                    paging.CursorParameter = NonEmptyString(Required(obj, "cursor"));
                    paging.NextCursor = ReadAnswerValue(Required(obj, "nextCursor"));
                    break;
                case PagingStyle.NextLink:
                    paging.NextLink = Path(Required(obj, "next"));
                    break;
            }

            return paging;
        }

        /// <summary>A value of the answer: <c>{ "body": path }</c> or <c>{ "header": name }</c>.</summary>
        private AnswerValue ReadAnswerValue(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "body", "header");
            if ((obj["body"] == null) == (obj["header"] == null))
            {
                throw Invalid(obj, "give where the answer states it: { \"body\": <path> } or { \"header\": <name> }");
            }

            return obj["body"] != null
                ? new AnswerValue(CaptureSource.Body, Path(obj["body"]))
                : new AnswerValue(CaptureSource.Header, HeaderName(obj["header"]));
        }

        private int Whole(JToken token, int minimum, int maximum) =>
            token.Type == JTokenType.Integer && (long)token >= minimum && (long)token <= maximum
                ? (int)token
                : throw Invalid(token, "expected a whole number from " + minimum + " to " + maximum);
    }
}
