using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// What may go into a request header. A CR or LF in a value ends the header and starts another
    /// (or ends the header block and smuggles a second request that carries the session's
    /// secrets), and a non-ASCII character cannot be sent as typed, so every value that becomes a
    /// header is checked here before anything is sent.
    /// Messages name the header, never its value: the value may be a secret.
    /// </summary>
    internal static class HeaderRules
    {
        // RFC 9110 token characters besides letters and digits.
        private const string TokenSymbols = "!#$%&'*+-.^_`|~";

        /// <summary>Refuses a header the user gave (-Headers) whose name or value cannot be sent as typed.</summary>
        public static void CheckHeader(string name, string value, string parameter)
        {
            if (!IsToken(name))
            {
                throw Failures.InvalidArgument(Messages.HeaderNameInvalid(parameter, Printable(name)));
            }

            CheckValue(value, parameter, name);
        }

        /// <summary>Refuses a value that would become a header (a session id, an API key, a content type).</summary>
        /// <param name="value">The value, never quoted in the message.</param>
        /// <param name="source">What the value is, for the message: "-SessionId", "the -Headers value 'X-A'".</param>
        public static void CheckValue(string value, string source) => CheckValue(value, source, null);

        /// <summary>
        /// Refuses a header value; the message names <paramref name="source"/>'s header
        /// <paramref name="header"/> (when given). The name is put into words only for a value that
        /// is refused: every header of every call passes through here.
        /// </summary>
        private static void CheckValue(string value, string source, string header)
        {
            if (!IsSafeValue(value) || !IsAscii(value))
            {
                throw Failures.InvalidArgument(Problem(value, Describe(source, header)));
            }
        }

        /// <summary>Why a value cannot go into a header, in words that name <paramref name="source"/>; null when it can.</summary>
        public static string Problem(string value, string source)
        {
            if (!IsSafeValue(value))
            {
                return Messages.HeaderValueUnsafe(source);
            }

            // Sent as typed it fails on the wire (and was retried as a network fault); no
            // encoding of non-ASCII header values is one every server reads alike.
            return IsAscii(value) ? null : Messages.HeaderValueNotAscii(source);
        }

        private static string Describe(string source, string header) => header == null ? source : Messages.HeaderValueOf(source, header);

        /// <summary>
        /// The last guard before a request leaves: every header of the built message, whatever
        /// its source (a flow's secrets, a session rebuilt from a deserialized handle).
        /// </summary>
        public static void Check(HttpRequestMessage request)
        {
            foreach (var header in AllHeaders(request))
            {
                if (!IsToken(header.Key))
                {
                    throw Failures.InvalidArgument(Messages.HeaderNameInvalid(Messages.RequestHeaderSource, Printable(header.Key)));
                }

                foreach (var value in header.Value)
                {
                    CheckValue(value, Messages.RequestHeaderSource, header.Key);
                }
            }
        }

        /// <summary>
        /// Refuses a header that only a body can carry (Content-Type, Content-Language, Expires...)
        /// on a request without one: HttpClient would leave it out without a word.
        /// </summary>
        public static void CheckNeedsNoBody(string name)
        {
            // Exactly the headers a request message refuses and its content takes.
            using (var probe = new HttpRequestMessage())
            {
                if (!probe.Headers.TryAddWithoutValidation(name, string.Empty))
                {
                    throw Failures.InvalidArgument(Messages.HeaderNeedsBody(name));
                }
            }
        }

        /// <summary>Every header a request carries, its content's included.</summary>
        public static IEnumerable<KeyValuePair<string, IEnumerable<string>>> AllHeaders(HttpRequestMessage request) =>
            request.Content == null ? request.Headers : request.Headers.Concat(request.Content.Headers);

        /// <summary>Whether a header name is Content-Type (any case): the body's, not the request's.</summary>
        public static bool IsContentType(string name) => string.Equals(name, "Content-Type", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>A header name: one or more token characters (no space, no separator, no control).</summary>
        public static bool IsToken(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            foreach (char c in name)
            {
                bool letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!letterOrDigit && TokenSymbols.IndexOf(c) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A header value: no control character but the tab (so no CR, LF or NUL).</summary>
        public static bool IsSafeValue(string value)
        {
            if (value == null)
            {
                return true;
            }

            foreach (char c in value)
            {
                if ((c < ' ' && c != '\t') || c == '\u007f')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether every character of a value is ASCII.</summary>
        public static bool IsAscii(string value)
        {
            if (value == null)
            {
                return true;
            }

            foreach (char c in value)
            {
                if (c > '\u007f')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A name for a message, its control characters shown as escapes.</summary>
        private static string Printable(string name)
        {
            if (name == null)
            {
                return string.Empty;
            }

            var text = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                switch (c)
                {
                    case '\r':
                        text.Append("\\r");
                        break;
                    case '\n':
                        text.Append("\\n");
                        break;
                    case '\0':
                        text.Append("\\0");
                        break;
                    default:
                        text.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
                        break;
                }
            }

            return text.Length > 100 ? text.ToString(0, 100) + "…" : text.ToString();
        }
    }
}
