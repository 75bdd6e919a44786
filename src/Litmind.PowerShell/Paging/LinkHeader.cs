using System;
using System.Collections.Generic;
using System.Linq;

namespace Litmind.PowerShell.Paging
{
    /// <summary>Reads RFC 8288 Link headers: <c>&lt;https://…?page=2&gt;; rel="next", &lt;…&gt;; rel="last"</c>.</summary>
    internal static class LinkHeader
    {
        /// <summary>The target of the first link whose relation types include <paramref name="relation"/> (any case), or null.</summary>
        public static string Find(IEnumerable<string> headerValues, string relation)
        {
            foreach (string value in headerValues ?? Enumerable.Empty<string>())
            {
                int at = 0;
                while (at < value.Length)
                {
                    int open = value.IndexOf('<', at);
                    int close = open < 0 ? -1 : value.IndexOf('>', open + 1);
                    if (close < 0)
                    {
                        break;
                    }

                    string target = value.Substring(open + 1, close - open - 1).Trim();
                    int end = NextLinkStart(value, close + 1);
                    string parameters = value.Substring(close + 1, end - close - 1);
                    if (Relations(parameters).Contains(relation, StringComparer.OrdinalIgnoreCase))
                    {
                        return target;
                    }

                    at = end;
                }
            }

            return null;
        }

        /// <summary>Where the next link of the header starts: the first ',' outside a quoted string, else the end.</summary>
        private static int NextLinkStart(string value, int from)
        {
            bool quoted = false;
            for (int i = from; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == '\\' && quoted)
                {
                    i++;
                }
                else if (c == ',' && !quoted)
                {
                    return i;
                }
            }

            return value.Length;
        }

        /// <summary>The relation types a link's parameters name (<c>rel="next last"</c> names two).</summary>
        private static IEnumerable<string> Relations(string parameters)
        {
            foreach (string parameter in parameters.Split(';'))
            {
                int equals = parameter.IndexOf('=');
                if (equals > 0 && parameter.Substring(0, equals).Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    return parameter.Substring(equals + 1).Trim().Trim('"').Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                }
            }

            return Enumerable.Empty<string>();
        }
    }
}
