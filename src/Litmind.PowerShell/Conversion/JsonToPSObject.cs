using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// Turns parsed JSON into the objects PowerShell users expect from Invoke-RestMethod: objects
    /// become PSCustomObjects, arrays object[], numbers Int64/Double. Where the service definition
    /// names a type field, its value after the definition's prefix becomes the type name, so format
    /// views and scripts can target it.
    /// </summary>
    internal static class JsonToPSObject
    {
        public static object Convert(JToken token, Services.TypeNamesDefinition typeNames)
        {
            switch (token.Type)
            {
                case JTokenType.Object:
                    return ConvertObject((JObject)token, typeNames);
                case JTokenType.Array:
                    var array = (JArray)token;
                    var items = new object[array.Count];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = Convert(array[i], typeNames);
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

        private static PSObject ConvertObject(JObject obj, Services.TypeNamesDefinition typeNames)
        {
            var result = new PSObject();
            foreach (var property in obj.Properties())
            {
                result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value, typeNames)));
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
            foreach (var token in tokens)
            {
                yield return Convert(token, typeNames);
            }
        }
    }
}
