using System.Linq;
using System.Net.Http;

namespace Litmind.PowerShell.Http
{
    /// <summary>Reads well-known response headers.</summary>
    internal static class ResponseHeaders
    {
        private static readonly string[] CorrelationHeaders = { "X-Request-Id", "X-Correlation-Id", "Request-Id", "X-Amzn-RequestId", "traceparent" };

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
