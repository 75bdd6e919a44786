using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// Turns parsed JSON into the objects PowerShell users expect from Invoke-RestMethod: objects
    /// become PSCustomObjects, arrays object[], numbers Int64/Double. Where the service definition
    /// names a type field, its value after the definition's prefix becomes the type name, so format
    /// views and scripts can target it. Keys that differ only in case raise <see cref="InvalidDataException"/>.
    /// </summary>
    internal static class JsonToPSObject
    {
        /// <param name="token">The JSON.</param>
        /// <param name="typeNames">The definition's type field and prefix; null for none.</param>
        /// <param name="root">Where the token sits in the answer ("[3]" for a streamed element), for messages; null for the whole answer.</param>
        public static object Convert(JToken token, Services.TypeNamesDefinition typeNames, string root = null)
        {
            switch (token.Type)
            {
                case JTokenType.Object:
                    return ConvertObject((JObject)token, typeNames, root);
                case JTokenType.Array:
                    var array = (JArray)token;
                    var items = new object[array.Count];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = Convert(array[i], typeNames, root);
                    }

                    return items;
                case JTokenType.Integer:
                    var value = ((JValue)token).Value;
                    return value is System.Numerics.BigInteger ? value : System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case JTokenType.Float:
                    return ((JValue)token).Value;
                case JTokenType.String:
                case JTokenType.Boolean:
                    return ((JValue)token).Value;
                case JTokenType.Null:
                case JTokenType.Undefined:
                    return null;
                default:
                    return ((JValue)token).Value;
            }
        }

        private static PSObject ConvertObject(JObject obj, Services.TypeNamesDefinition typeNames, string root)
        {
            var result = new PSObject();
            foreach (var property in obj.Properties())
            {
                // JSON keys are case-sensitive, PowerShell properties are not: adding the second
                // would silently lose a value, so refuse as ConvertFrom-Json does.
                var existing = result.Properties[property.Name];
                if (existing != null)
                {
                    throw new InvalidDataException(Messages.KeysDifferInCase(PathOf(obj, root), existing.Name, property.Name));
                }

                result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value, typeNames, root)));
            }

            if (typeNames != null && obj.TryGetValue(typeNames.Field, StringComparison.Ordinal, out var entity) && entity.Type == JTokenType.String)
            {
                string name = (string)entity;
                if (IsTypeNameSafe(name))
                {
                    result.TypeNames.Insert(0, typeNames.Prefix + name);
                }
            }

            return result;
        }

        // A server-chosen name becomes a type name only when it is a plain identifier.
        private static bool IsTypeNameSafe(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 100)
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!char.IsLetterOrDigit(c) && c != '_' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Converts each element of a streamed array as it arrives.</summary>
        public static IEnumerable<object> ConvertEach(IEnumerable<JToken> tokens, Services.TypeNamesDefinition typeNames)
        {
            int index = 0;
            foreach (var token in tokens)
            {
                yield return Convert(token, typeNames, "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                index++;
            }
        }

        /// <summary>A token's path in the whole answer: a streamed element is parsed on its own, so its path starts at the element.</summary>
        private static string PathOf(JToken token, string root)
        {
            string path = token.Path;
            if (string.IsNullOrEmpty(root))
            {
                return path;
            }

            return path.Length == 0 ? root : root + (path.StartsWith("[", StringComparison.Ordinal) ? string.Empty : ".") + path;
        }
    }
}
