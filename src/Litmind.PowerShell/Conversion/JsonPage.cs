using System;
using System.Collections.Generic;
using System.Linq;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// Reads one page of a list whole, in one pass over the wire: the items at the paging's items
    /// path are converted as they are read, the fields on the paths it reads are kept as tokens,
    /// everything else is skipped. Each item is bounded on its own, as a streamed array's are.
    /// A whole page is read before the next is asked for, so it can be asked for while the
    /// pipeline still writes this one; the memory is one page or two, whatever the list's length.
    /// </summary>
    internal static class JsonPage
    {
        /// <param name="response">The answer, which the caller disposes.</param>
        /// <param name="method">The call's method, for messages.</param>
        /// <param name="uri">The call's URI, for messages.</param>
        /// <param name="converter">Converts each item.</param>
        /// <param name="itemsPath">The path of the items; null when the answer is the array. A top-level array is the items whatever the path says.</param>
        /// <param name="keptPaths">The body paths to keep (the total, the next cursor or link); the envelope's top-level fields are kept too.</param>
        public static PageContent Read(SentResponse response, string method, Uri uri, JsonAnswerConverter converter, string itemsPath, IReadOnlyCollection<string> keptPaths)
        {
            JsonBody.ThrowIfHtml(response, method, uri);
            var bounded = new BoundedStream(response.OpenBody(), JsonBody.MaximumDocumentBytes);
            using (var reader = JsonBody.CreateReader(bounded, response))
            {
                return JsonBody.Guard(
                    () =>
                    {
                        if (!reader.Read())
                        {
                            return new PageContent(new object[0], null, null);
                        }

                        PageItems items = null;
                        JObject fields = null;
                        if (reader.TokenType == JsonToken.StartArray)
                        {
                            items = ReadItems(reader, bounded, converter);
                        }
                        else if (reader.TokenType == JsonToken.StartObject)
                        {
                            fields = new JObject();
                            new Walk(reader, bounded, converter, itemsPath, keptPaths).Object(string.Empty, fields, ref items);
                        }

                        if (items == null)
                        {
                            throw Failures.InvalidResponse(method, uri, Messages.PageHasNoItems(itemsPath), response.StatusCode);
                        }

                        JsonBody.EnsureEnd(reader, response, method, uri);
                        return new PageContent(items.Items, fields, items.First);
                    },
                    response,
                    method,
                    uri);
            }
        }

        /// <summary>
        /// The items of the array the reader is at, and the first one's JSON (by which a page that
        /// repeats the one before is told). Dates are parsed in the items only: a cursor or a link
        /// kept beside them must reach the next request as the server wrote it.
        /// </summary>
        private static PageItems ReadItems(JsonReader reader, BoundedStream bounded, JsonAnswerConverter converter)
        {
            var items = new PageItems();
            reader.DateParseHandling = DateParseHandling.DateTime;
            while (JsonAnswerConverter.NextToken(reader) != JsonToken.EndArray)
            {
                bounded.ResetCount();
                if (items.First == null)
                {
                    var first = JToken.ReadFrom(reader);
                    items.First = first.ToString(Formatting.None);
                    items.Items.Add(converter.Convert(first));
                }
                else
                {
                    items.Items.Add(converter.ReadValue(reader));
                }
            }

            reader.DateParseHandling = DateParseHandling.None;
            return items;
        }

        /// <summary>A page's items as read, and its first item's JSON.</summary>
        private sealed class PageItems
        {
            public List<object> Items { get; } = new List<object>();

            public string First { get; set; }
        }

        /// <summary>One pass over an answer object, down the items path, keeping the fields on the kept paths.</summary>
        private sealed class Walk
        {
            private readonly JsonReader reader;
            private readonly BoundedStream bounded;
            private readonly JsonAnswerConverter converter;
            private readonly string itemsPath;
            private readonly IReadOnlyCollection<string> keptPaths;

            public Walk(JsonReader reader, BoundedStream bounded, JsonAnswerConverter converter, string itemsPath, IReadOnlyCollection<string> keptPaths)
            {
                this.reader = reader;
                this.bounded = bounded;
                this.converter = converter;
                this.itemsPath = itemsPath;
                this.keptPaths = keptPaths;
            }

            /// <summary>Reads the object the reader is at, whose path is <paramref name="prefix"/> ("" for the answer itself).</summary>
            public void Object(string prefix, JObject fields, ref PageItems items)
            {
                while (JsonAnswerConverter.NextToken(reader) != JsonToken.EndObject)
                {
                    string name = (string)reader.Value;
                    string path = prefix + name;
                    JsonAnswerConverter.NextToken(reader);
                    if (path == itemsPath && (reader.TokenType == JsonToken.StartArray || reader.TokenType == JsonToken.Null))
                    {
                        items = reader.TokenType == JsonToken.Null ? new PageItems() : ReadItems(reader, bounded, converter);
                    }
                    else if (itemsPath != null && itemsPath.StartsWith(path + ".", StringComparison.Ordinal) && reader.TokenType == JsonToken.StartObject)
                    {
                        var inner = new JObject();
                        fields[name] = inner;
                        Object(path + ".", inner, ref items);
                    }
                    else if ((prefix.Length == 0 && converter.IsEnvelopeField(name)) || keptPaths.Any(kept => kept == path || kept.StartsWith(path + ".", StringComparison.Ordinal)))
                    {
                        bounded.ResetCount();
                        fields[name] = JToken.ReadFrom(reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
    }
}
