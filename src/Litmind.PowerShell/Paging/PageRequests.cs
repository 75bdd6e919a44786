using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Paging
{
    /// <summary>
    /// The requests of a listing, one page after another, as the service's paging says: the first
    /// from the user's call (a page size or a start the user gave in -Query is kept), each next one
    /// from the page before it. The listing ends at an empty page, at the total the answer states,
    /// at a page shorter than the page size, or where the answer names no next page; a cursor, a link
    /// or a whole page the server repeats ends it with an error, never in a loop.
    /// </summary>
    internal sealed class PageRequests
    {
        private readonly PagingDefinition paging;
        private readonly ApiRequest template;

        // The user's path without its query, and the query (the path's, then -Query's).
        private readonly string path;
        private readonly List<KeyValuePair<string, string>> query;
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly bool startGiven;

        // The page size asked for, when known: the user's, else the definition's.
        private readonly long? size;

        // The page number or the offset of the page last asked for.
        private long position;

        // How many items the server has passed before the end of the last page (skipped and read).
        private long passed;

        // Without a known size, the first page's length stands for it.
        private long? firstCount;

        // The page before: its length and first item, to tell a server that answers it again.
        private int previousCount = -1;
        private string previousFirst;

        /// <param name="paging">How the service pages.</param>
        /// <param name="template">The user's call: its path, query and headers.</param>
        /// <param name="skip">-Skip: as many whole pages as the style can skip on the server are not asked for.</param>
        public PageRequests(PagingDefinition paging, ApiRequest template, ulong skip)
        {
            this.paging = paging;
            this.template = template;
            path = template.Path;
            query = template.Query.ToList();
            int mark = path.IndexOf('?');
            if (mark >= 0)
            {
                // Paging adds to the query, so a query written in the path joins -Query's.
                query.InsertRange(0, ParseQuery(path.Substring(mark + 1)));
                path = path.Substring(0, mark);
            }

            var replaced = new List<KeyValuePair<string, string>>();
            string givenSize = QueryValue(paging.SizeParameter);
            if (givenSize != null)
            {
                size = long.TryParse(givenSize, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) && parsed > 0 ? parsed : (long?)null;
            }
            else if (paging.PageSize.HasValue)
            {
                size = paging.PageSize.Value;
                replaced.Add(Pair(paging.SizeParameter, size.Value));
            }

            switch (paging.Style)
            {
                case PagingStyle.Page:
                    startGiven = TryQueryNumber(paging.PageParameter, out position);
                    if (!startGiven)
                    {
                        long pages = size.HasValue ? (long)Math.Min(skip / (ulong)size.Value, long.MaxValue / 2) : 0;
                        position = paging.FirstPage + pages;
                        SkippedByServer = (ulong)(pages * (size ?? 0));
                        replaced.Add(Pair(paging.PageParameter, position));
                    }

                    passed = (position - paging.FirstPage) * (size ?? 0);
                    break;
                case PagingStyle.Offset:
                    startGiven = TryQueryNumber(paging.OffsetParameter, out position);
                    if (!startGiven)
                    {
                        position = (long)Math.Min(skip, long.MaxValue / 2);
                        SkippedByServer = (ulong)position;
                        replaced.Add(Pair(paging.OffsetParameter, position));
                    }

                    passed = position;
                    break;
                case PagingStyle.Cursor:
                    // A cursor the user starts from counts as sent: the server must not answer it again.
                    if (QueryValue(paging.CursorParameter) is string start)
                    {
                        seen.Add(start);
                    }

                    break;
            }

            First = template.ForPage(path, WithQuery(query, replaced));
        }

        /// <summary>The first page's request.</summary>
        public ApiRequest First { get; }

        /// <summary>How many of the items -Skip names the first request already skips on the server.</summary>
        public ulong SkippedByServer { get; }

        /// <summary>The page size asked for, when known (for progress).</summary>
        public long? Size => size;

        /// <summary>How many items the whole list has, when the page states it.</summary>
        public long? Total(ApiResult page) =>
            long.TryParse(Read(paging.Total, page)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long count) ? count : (long?)null;

        /// <summary>
        /// Refuses a page that repeats the one before it (as long, the same first item): a server
        /// that ignores the page, offset or cursor it is sent answers the same page forever, so the
        /// listing stops there, before that page's items are written twice.
        /// </summary>
        public void CheckNotRepeated(ApiResult page)
        {
            var content = page.Page;
            if (content.FirstItem != null && content.Items.Count == previousCount && content.FirstItem == previousFirst)
            {
                throw Failures.InvalidResponse(template.Method.Method, page.RequestUri, Messages.PagingRepeatsPage, page.StatusCode);
            }

            previousCount = content.Items.Count;
            previousFirst = content.FirstItem;
        }

        /// <summary>The request of the page after <paramref name="page"/>, or null when it was the last.</summary>
        public ApiRequest Next(ApiResult page)
        {
            long count = page.Page.Items.Count;
            passed += count;
            if (count == 0)
            {
                return null;
            }

            switch (paging.Style)
            {
                case PagingStyle.Page:
                case PagingStyle.Offset:
                    return NextByPosition(page, count);
                case PagingStyle.Cursor:
                    string cursor = Read(paging.NextCursor, page);
                    if (string.IsNullOrEmpty(cursor))
                    {
                        return null;
                    }

                    Remember(cursor, "cursor", page);
                    return template.ForPage(path, WithQuery(First.Query, new[] { new KeyValuePair<string, string>(paging.CursorParameter, cursor) }));
                case PagingStyle.NextLink:
                    return Follow(Read(new AnswerValue(CaptureSource.Body, paging.NextLink), page), page);
                default:
                    return Follow(LinkHeader.Find(page.Header("Link"), "next"), page);
            }
        }

        private ApiRequest NextByPosition(ApiResult page, long count)
        {
            long? total = Total(page);
            firstCount = firstCount ?? count;
            if ((total.HasValue && passed >= total.Value) || count < (size ?? firstCount.Value))
            {
                return null;
            }

            string parameter = paging.Style == PagingStyle.Page ? paging.PageParameter : paging.OffsetParameter;
            position += paging.Style == PagingStyle.Page ? 1 : count;
            return template.ForPage(path, WithQuery(First.Query, new[] { Pair(parameter, position) }));
        }

        /// <summary>A next link: absolute, or relative to the page it came from; it holds the whole query.</summary>
        private ApiRequest Follow(string link, ApiResult page)
        {
            if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(page.RequestUri, link.Trim(), out var next))
            {
                return null;
            }

            Remember(next.AbsoluteUri, "next link", page);
            return template.ForPage(next.AbsoluteUri, Enumerable.Empty<KeyValuePair<string, string>>());
        }

        private void Remember(string marker, string what, ApiResult page)
        {
            if (!seen.Add(marker))
            {
                throw Failures.InvalidResponse(template.Method.Method, page.RequestUri, Messages.PagingRepeats(what), page.StatusCode);
            }
        }

        private string QueryValue(string name) =>
            name == null ? null : query.Where(pair => pair.Key == name).Select(pair => pair.Value).LastOrDefault();

        /// <summary>A query string's pairs, unescaped ('+' is a space, as in a form).</summary>
        private static IEnumerable<KeyValuePair<string, string>> ParseQuery(string text) =>
            text.Split('&').Where(pair => pair.Length > 0).Select(pair =>
            {
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair.Substring(0, equals);
                string value = equals < 0 ? string.Empty : pair.Substring(equals + 1);
                return new KeyValuePair<string, string>(Unescape(name), Unescape(value));
            });

        private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        private bool TryQueryNumber(string name, out long value)
        {
            value = 0;
            string text = QueryValue(name);
            return text != null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private static KeyValuePair<string, string> Pair(string name, long value) =>
            new KeyValuePair<string, string>(name, value.ToString(CultureInfo.InvariantCulture));

        /// <summary>The query with <paramref name="values"/> in place of any of the same names.</summary>
        private static List<KeyValuePair<string, string>> WithQuery(IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> values)
        {
            var added = values.ToList();
            return query.Where(pair => added.All(value => value.Key != pair.Key)).Concat(added).ToList();
        }

        /// <summary>A value the page states, in a header or at a path of its body; null when it states none.</summary>
        private static string Read(AnswerValue value, ApiResult page) =>
            value == null ? null
            : value.From == CaptureSource.Header ? page.Header(value.Location).FirstOrDefault(text => text.Length > 0)
            : page.Page.Fields == null ? null
            : JsonPath.FindText(page.Page.Fields, value.Location);
    }
}
