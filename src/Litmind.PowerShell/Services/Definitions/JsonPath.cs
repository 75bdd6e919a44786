using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// The paths definitions use to point into an answer: steps joined by dots, each a property name
    /// matched exactly (<c>data.token</c>, <c>profile.profileImage.urls.thumbnail</c>) or, on an
    /// array, a whole number that indexes it from 0 (<c>errors.0.detail</c>).
    /// </summary>
    internal static class JsonPath
    {
        /// <summary>The token at <paramref name="path"/>, or null when any step is missing.</summary>
        public static JToken Find(JToken root, string path)
        {
            var token = root;
            foreach (var step in path.Split('.'))
            {
                token = token is JArray array ? Index(array, step) : (token as JObject)?[step];
                if (token == null)
                {
                    return null;
                }
            }

            return token;
        }

        /// <summary>
        /// The text of a string, number or boolean at <paramref name="path"/>, or of an array of
        /// them, joined ("Title can't be blank; Title is too short"); null for absent, null, empty
        /// and objects.
        /// </summary>
        public static string FindText(JToken root, string path)
        {
            var token = Find(root, path);
            if (token is JArray list)
            {
                var texts = list.Select(Text).Where(text => text != null).ToList();
                return texts.Count == 0 ? null : string.Join("; ", texts);
            }

            return Text(token);
        }

        /// <summary>Whether every step of a path is a non-empty name (or index).</summary>
        public static bool IsValid(string path) =>
            !string.IsNullOrEmpty(path) && System.Array.TrueForAll(path.Split('.'), step => step.Length > 0);

        private static JToken Index(JArray array, string step) =>
            int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < array.Count ? array[index] : null;

        private static string Text(JToken token)
        {
            if (token == null || token.Type == JTokenType.Null || token is JContainer)
            {
                return null;
            }

            string text = token.Type == JTokenType.Boolean ? ((bool)token ? "true" : "false") : ((JValue)token).ToString(CultureInfo.InvariantCulture);
            return text.Length == 0 ? null : text;
        }
    }
}
