using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Litmind.PowerShell.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// The JSON of a definition, read field by field: each read checks the value's type and shape
    /// and fails with Litmind.InvalidServiceDefinition naming the field's JSON path, its line and
    /// what was expected, so a user's own file is easy to fix.
    /// </summary>
    internal abstract class DefinitionJson
    {
        protected DefinitionJson(string source)
        {
            Source = source;
        }

        /// <summary>Where the definition came from, for messages: "built-in Litmind.json", a file path, "the hand-off".</summary>
        protected string Source { get; }

        /// <summary>Whether <paramref name="name"/> is a name: a letter, then ASCII letters, digits and '_'.</summary>
        internal static bool IsIdentifier(string name) =>
            !string.IsNullOrEmpty(name) && char.IsLetter(name[0]) && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_');

        /// <summary>A header or cookie name: RFC 9110 token characters.</summary>
        internal static bool IsToken(string name) =>
            name.Length > 0 && name.All(c => c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".IndexOf(c) < 0);

        /// <summary>The failure for a field: its JSON path (or <paramref name="path"/>), its line and position, and the problem.</summary>
        internal LitmindException Invalid(JToken token, string problem, string path = null)
        {
            var line = token as IJsonLineInfo;
            bool known = line != null && line.HasLineInfo();
            return new LitmindException(
                ErrorIds.InvalidServiceDefinition,
                LitmindErrorKind.InvalidArgument,
                Messages.InvalidServiceDefinition(Source, path ?? JsonPathOf(token), known ? line.LineNumber : 0, known ? line.LinePosition : 0, problem));
        }

        protected string Name(JToken token)
        {
            string name = String(token);
            return name.Length > 0 && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_' || c == '-' || c == '.')
                ? name
                : throw Invalid(token, "expected a name of letters, digits, '-', '_' and '.'");
        }

        protected string Identifier(JProperty property) =>
            IsIdentifier(property.Name) ? property.Name : throw Invalid(property, "'" + property.Name + "' is not a name (a letter, then letters, digits and '_')");

        protected string HeaderName(JToken token)
        {
            string name = String(token);
            return IsToken(name) ? name : throw Invalid(token, "'" + name + "' is not a valid header or cookie name");
        }

        protected string HeaderName(JProperty property) =>
            IsToken(property.Name) ? property.Name : throw Invalid(property, "'" + property.Name + "' is not a valid header or cookie name");

        protected string NonEmpty(JProperty property) =>
            property.Name.Length > 0 ? property.Name : throw Invalid(property, "a name cannot be empty");

        protected string NonEmptyString(JToken token) =>
            String(token).Length > 0 ? (string)token : throw Invalid(token, "expected a non-empty string");

        protected string Path(JToken token)
        {
            string path = String(token);
            return JsonPath.IsValid(path) ? path : throw Invalid(token, "expected a JSON path of property names joined by dots, such as 'data.token'");
        }

        protected IReadOnlyList<string> Paths(JToken token) => OneOrMany(token, Path);

        protected int Status(JToken token) =>
            token.Type == JTokenType.Integer ? (int)Number(token, 100, 599) : throw Invalid(token, "expected an HTTP status code (a whole number from 100 to 599)");

        protected string Code(JToken token) =>
            token.Type == JTokenType.String || token.Type == JTokenType.Integer ? ((JValue)token).ToString(CultureInfo.InvariantCulture) : throw Invalid(token, "expected an error code (a string or a whole number)");

        protected double Number(JToken token, double minimum, double maximum)
        {
            if ((token.Type != JTokenType.Integer && token.Type != JTokenType.Float) || (double)token < minimum || (double)token > maximum)
            {
                throw Invalid(token, string.Format(CultureInfo.InvariantCulture, "expected a number from {0} to {1}", minimum, maximum));
            }

            return (double)token;
        }

        protected string OneOf(JToken token, params string[] allowed)
        {
            string value = String(token);
            return allowed.Contains(value) ? value : throw Invalid(token, "expected one of " + string.Join(", ", allowed) + ", not '" + value + "'");
        }

        protected bool? Boolean(JToken token) => token.Type == JTokenType.Boolean ? (bool)token : throw Invalid(token, "expected true or false");

        protected string String(JToken token) => token.Type == JTokenType.String ? (string)token : throw Invalid(token, "expected a string");

        protected JObject Object(JToken token) => token as JObject ?? throw Invalid(token, "expected a JSON object");

        protected JArray Array(JToken token) => token as JArray ?? throw Invalid(token, "expected a JSON array");

        protected List<T> OneOrMany<T>(JToken token, Func<JToken, T> read) =>
            token is JArray many ? many.Select(read).ToList() : new List<T> { read(token) };

        protected JToken Required(JObject obj, string name) =>
            obj[name] ?? throw Invalid(obj, "the field '" + name + "' is required", JsonPathOf(obj) + "." + name);

        protected static T Optional<T>(JObject obj, string name, Func<JToken, T> read) =>
            obj[name] == null || obj[name].Type == JTokenType.Null ? default(T) : read(obj[name]);

        /// <summary>Refuses a field the format does not have: a typo would otherwise be a setting that does nothing.</summary>
        protected void Fields(JObject obj, params string[] allowed)
        {
            var unknown = obj.Properties().FirstOrDefault(p => !allowed.Contains(p.Name, StringComparer.Ordinal));
            if (unknown != null)
            {
                throw Invalid(unknown, "unknown field '" + unknown.Name + "'; expected " + string.Join(", ", allowed));
            }
        }

        private static string JsonPathOf(JToken token) => token == null || token.Path.Length == 0 ? "$" : "$." + token.Path;
    }
}
