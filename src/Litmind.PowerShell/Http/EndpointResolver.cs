using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Turns a user's -Path into the URI a request goes to, refusing anything that would take the
    /// session's headers somewhere else than the session's own API.
    /// </summary>
    internal static class EndpointResolver
    {
        public static Uri Resolve(Uri baseUri, string path, IList<KeyValuePair<string, string>> query) => Resolve(baseUri, path, query, null);

        /// <summary>
        /// The URI a call goes to: <paramref name="path"/> relative to <paramref name="baseUri"/>, or
        /// an absolute URI under it or under the root of one of <paramref name="otherRoots"/> (the
        /// service's other domains); anywhere else is Litmind.ForeignHost.
        /// </summary>
        public static Uri Resolve(Uri baseUri, string path, IList<KeyValuePair<string, string>> query, IEnumerable<Uri> otherRoots)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw Failures.InvalidArgument(Messages.PathEmpty);
            }

            string relative = path.Trim();
            if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                // An absolute URI is allowed only under the session's own base URI, or a domain's root.
                baseUri = new[] { baseUri }.Concat(otherRoots ?? Enumerable.Empty<Uri>()).FirstOrDefault(root => IsUnder(absolute, root))
                    ?? throw Failures.ForeignHost(absolute, baseUri);
                relative = absolute.PathAndQuery.Substring(baseUri.AbsolutePath.Length);
            }

            if (relative.IndexOf('#') >= 0)
            {
                throw Failures.InvalidArgument(Messages.PathHasFragment(path));
            }

            int queryStart = relative.IndexOf('?');
            if (queryStart >= 0 && query != null && query.Count > 0)
            {
                throw Failures.InvalidArgument(Messages.PathAndQueryBothGiven);
            }

            string pathPart = queryStart >= 0 ? relative.Substring(0, queryStart) : relative;
            foreach (string segment in pathPart.Replace('\\', '/').Split('/'))
            {
                if (segment == ".." || segment == "." || Uri.UnescapeDataString(segment) == "..")
                {
                    throw Failures.InvalidArgument(Messages.PathHasDotSegments(path));
                }
            }

            var builder = new StringBuilder(baseUri.GetLeftPart(UriPartial.Path));
            if (builder[builder.Length - 1] != '/')
            {
                builder.Append('/');
            }

            builder.Append(relative.TrimStart('/'));
            if (query != null && query.Count > 0)
            {
                char separator = '?';
                foreach (var pair in query)
                {
                    builder.Append(separator).Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value ?? string.Empty));
                    separator = '&';
                }
            }

            return new Uri(builder.ToString(), UriKind.Absolute);
        }

        /// <summary>
        /// The URI with <paramref name="values"/> added to its query, replacing any of the same name
        /// already there (the session's values go last, as its headers do).
        /// </summary>
        public static Uri WithQuery(Uri uri, IEnumerable<KeyValuePair<string, string>> values)
        {
            var added = values.ToList();
            var names = new HashSet<string>(added.Select(pair => pair.Key), StringComparer.Ordinal);
            var kept = uri.Query.Length > 1
                ? uri.Query.Substring(1).Split('&').Where(pair => pair.Length > 0 && !names.Contains(Uri.UnescapeDataString(pair.Split('=')[0])))
                : Enumerable.Empty<string>();
            string query = string.Join("&", kept.Concat(added.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value ?? string.Empty))));
            return new Uri(uri.GetLeftPart(UriPartial.Path) + (query.Length == 0 ? string.Empty : "?" + query), UriKind.Absolute);
        }

        /// <summary>Whether <paramref name="uri"/> is on <paramref name="root"/>'s origin and under its path.</summary>
        public static bool IsUnder(Uri uri, Uri root) =>
            string.Equals(uri.GetLeftPart(UriPartial.Authority), root.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && uri.GetLeftPart(UriPartial.Path).StartsWith(root.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);

        /// <summary>Checks a base URI the user gave and normalizes it to end with '/'.</summary>
        public static Uri NormalizeBaseUri(Uri baseUri)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri)
            {
                throw Failures.InvalidArgument(Messages.BaseUriNotAbsolute(baseUri?.OriginalString));
            }

            if (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)
            {
                throw Failures.InvalidArgument(Messages.BaseUriScheme(baseUri.Scheme));
            }

            if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment) || !string.IsNullOrEmpty(baseUri.UserInfo))
            {
                throw Failures.InvalidArgument(Messages.BaseUriExtraParts);
            }

            string text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/", UriKind.Absolute);
        }

        /// <summary>
        /// An error record's target as typed (a -Path, a -BaseUri) without its query or fragment,
        /// and cut when long: `$ErrorView = 'NormalView'` prints the target, and a query may carry
        /// a token.
        /// </summary>
        public static object TargetOf(object target)
        {
            switch (target)
            {
                case Uri uri when uri.IsAbsoluteUri:
                    var withoutQuery = WithoutQuery(uri);
                    return withoutQuery.OriginalString.Length > Messages.MaximumValueLength ? Messages.Shorten(withoutQuery.ToString()) : (object)withoutQuery;
                case Uri uri:
                    return Messages.Shorten(WithoutQuery(uri.OriginalString));
                case string text:
                    return Messages.Shorten(WithoutQuery(text));
                default:
                    return target;
            }
        }

        private static string WithoutQuery(string text)
        {
            int end = text.IndexOfAny(new[] { '?', '#' });
            return end < 0 ? text : text.Substring(0, end);
        }

        /// <summary>
        /// The URI as verbose output shows it: with its query, so paging can be followed, but the
        /// value of every key that looks like it holds a secret (token, key, password, ...) masked,
        /// and cut when long.
        /// </summary>
        public static string ForLog(Uri uri)
        {
            string text = uri.GetLeftPart(UriPartial.Path);
            string query = uri.Query;
            if (query.Length > 1)
            {
                var pairs = query.Substring(1).Split('&').Select(pair =>
                {
                    int equals = pair.IndexOf('=');
                    string key = equals < 0 ? pair : pair.Substring(0, equals);
                    return equals >= 0 && LooksSecret(Uri.UnescapeDataString(key)) ? key + "=" + HeaderRedaction.Redacted : pair;
                });
                text += "?" + string.Join("&", pairs);
            }

            return Messages.Shorten(text);
        }

        /// <summary>Whether a query key names a secret: a token, a key, a password, a session, a signature.</summary>
        internal static bool LooksSecret(string key)
        {
            string name = key.ToLowerInvariant();
            return SecretKeyParts.Any(part => name.Contains(part)) || SecretKeys.Contains(name);
        }

        private static readonly string[] SecretKeyParts = { "token", "secret", "pass", "pwd", "key", "auth", "session", "sig", "csrf", "cred" };

        private static readonly string[] SecretKeys = { "sid", "code", "otp", "pin" };

        /// <summary>The URI without its query, the only form that goes into messages and errors.</summary>
        public static Uri WithoutQuery(Uri uri) => Failures.WithoutQuery(uri);

        /// <summary>Whether secrets may travel to this URI: HTTPS, or plain HTTP on loopback.</summary>
        public static bool IsSecureTransport(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback;
    }
}
