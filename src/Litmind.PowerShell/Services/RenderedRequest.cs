using System;
using System.Collections.Generic;
using System.Net.Http;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// A definition's request with its templates filled in, ready to be sent as often as the
    /// pipeline needs (a request message cannot be sent twice).
    /// </summary>
    internal sealed class RenderedRequest
    {
        public RenderedRequest(HttpMethod method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, RequestBody body)
        {
            Method = method;
            Uri = uri;
            Headers = headers;
            Body = body;
        }

        public HttpMethod Method { get; }

        public Uri Uri { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        public RequestBody Body { get; }

        public HttpRequestMessage CreateMessage()
        {
            var message = new HttpRequestMessage(Method, Uri) { Content = Body?.CreateContent() };
            foreach (var header in Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (message.Headers.Accept.Count == 0)
            {
                message.Headers.Accept.ParseAdd("application/json");
            }

            return message;
        }
    }
}
