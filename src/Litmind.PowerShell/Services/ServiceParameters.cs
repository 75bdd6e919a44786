using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// The values a user gives for a service's parameters (-AccountId, -ServiceParameter), checked
    /// against its definition before anything is sent: unknown names and text where a number is
    /// expected are errors; names match in any case, as PowerShell users write them.
    /// </summary>
    internal static class ServiceParameters
    {
        public static IReadOnlyDictionary<string, object> Read(ServiceDefinition service, IEnumerable<KeyValuePair<string, object>> given)
        {
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var pair in given ?? Enumerable.Empty<KeyValuePair<string, object>>())
            {
                var definition = service.Parameters.Values.FirstOrDefault(p => string.Equals(p.Name, pair.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw Failures.InvalidArgument(Messages.UnknownServiceParameter(service.Name, pair.Key, service.Parameters.Keys));
                if (pair.Value == null)
                {
                    continue;
                }

                string text = Convert.ToString(pair.Value, CultureInfo.InvariantCulture);
                if (definition.Type == ParameterType.String)
                {
                    values[definition.Name] = text;
                }
                else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
                {
                    values[definition.Name] = whole;
                }
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsNaN(number) && !double.IsInfinity(number))
                {
                    values[definition.Name] = number;
                }
                else
                {
                    throw Failures.InvalidArgument(Messages.ServiceParameterNotNumber(service.Name, definition.Name, text));
                }
            }

            return values;
        }
    }
}
