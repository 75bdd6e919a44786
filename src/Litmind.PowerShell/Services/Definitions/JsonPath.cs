using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// The paths definitions use to point into an answer: steps joined by dots, each a property name
    /// matched exactly (<c>data.token</c>, <c>profile.profileImage.urls.thumbnail</c>) or, on an
    /// array, a whole number that indexes it from 0 (<c>errors.0.detail</c>); a property whose name
    /// has dots in it is found by the whole rest of the path.
    /// </summary>
    internal static class JsonPath
    {
        /// <summary>
        /// The token at <paramref name="path"/>, or null when any step is missing. A property whose
        /// name holds dots (OData's <c>@odata.nextLink</c>) is found by the whole rest of the path.
        /// </summary>
        public static JToken Find(JToken root, string path)
        {
            var token = root;
            int start = 0;
            while (token != null)
            {
                if (token is JObject whole && path.IndexOf('.', start) >= 0 && whole[path.Substring(start)] is JToken dotted)
                {
                    return dotted;
                }

                int end = path.IndexOf('.', start);
                string step = end < 0 ? path.Substring(start) : path.Substring(start, end - start);
                token = token is JArray array ? Index(array, step) : (token as JObject)?[step];
                if (end < 0)
                {
                    return token;
                }

                start = end + 1;
            }

            return null;
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
