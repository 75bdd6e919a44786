using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Litmind.PowerShell.Http
{
    /// <summary>What a call's answer is read into.</summary>
    internal enum AnswerShape
    {
        /// <summary>Objects for the pipeline, converted as the body is read.</summary>
        Objects,

        /// <summary>A token tree, for the engine's own reading (the account list, a confirming call).</summary>
        Tree,

        /// <summary>The body as text (-Raw).</summary>
        Text,

        /// <summary>The body copied to a stream as it arrives (-OutFile).</summary>
        File,

        /// <summary>One page of a list, read whole: its items as objects, and what the paging reads to ask for the next.</summary>
        Page,
    }

    /// <summary>One call as the user described it: relative path, query, body, extra headers, and how its answer is read.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        public HttpMethod Method { get; }

        /// <summary>The path relative to the session's base URI (or to <see cref="Domain"/>'s root).</summary>
        public string Path { get; }

        /// <summary>The name of another of the service's domains to send the call to (-Domain); null for the base URI.</summary>
        public string Domain { get; set; }

        /// <summary>Whether the user named the body's media type (-ContentType), which a definition's does not replace.</summary>
        public bool ContentTypeGiven { get; set; }

        public IList<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The body, or null for none.</summary>
        public RequestBody Body { get; set; }

        /// <summary>What the answer is read into.</summary>
        public AnswerShape Shape { get; set; }

        /// <summary>With <see cref="AnswerShape.Objects"/>: stream the list under this field of the answer's top-level object (-ExpandProperty); null for none.</summary>
        public string ExpandProperty { get; set; }

        /// <summary>Applied to every string of the answer as it is converted (the cmdlet's secret mask); null for none.</summary>
        public Func<string, string> MaskAnswerText { get; set; }

        /// <summary>With <see cref="AnswerShape.Objects"/> or <see cref="AnswerShape.Page"/>: objects as ordered dictionaries (-AsHashtable).</summary>
        public bool AsHashtable { get; set; }

        /// <summary>An answer with an error status that the session's rules do not cure is the call's result, not a failure (-SkipHttpErrorCheck).</summary>
        public bool SkipHttpErrorCheck { get; set; }

        /// <summary>
        /// With <see cref="AnswerShape.File"/>: where a successful body is copied as it arrives,
        /// unparsed and unbounded (-OutFile). Emptied before each copy, so a replay after a renewal
        /// never leaves the refused answer's bytes in front of the good one.
        /// </summary>
        public System.IO.Stream OutFile { get; set; }

        /// <summary>
        /// The same call for another page of a list: to <paramref name="path"/> (relative, or a next
        /// link's absolute URI) with <paramref name="query"/>, its headers, domain and reading kept.
        /// </summary>
        public ApiRequest ForPage(string path, IEnumerable<KeyValuePair<string, string>> query)
        {
            var page = new ApiRequest(Method, path)
            {
                Domain = Domain,
                ContentTypeGiven = ContentTypeGiven,
                Shape = AnswerShape.Page,
                MaskAnswerText = MaskAnswerText,
                AsHashtable = AsHashtable,
            };
            foreach (var header in Headers)
            {
                page.Headers.Add(header);
            }

            foreach (var pair in query)
            {
                page.Query.Add(pair);
            }

            return page;
        }
    }
}
