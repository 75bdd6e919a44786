using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Newtonsoft.Json;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// Encodes a -Body: a hashtable goes form-encoded (as the documented `curl -d` sends it) unless
    /// the content type says JSON; a string goes as is; a byte array, a stream or a FileInfo as its
    /// bytes; an [xml] document as its markup; any other object goes as JSON.
    /// </summary>
    internal static class RequestBodyFactory
    {
        public const string FormMediaType = "application/x-www-form-urlencoded";
        public const string JsonMediaType = "application/json";
        public const string OctetStreamMediaType = "application/octet-stream";
        public const string XmlMediaType = "application/xml";

        /// <summary>
        /// The Content-Type a -ContentType names, or null when none was given: 'json' and 'form' are
        /// shorthands (UTF-8); anything else must be a media type, and goes as written, its
        /// parameters (charset, boundary, odata=verbose...) kept.
        /// </summary>
        public static BodyContentType ContentTypeOf(string contentType)
        {
            if (contentType == null)
            {
                return null;
            }

            HeaderRules.CheckValue(contentType, "-ContentType");
            string trimmed = contentType.Trim();
            if (trimmed.Equals("json", StringComparison.OrdinalIgnoreCase))
            {
                return BodyContentType.Utf8Text(JsonMediaType);
            }

            if (trimmed.Equals("form", StringComparison.OrdinalIgnoreCase))
            {
                return BodyContentType.Utf8Text(FormMediaType);
            }

            return BodyContentType.Parse(trimmed);
        }

        /// <param name="body">The -Body.</param>
        /// <param name="contentType">What <see cref="ContentTypeOf"/> made of -ContentType (else the service's); null to follow the body.</param>
        public static RequestBody Create(object body, BodyContentType contentType)
        {
            object value = body is PSObject ps ? ps.BaseObject : body;
            if (value == null)
            {
                return null;
            }

            if (value is byte[] bytes)
            {
                return RequestBody.Bytes(bytes, contentType?.Value ?? OctetStreamMediaType);
            }

            // As their bytes, read as they are sent: as JSON, a stream or a file would go as
            // their .NET properties (a FileStream's local path, a file's dates).
            if (value is Stream stream)
            {
                return StreamedBody.FromStream(stream, contentType?.Value ?? OctetStreamMediaType);
            }

            if (value is FileInfo file)
            {
                return StreamedBody.FromFile(file.FullName, contentType?.Value ?? OctetStreamMediaType, "-Body file");
            }

            // An [xml] document (or any node of one) as its markup; as JSON it would be [[],[]].
            if (value is XmlNode xml)
            {
                return RequestBody.Text(xml.OuterXml, contentType ?? BodyContentType.Utf8Text(XmlMediaType));
            }

            if (value is string text)
            {
                return RequestBody.Text(text, contentType ?? BodyContentType.Utf8Text(LooksLikeJson(text) ? JsonMediaType : FormMediaType));
            }

            bool asForm = contentType != null && contentType.Is(FormMediaType);
            if (value is IDictionary dictionary && (contentType == null || asForm))
            {
                return RequestBody.Form(FormFields(dictionary, "-Body"), contentType);
            }

            if (asForm)
            {
                throw Failures.InvalidArgument(Messages.BodyNotSerializable("only a hashtable can be sent form-encoded."));
            }

            try
            {
                return RequestBody.Json(ToPlain(body, 0), contentType);
            }
            catch (JsonException ex)
            {
                throw Failures.InvalidArgument(Messages.BodyNotSerializable(ex.Message));
            }
        }

        /// <summary>
        /// Query, form and header fields: each value as invariant text; an array repeats the key.
        /// Only flat values fit: a nested table or object would go as its type name, and a
        /// SecureString as the words "System.Security.SecureString", so both are refused.
        /// </summary>
        /// <param name="dictionary">The fields.</param>
        /// <param name="parameter">The parameter they came from, for messages ("-Query").</param>
        /// <param name="leaveOutNulls">Leave a $null value out instead of sending it empty (-Headers).</param>
        public static IEnumerable<KeyValuePair<string, string>> FormFields(IDictionary dictionary, string parameter, bool leaveOutNulls = false)
        {
            var fields = new List<KeyValuePair<string, string>>();
            if (dictionary == null)
            {
                return fields;
            }

            foreach (DictionaryEntry entry in dictionary)
            {
                string key = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                object value = Unwrap(entry.Value);
                var items = value is IEnumerable list && !(value is string) && !(value is IDictionary) ? list.Cast<object>().Select(Unwrap) : new[] { value };
                foreach (var item in items)
                {
                    if (item == null && leaveOutNulls)
                    {
                        continue;
                    }

                    CheckFlat(item, key, parameter);
                    fields.Add(new KeyValuePair<string, string>(key, Text(item)));
                }
            }

            return fields;
        }

        /// <summary>
        /// The fields of a -Form, as Invoke-RestMethod -Form reads them: each value a text part, a
        /// FileInfo a file part under its name, an array one part per item under the same field.
        /// </summary>
        public static IReadOnlyList<FormPart> FormParts(IDictionary form)
        {
            var parts = new List<FormPart>();
            foreach (DictionaryEntry entry in form)
            {
                string key = System.Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture);
                object value = Unwrap(entry.Value);
                var items = value is IEnumerable list && !(value is string) && !(value is IDictionary) ? list.Cast<object>().Select(Unwrap) : new[] { value };
                foreach (var item in items)
                {
                    if (item is FileInfo file)
                    {
                        parts.Add(FormPart.OfFile(key, file.FullName, file.Name));
                        continue;
                    }

                    CheckFlat(item, key, "-Form");
                    parts.Add(FormPart.OfText(key, Text(item)));
                }
            }

            return parts;
        }

        private static object Unwrap(object value) => value is PSObject ps ? ps.BaseObject : value;

        private static void CheckFlat(object value, string key, string parameter)
        {
            if (value is System.Security.SecureString)
            {
                throw Failures.InvalidArgument(Messages.FieldIsSecureString(parameter, key));
            }

            bool flat = value == null || value is string || value is char || value is bool || value is decimal
                || value.GetType().IsPrimitive || value is Enum || value is DateTime || value is DateTimeOffset
                || value is Guid || value is Uri || value is TimeSpan;
            if (!flat)
            {
                throw Failures.InvalidArgument(Messages.FieldNotFlat(parameter, key, value is PSCustomObject ? "PSCustomObject" : value.GetType().Name));
            }
        }

        private static string Text(object value)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            switch (value)
            {
                case null:
                    return string.Empty;
                case bool flag:
                    return flag ? "true" : "false";
                case DateTime date:
                    return date.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset date:
                    return date.ToString("o", CultureInfo.InvariantCulture);
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString();
            }
        }

        // PSObjects and hashtables become dictionaries and lists Newtonsoft serializes plainly.
        private static object ToPlain(object value, int depth)
        {
            if (depth > 64)
            {
                throw Failures.InvalidArgument(Messages.BodyNotSerializable("it is nested more than 64 levels deep (does it refer to itself?)."));
            }

            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject)
                {
                    var fields = new Dictionary<string, object>();
                    foreach (var property in ps.Properties)
                    {
                        fields[property.Name] = ToPlain(property.Value, depth + 1);
                    }

                    return fields;
                }

                value = ps.BaseObject;
            }

            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case char _:
                case DateTime _:
                case DateTimeOffset _:
                case Guid _:
                case Uri _:
                    return value;
                case Enum e:
                    return e.ToString();
                case IDictionary dictionary:
                    var map = new Dictionary<string, object>();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        map[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture)] = ToPlain(entry.Value, depth + 1);
                    }

                    return map;
                case IEnumerable list:
                    var items = new List<object>();
                    foreach (var item in list)
                    {
                        items.Add(ToPlain(item, depth + 1));
                    }

                    return items;
                case System.Security.SecureString _:
                    throw Failures.InvalidArgument(Messages.BodyNotSerializable("it contains a SecureString, which is never sent in clear."));
                default:
                    if (value.GetType().IsPrimitive || value is decimal)
                    {
                        return value;
                    }

                    var wrapped = PSObject.AsPSObject(value);
                    var properties = new Dictionary<string, object>();
                    foreach (var property in wrapped.Properties)
                    {
                        if (property.IsGettable && property.MemberType == PSMemberTypes.Property)
                        {
                            object propertyValue;
                            try
                            {
                                propertyValue = property.Value;
                            }
                            catch (GetValueException)
                            {
                                continue;
                            }

                            properties[property.Name] = ToPlain(propertyValue, depth + 1);
                        }
                    }

                    return properties;
            }
        }

        private static bool LooksLikeJson(string text)
        {
            string trimmed = text.TrimStart();
            return trimmed.StartsWith("{", StringComparison.Ordinal) || trimmed.StartsWith("[", StringComparison.Ordinal);
        }
    }
}
