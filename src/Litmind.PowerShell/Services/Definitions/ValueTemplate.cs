using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// A reference to a named value inside a template: <c>{secret.apiKey}</c>, <c>{token.sessionId?}</c>.
    /// A trailing '?' makes it optional: when the value is absent, the header, field or query
    /// parameter that holds it is left out instead of failing.
    /// </summary>
    internal sealed class ValueReference
    {
        public const string Secret = "secret";
        public const string Credential = "credential";
        public const string Token = "token";
        public const string Parameter = "parameter";
        public const string Account = "account";

        public static readonly IReadOnlyList<string> Sources = new[] { Secret, Credential, Token, Parameter, Account };

        public ValueReference(string source, string name, bool optional)
        {
            Source = source;
            Name = name;
            Optional = optional;
        }

        public string Source { get; }

        public string Name { get; }

        public bool Optional { get; }

        public override string ToString() => "{" + Source + "." + Name + (Optional ? "?" : string.Empty) + "}";
    }

    /// <summary>
    /// Text with value references, e.g. <c>Bearer {token.bearer}</c>. Braces are doubled to be
    /// literal (<c>{{</c>). Parsed once when a definition loads; rendered for every request.
    /// </summary>
    internal sealed class ValueTemplate
    {
        private readonly IReadOnlyList<object> parts;

        private ValueTemplate(string text, IReadOnlyList<object> parts)
        {
            Text = text;
            this.parts = parts;
        }

        public string Text { get; }

        public IEnumerable<ValueReference> References => parts.OfType<ValueReference>();

        /// <summary>The template's own text, without its references: what it says whatever the values.</summary>
        public string Literal => string.Concat(parts.OfType<string>());

        /// <summary>The reference when the whole template is one reference (its value keeps its type in JSON), else null.</summary>
        public ValueReference Single => parts.Count == 1 ? parts[0] as ValueReference : null;

        /// <summary>Parses a template; returns null and a reason when it is malformed.</summary>
        public static ValueTemplate Parse(string text, out string problem)
        {
            problem = null;
            var parts = new List<object>();
            var literal = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }

                if (c == '}')
                {
                    problem = "a '}' without its '{' (write '}}' for a literal brace)";
                    return null;
                }

                if (c != '{')
                {
                    literal.Append(c);
                    continue;
                }

                int end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    problem = "a '{' without its '}' (write '{{' for a literal brace)";
                    return null;
                }

                var reference = ParseReference(text.Substring(i + 1, end - i - 1), out problem);
                if (reference == null)
                {
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                parts.Add(reference);
                i = end;
            }

            if (literal.Length > 0 || parts.Count == 0)
            {
                parts.Add(literal.ToString());
            }

            return new ValueTemplate(text, parts);
        }

        /// <summary>
        /// The text with every reference replaced by its value; null when an optional reference has
        /// no value. <paramref name="lookup"/> returns null for an absent value and throws for a
        /// required one it cannot supply.
        /// </summary>
        public string Render(Func<ValueReference, object> lookup)
        {
            if (Single != null)
            {
                return Format(lookup(Single));
            }

            var text = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is ValueReference reference)
                {
                    var value = lookup(reference);
                    if (value == null)
                    {
                        return null;
                    }

                    text.Append(Format(value));
                }
                else
                {
                    text.Append((string)part);
                }
            }

            return text.ToString();
        }

        public override string ToString() => Text;

        internal static string Format(object value) =>
            value == null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

        private static ValueReference ParseReference(string body, out string problem)
        {
            problem = null;
            bool optional = body.EndsWith("?", StringComparison.Ordinal);
            if (optional)
            {
                body = body.Substring(0, body.Length - 1);
            }

            int dot = body.IndexOf('.');
            string source = dot < 0 ? body : body.Substring(0, dot);
            string name = dot < 0 ? string.Empty : body.Substring(dot + 1);
            if (!ValueReference.Sources.Contains(source))
            {
                problem = "'{" + body + "}' names no known source of values (" + string.Join(", ", ValueReference.Sources) + ")";
                return null;
            }

            if (!DefinitionJson.IsIdentifier(name))
            {
                problem = "'{" + body + "}' needs a name after '" + source + ".' (letters, digits and '_')";
                return null;
            }

            return new ValueReference(source, name, optional);
        }
    }
}
