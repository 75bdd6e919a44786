using System.Collections.Generic;
using System.Net;
using System.Net.Http;

namespace Litmind.PowerShell.Errors
{
    /// <summary>An answer's status line and headers as an HttpResponseMessage with no body, the shape Invoke-RestMethod's errors give scripts.</summary>
    internal static class ResponseSnapshot
    {
        public static HttpResponseMessage ToMessage(int statusCode, string reasonPhrase, IReadOnlyList<KeyValuePair<string, string[]>> headers)
        {
            var message = new HttpResponseMessage((HttpStatusCode)statusCode) { Content = new ByteArrayContent(new byte[0]) };
            if (reasonPhrase != null)
            {
                message.ReasonPhrase = reasonPhrase;
            }

            foreach (var header in headers ?? new KeyValuePair<string, string[]>[0])
            {
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value) && !header.Key.Equals("Content-Length", System.StringComparison.OrdinalIgnoreCase))
                {
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return message;
        }
    }
}
