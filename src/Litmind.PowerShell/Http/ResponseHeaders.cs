using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Litmind.PowerShell.Http
{
    /// <summary>Reads well-known response headers.</summary>
    internal static class ResponseHeaders
    {
        private static readonly string[] CorrelationHeaders = { "X-Request-Id", "X-Correlation-Id", "Request-Id", "X-Amzn-RequestId", "traceparent" };

        // Response headers whose names look like secrets to HeaderRedaction but carry none.
        private static readonly string[] NeverSecret = { "WWW-Authenticate", "Proxy-Authenticate" };

        /// <summary>
        /// The answer's headers and content headers, as -ResponseHeadersVariable and
        /// $_.Exception.Response show them: a header whose name says it carries a secret
        /// (Set-Cookie, X-Auth-Token, Devise's access-token) has its value redacted.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string[]>> Snapshot(HttpResponseMessage response)
        {
            var headers = response.Headers.AsEnumerable();
            if (response.Content != null)
            {
                headers = headers.Concat(response.Content.Headers);
            }

            return headers.Select(header => new KeyValuePair<string, string[]>(
                header.Key,
                IsSecret(header.Key) ? new[] { HeaderRedaction.Redacted } : header.Value.ToArray())).ToList();
        }

        private static bool IsSecret(string name) =>
            HeaderRedaction.IsSecret(name)
            && !NeverSecret.Contains(name, StringComparer.OrdinalIgnoreCase)
            && !name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase);

        /// <summary>The values of a header of the answer, its content's headers included; none when it is absent.</summary>
        public static IEnumerable<string> Values(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) || (response.Content != null && response.Content.Headers.TryGetValues(name, out values))
                ? values
                : Enumerable.Empty<string>();

        /// <summary>The answer's correlation id, for support tickets; null when the server sent none.</summary>
        public static string CorrelationId(HttpResponseMessage response)
        {
            foreach (var name in CorrelationHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values))
                {
                    return values.FirstOrDefault();
                }
            }

            return null;
        }
    }
}
