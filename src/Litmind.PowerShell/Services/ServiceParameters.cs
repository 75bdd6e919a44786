using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// The values a user gives for a service's parameters (-AccountId, -ServiceParameter), checked
    /// against its definition before anything is sent: unknown names, a name given twice, lists and
    /// tables, and text where a number is expected are errors; names match in any case, as
    /// PowerShell users write them.
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
                if (values.ContainsKey(definition.Name))
                {
                    throw Failures.InvalidArgument(Messages.ServiceParameterGivenTwice(service.Name, definition.Name));
                }

                if (pair.Value == null)
                {
                    continue;
                }

                if (!IsScalar(pair.Value))
                {
                    throw Failures.InvalidArgument(Messages.ServiceParameterNotScalar(service.Name, definition.Name, pair.Value.GetType().Name));
                }

                string text = Convert.ToString(pair.Value, CultureInfo.InvariantCulture);
                values[definition.Name] = definition.Type == ParameterType.String
                    ? text
                    : Number(text.Trim()) ?? throw Failures.InvalidArgument(Messages.ServiceParameterNotNumber(service.Name, definition.Name, text));
            }

            return values;
        }

        /// <summary>
        /// The number the text writes, kept exactly as written: a whole number as Int64 or, past its
        /// range, as a BigInteger (an id of 20 digits must not lose its last ones to a double), any
        /// other as a decimal ("1.50" stays 1.50); null when the text is not a number.
        /// </summary>
        private static object Number(string text)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
            {
                return whole;
            }

            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                return big;
            }

            return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal number)
                ? number
                : (object)null;
        }

        /// <summary>Text and numbers only: a list or a table would be sent as its type name, a SecureString belongs in a secret's parameter.</summary>
        private static bool IsScalar(object value) =>
            value is string || value is char || value is decimal || (value.GetType().IsPrimitive && !(value is bool) && !(value is IntPtr) && !(value is UIntPtr));
    }
}
