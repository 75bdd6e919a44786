using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace Litmind.PowerShell.Http
{
    /// <summary>Describes request headers for debug output with every secret value replaced.</summary>
    internal static class HeaderRedaction
    {
        public const string Redacted = "<redacted>";

        // Secrets whatever the service: credentials and cookies travel in these.
        private static readonly string[] AlwaysSecret = { "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Csrf-Token" };

        /// <summary>Whether a header the user adds carries a secret: a credential or cookie header, or a name such as X-Auth-Token.</summary>
        public static bool IsSecret(string name) =>
            AlwaysSecret.Contains(name, StringComparer.OrdinalIgnoreCase) || EndpointResolver.LooksSecret(name);

        public static string Describe(HttpRequestMessage request, IEnumerable<string> secretHeaders)
        {
            var secrets = new HashSet<string>(AlwaysSecret.Concat(secretHeaders ?? Enumerable.Empty<string>()), StringComparer.OrdinalIgnoreCase);
            var text = new StringBuilder();
            foreach (var header in HeaderRules.AllHeaders(request))
            {
                if (text.Length > 0)
                {
                    text.Append("; ");
                }

                text.Append(header.Key).Append(": ").Append(secrets.Contains(header.Key) ? Redacted : string.Join(", ", header.Value));
            }

            return text.ToString();
        }
    }
}
