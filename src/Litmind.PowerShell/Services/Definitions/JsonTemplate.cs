using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// A JSON body whose strings are <see cref="ValueTemplate"/>s. A string that is one reference
    /// keeps the value's type (a number parameter is sent as a number); a property whose optional
    /// reference has no value is left out.
    /// </summary>
    internal sealed class JsonTemplate
    {
        private readonly JToken shape;
        private readonly Dictionary<string, ValueTemplate> templates;

        public JsonTemplate(JToken shape, Dictionary<string, ValueTemplate> templates)
        {
            this.shape = shape;
            this.templates = templates;
        }

        /// <summary>Every template of the body, by the JSON path of its string.</summary>
        public IReadOnlyDictionary<string, ValueTemplate> Templates => templates;

        public JToken Render(Func<ValueReference, object> lookup) => Render(shape, lookup) ?? JValue.CreateNull();

        private JToken Render(JToken token, Func<ValueReference, object> lookup)
        {
            switch (token)
            {
                case JObject obj:
                    var copy = new JObject();
                    foreach (var property in obj.Properties())
                    {
                        var value = Render(property.Value, lookup);
                        if (value != null)
                        {
                            copy[property.Name] = value;
                        }
                    }

                    return copy;
                case JArray array:
                    var items = new JArray();
                    foreach (var item in array)
                    {
                        var value = Render(item, lookup);
                        if (value != null)
                        {
                            items.Add(value);
                        }
                    }

                    return items;
                case JValue value when value.Type == JTokenType.String:
                    var template = templates[value.Path];
                    if (template.Single != null)
                    {
                        var single = lookup(template.Single);
                        return single == null ? null : new JValue(single);
                    }

                    var text = template.Render(lookup);
                    return text == null ? null : new JValue(text);
                default:
                    return token.DeepClone();
            }
        }
    }
}
