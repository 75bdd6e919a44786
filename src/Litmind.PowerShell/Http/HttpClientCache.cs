using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// One HttpClient, and so one connection pool, per scheme+host+port for the life of the process:
    /// every call and every runspace reuses it, keeping connections alive instead of opening one
    /// per call. Never disposed: Remove-Module in one runspace must not cut off the calls other
    /// runspaces are making, and idle pooled connections close on their own.
    /// </summary>
    internal static class HttpClientCache
    {
        // SslProtocols.Tls13 is not in netstandard2.0's enum; the value is stable.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> Clients =
            new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.OrdinalIgnoreCase);

        public static HttpClient For(Uri uri)
        {
            string key = uri.GetLeftPart(UriPartial.Authority);
            return Clients.GetOrAdd(key, _ => new Lazy<HttpClient>(Create)).Value;
        }

        private static HttpClient Create() => new HttpClient(CreateHandler(), disposeHandler: true)
        {
            // Each call has its own timeout (a CancellationTokenSource); the client never cuts
            // a call off on its own.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

        internal static HttpClientHandler CreateHandler()
        {
            var handler = new HttpClientHandler
            {
                // Redirects are never followed: the session headers must not travel to wherever a
                // server points, and a redirect from an API is an answer worth reporting.
                AllowAutoRedirect = false,
                // Cookies belong to a session, not to the shared pool; flows that need them carry them.
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };

            // TLS 1.2+ on this handler only: Windows PowerShell 5.1 defaults to older protocols, and
            // changing ServicePointManager would change them for every other module in the process.
            try
            {
                handler.SslProtocols = SslProtocols.Tls12 | Tls13;
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is ArgumentException || ex is PlatformNotSupportedException)
            {
                handler.SslProtocols = SslProtocols.Tls12;
            }

            return handler;
        }
    }
}
