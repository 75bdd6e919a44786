using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// The paths definitions use to point into an answer: property names joined by dots
    /// (<c>data.token</c>, <c>profile.profileImage.urls.thumbnail</c>), matched exactly.
    /// </summary>
    internal static class JsonPath
    {
        /// <summary>The token at <paramref name="path"/>, or null when any step is missing.</summary>
        public static JToken Find(JToken root, string path)
        {
            var token = root;
            foreach (var name in path.Split('.'))
            {
                token = (token as JObject)?[name];
                if (token == null)
                {
                    return null;
                }
            }

            return token;
        }

        /// <summary>The text of a string, number or boolean at <paramref name="path"/>; null for absent, null, empty, objects and arrays.</summary>
        public static string FindText(JToken root, string path)
        {
            var token = Find(root, path);
            if (token == null || token.Type == JTokenType.Null || token is JContainer)
            {
                return null;
            }

            string text = token.Type == JTokenType.Boolean ? ((bool)token ? "true" : "false") : ((JValue)token).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return text.Length == 0 ? null : text;
        }

        /// <summary>Whether every step of a path is a non-empty name.</summary>
        public static bool IsValid(string path) =>
            !string.IsNullOrEmpty(path) && System.Array.TrueForAll(path.Split('.'), step => step.Length > 0);
    }
}
