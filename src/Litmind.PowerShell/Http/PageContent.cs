using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Http
{
    /// <summary>One page of a list: its items as objects, and the answer's fields the paging and the envelope read.</summary>
    internal sealed class PageContent
    {
        public PageContent(IReadOnlyList<object> items, JObject fields, string firstItem)
        {
            Items = items;
            Fields = fields;
            FirstItem = firstItem;
        }

        /// <summary>The first item's JSON, as read; null for an empty page. A page whose first item and length repeat the page before's is the same page.</summary>
        public string FirstItem { get; }

        /// <summary>The page's items, converted.</summary>
        public IReadOnlyList<object> Items { get; }

        /// <summary>
        /// The answer's fields on a path the paging or the envelope reads (the total, the next
        /// cursor or link, the success flag), at their places; null when the answer was an array.
        /// </summary>
        public JObject Fields { get; }
    }
}
