using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
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

        public ApiResult(int statusCode, HttpResponseHeaders headers, string mediaType, IDisposable owner)
        {
            StatusCode = statusCode;
            Headers = headers;
            MediaType = mediaType;
            this.owner = owner;
        }

        public int StatusCode { get; }

        public HttpResponseHeaders Headers { get; }

        public string MediaType { get; }

        /// <summary>The whole answer when it is not a top-level array; null for an empty body.</summary>
        public JToken Document { get; set; }

        /// <summary>The elements of a top-level array, parsed one at a time as they are enumerated.</summary>
        public IEnumerable<JToken> Items { get; set; }

        /// <summary>The body as text, for -Raw.</summary>
        public string Text { get; set; }

        public void Dispose() => owner?.Dispose();
    }
}
