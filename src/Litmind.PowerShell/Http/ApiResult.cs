using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A successful answer: a parsed document, a stream of array elements still being read from the
    /// wire, or the raw text. Disposing it releases the connection.
    /// </summary>
    internal sealed class ApiResult : IDisposable
    {
        private readonly IDisposable owner;
        private readonly System.Net.Http.HttpResponseMessage message;

        /// <param name="response">The answer whose status, headers and media type this result reports.</param>
        /// <param name="owner">What disposing the result releases (the response, while its body is still read); null for nothing.</param>
        public ApiResult(SentResponse response, IDisposable owner)
        {
            StatusCode = response.StatusCode;
            message = response.Message;
            MediaType = response.MediaType;
            this.owner = owner;
        }

        public int StatusCode { get; }

        /// <summary>The values of one of the answer's headers (its content's included); none when it is absent.</summary>
        public IEnumerable<string> Header(string name) => Http.ResponseHeaders.Values(message, name);

        /// <summary>The answer's headers and content headers (secret ones redacted), read when asked for (-ResponseHeadersVariable).</summary>
        public IReadOnlyList<KeyValuePair<string, string[]>> ResponseHeaders => Http.ResponseHeaders.Snapshot(message);

        /// <summary>Where the call went (a next link relative to it resolves against it).</summary>
        public Uri RequestUri => message.RequestMessage?.RequestUri;

        public string MediaType { get; }

        /// <summary>The whole answer when it is not a top-level array; null for an empty body.</summary>
        public JToken Document { get; set; }

        /// <summary>The elements of a top-level array, parsed one at a time as they are enumerated.</summary>
        public IEnumerable<JToken> Items { get; set; }

        /// <summary>The whole answer converted to objects (not a top-level array); see <see cref="HasValue"/>.</summary>
        public object Value { get; set; }

        /// <summary>True when the body held a document other than a top-level array (its value may be null).</summary>
        public bool HasValue { get; set; }

        /// <summary>Objects streamed as they are read: a top-level array's elements, or the list under -ExpandProperty.</summary>
        public IEnumerable<object> Objects { get; set; }

        /// <summary>The top-level fields the service definition reads (success flag, message, code), for the envelope check.</summary>
        public JObject Envelope { get; set; }

        /// <summary>True when the answer has no field named by -ExpandProperty.</summary>
        public bool ExpandedMissing { get; set; }

        /// <summary>The body as text, for -Raw.</summary>
        public string Text { get; set; }

        /// <summary>One page of a list (<see cref="AnswerShape.Page"/>), read whole.</summary>
        public PageContent Page { get; set; }

        public void Dispose() => owner?.Dispose();
    }
}
