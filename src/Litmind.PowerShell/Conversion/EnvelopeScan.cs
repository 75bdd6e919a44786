using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// Reads the envelope of an answer that is not converted (-Raw text, an -OutFile body): the
    /// top-level fields a service definition reads (success flag, message, code), skipping every
    /// other value without building it. It stops as soon as the success flag says true, since
    /// nothing after it can change the verdict, so a large successful answer costs a few tokens.
    /// A body that is not a JSON object has no envelope: it is then the answer as it is.
    /// </summary>
    internal sealed class EnvelopeScan
    {
        private readonly ICollection<string> fields;
        private readonly string successField;

        /// <param name="fields">The top-level fields the definition reads.</param>
        /// <param name="successField">The top-level field of the success flag.</param>
        public EnvelopeScan(ICollection<string> fields, string successField)
        {
            this.fields = fields;
            this.successField = successField;
        }

        /// <summary>The envelope fields read from <paramref name="text"/>; null when the body is not a JSON object.</summary>
        public JObject Read(TextReader text)
        {
            var envelope = new JObject();
            try
            {
                using (var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, CloseInput = false, MaxDepth = JsonBody.MaximumDepth })
                {
                    if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                    {
                        return null;
                    }

                    while (JsonAnswerConverter.NextToken(reader) == JsonToken.PropertyName)
                    {
                        string name = (string)reader.Value;
                        JsonAnswerConverter.NextToken(reader);
                        if (!fields.Contains(name))
                        {
                            reader.Skip();
                            continue;
                        }

                        var value = JToken.ReadFrom(reader);
                        envelope[name] = value;
                        if (name == successField && IsTrue(value))
                        {
                            break;
                        }
                    }

                    return envelope;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all (or not all of it): the body is kept as it came, unjudged.
                return envelope.Count > 0 ? envelope : null;
            }
        }

        private static bool IsTrue(JToken value) =>
            value.Type == JTokenType.Boolean ? (bool)value
            : value.Type == JTokenType.String && bool.TryParse(((string)value).Trim(), out var flag) && flag;
    }
}
