using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq.Expressions;
using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// Converts JSON straight from the reader into the objects Invoke-RestMethod users expect
    /// (objects become PSCustomObjects, arrays object[], numbers Int64/Double, ISO 8601 strings
    /// DateTime as ConvertFrom-Json makes them: the reader parses them), with no intermediate token
    /// tree; or, with -AsHashtable, objects become ordered dictionaries (as ConvertFrom-Json
    /// -AsHashtable: keys keep their case, so names that differ only in case are two keys). Where
    /// the service definition names a type field, its value after the definition's prefix becomes
    /// the type name of a PSCustomObject, for format views and scripts. Of the top-level object
    /// only the fields the definition reads from an answer (success flag, message, code, expiry
    /// rules) are also kept as tokens, so the envelope can still be checked.
    /// </summary>
    internal sealed class JsonAnswerConverter
    {
        /// <summary>
        /// A new PSCustomObject. PowerShell 7 has a constructor that gives the object its own member
        /// list; without it (Windows PowerShell 5.1) the first property added registers the object
        /// in a process-wide weak table, an entry the garbage collector then tracks for every object.
        /// </summary>
        private static readonly Func<PSObject> NewObject = FindMemberListConstructor();

        private readonly string typeField;
        private readonly string typePrefix;
        private readonly ICollection<string> envelopeFields;
        private readonly System.Func<string, string> maskText;
        private readonly bool asDictionaries;

        // Every allocation per answer is garbage that collections pay for, so two things are kept
        // for the converter's life: the field names of the objects being read (one list per
        // nesting level, reused) and the prefixed type names (one string per distinct name).
        private readonly List<List<string>> namesByDepth = new List<List<string>>();
        private Dictionary<string, string> prefixedTypeNames;
        private int depth;

        /// <summary>The most distinct type names kept: an API names a few dozen types at most.</summary>
        internal const int MaximumCachedTypeNames = 64;

        /// <param name="typeField">The field whose value names an object's type; null for none.</param>
        /// <param name="typePrefix">What goes before that value in the type name.</param>
        /// <param name="envelopeFields">The top-level fields the definition reads from an answer.</param>
        /// <param name="maskText">Applied to every string value (the secret mask); null for none.</param>
        /// <param name="asDictionaries">Objects as ordered dictionaries (-AsHashtable) instead of PSCustomObjects.</param>
        public JsonAnswerConverter(string typeField, string typePrefix, ICollection<string> envelopeFields, System.Func<string, string> maskText, bool asDictionaries = false)
        {
            this.typeField = typeField;
            this.typePrefix = typePrefix;
            this.envelopeFields = envelopeFields;
            this.maskText = maskText;
            this.asDictionaries = asDictionaries;
        }

        /// <summary>
        /// Reads the value at the reader's current token, the document's top level; of an object, the
        /// fields the definition reads go to <paramref name="envelope"/> too (null for anything else).
        /// </summary>
        public object ReadTop(JsonReader reader, out JObject envelope)
        {
            envelope = null;
            if (reader.TokenType != JsonToken.StartObject)
            {
                return ReadValue(reader);
            }

            envelope = new JObject();
            return asDictionaries ? ReadDictionary(reader, envelope) : ReadObject(reader, envelope);
        }

        /// <summary>Reads the value at the reader's current token, leaving the reader on its last token.</summary>
        public object ReadValue(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonToken.StartObject:
                    return asDictionaries ? ReadDictionary(reader, null) : ReadObject(reader, null);
                case JsonToken.StartArray:
                    var items = new List<object>();
                    while (NextToken(reader) != JsonToken.EndArray)
                    {
                        items.Add(ReadValue(reader));
                    }

                    return items.ToArray();
                case JsonToken.Integer:
                    // The reader boxes an Int64 already: unboxing and boxing it again would double the garbage.
                    return reader.Value is long || reader.Value is System.Numerics.BigInteger ? reader.Value : System.Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
                case JsonToken.String:
                    return maskText == null ? reader.Value : maskText((string)reader.Value);
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                default:
                    return reader.Value;
            }
        }

        /// <summary>A field of the top-level object that the definition reads: kept as a token, and converted from it.</summary>
        public bool IsEnvelopeField(string name) => envelopeFields.Contains(name);

        /// <summary>Reads the field value at the reader's current token into <paramref name="envelope"/> and converts it.</summary>
        public object ReadEnvelopeField(JsonReader reader, string name, JObject envelope)
        {
            var token = JToken.ReadFrom(reader);
            envelope[name] = token;
            return Convert(token);
        }

        /// <summary>A value already read as a token, converted as if read from the answer.</summary>
        public object Convert(JToken token)
        {
            using (var tokenReader = token.CreateReader())
            {
                tokenReader.Read();
                return ReadValue(tokenReader);
            }
        }

        /// <summary>The next token that is not a comment; a document that ends inside a value is malformed.</summary>
        public static JsonToken NextToken(JsonReader reader)
        {
            do
            {
                if (!reader.Read())
                {
                    throw new JsonReaderException("Unexpected end of the JSON document.");
                }
            }
            while (reader.TokenType == JsonToken.Comment);
            return reader.TokenType;
        }

        /// <summary>An object as an ordered dictionary whose keys keep their case; a key given twice is refused.</summary>
        private OrderedDictionary ReadDictionary(JsonReader reader, JObject envelope)
        {
            var result = new OrderedDictionary();
            while (NextToken(reader) != JsonToken.EndObject)
            {
                string name = (string)reader.Value;
                NextToken(reader);
                object value = envelope != null && IsEnvelopeField(name) ? ReadEnvelopeField(reader, name, envelope) : ReadValue(reader);
                if (result.Contains(name))
                {
                    throw new DuplicateKeyException(ObjectPath(reader.Path), name, name);
                }

                result.Add(name, value);
            }

            return result;
        }

        private PSObject ReadObject(JsonReader reader, JObject envelope)
        {
            var result = NewObject();
            if (namesByDepth.Count == depth)
            {
                namesByDepth.Add(new List<string>());
            }

            var names = namesByDepth[depth++];
            names.Clear();
            HashSet<string> manyNames = null;
            string typeName = null;
            while (NextToken(reader) != JsonToken.EndObject)
            {
                string name = (string)reader.Value;
                NextToken(reader);
                object value = envelope != null && IsEnvelopeField(name) ? ReadEnvelopeField(reader, name, envelope) : ReadValue(reader);
                CheckNewName(names, ref manyNames, name, reader);
                // Pre-validated: the name was checked just above, and a new PSObject has no other
                // members; unchecked, Add would consult the type table for every property.
                result.Properties.Add(new PSNoteProperty(name, value), true);
                if (typeField != null && typeName == null && value is string text && string.Equals(name, typeField, System.StringComparison.Ordinal))
                {
                    typeName = text;
                }
            }

            // Only on success: a failed read abandons the converter with the answer.
            depth--;
            if (typeName != null && IsTypeNameSafe(typeName))
            {
                result.TypeNames.Insert(0, PrefixedTypeName(typeName));
            }

            return result;
        }

        private string PrefixedTypeName(string typeName)
        {
            if (prefixedTypeNames == null)
            {
                prefixedTypeNames = new Dictionary<string, string>(System.StringComparer.Ordinal);
            }

            if (!prefixedTypeNames.TryGetValue(typeName, out var prefixed))
            {
                prefixed = typePrefix + typeName;
                // A streamed list lives as long as the converter: a server naming every item's type
                // differently must not make it grow with the list.
                if (prefixedTypeNames.Count < MaximumCachedTypeNames)
                {
                    prefixedTypeNames[typeName] = prefixed;
                }
            }

            return prefixed;
        }

        private static Func<PSObject> FindMemberListConstructor()
        {
            // Most JSON objects have a handful of fields; the list grows past that on its own.
            const int expectedProperties = 8;
            var constructor = typeof(PSObject).GetConstructor(new[] { typeof(int) });
            if (constructor == null)
            {
                return () => new PSObject();
            }

            return Expression.Lambda<Func<PSObject>>(Expression.New(constructor, Expression.Constant(expectedProperties))).Compile();
        }

        /// <summary>The path of the object whose property the reader is in ("" for the top level): the property path without its last step.</summary>
        private static string ObjectPath(string propertyPath)
        {
            int cut = propertyPath.EndsWith("']", System.StringComparison.Ordinal)
                ? propertyPath.LastIndexOf("['", System.StringComparison.Ordinal)
                : propertyPath.LastIndexOf('.');
            return cut < 0 ? string.Empty : propertyPath.Substring(0, cut);
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

        /// <summary>
        /// A name the object already has (PowerShell names ignore case) makes the JSON unusable. The
        /// object's own names are compared, not PSObject.Properties, whose lookup consults the type
        /// table for every property: a list while they are few, a hash set past that.
        /// </summary>
        private static void CheckNewName(List<string> names, ref HashSet<string> manyNames, string name, JsonReader reader)
        {
            if (manyNames == null && names.Count >= 16)
            {
                manyNames = new HashSet<string>(names, System.StringComparer.OrdinalIgnoreCase);
            }

            if (manyNames != null ? !manyNames.Add(name) : IndexOfName(names, name) >= 0)
            {
                string existing = names[IndexOfName(names, name)];
                throw new DuplicateKeyException(ObjectPath(reader.Path), existing, name);
            }

            names.Add(name);
        }

        // A loop, not List.Exists with a lambda: the lambda would capture the name, a closure and a delegate per field.
        private static int IndexOfName(List<string> names, string name)
        {
            for (int i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], name, System.StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
