using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// One condition on an answer. Every part it gives must hold: the status is one of
    /// <see cref="Statuses"/>, the error code one of <see cref="Codes"/>, the value at
    /// <see cref="Field"/> one of <see cref="EqualsAny"/> (or present, when no values are given),
    /// the response header <see cref="Header"/> present and holding <see cref="HeaderContains"/>.
    /// </summary>
    internal sealed class AnswerRule
    {
        public IReadOnlyList<int> Statuses { get; internal set; }

        public IReadOnlyList<string> Codes { get; internal set; }

        public string Field { get; internal set; }

        public IReadOnlyList<JToken> EqualsAny { get; internal set; }

        /// <summary>A response header the answer must have (WWW-Authenticate); null for none.</summary>
        public string Header { get; internal set; }

        /// <summary>Text the header's value must hold, ignoring case (error="invalid_token"); null for any value.</summary>
        public string HeaderContains { get; internal set; }

        public bool Matches(int status, string code, JToken body, Func<string, IEnumerable<string>> headers = null)
        {
            if (Header != null)
            {
                var values = headers?.Invoke(Header);
                if (values == null || !values.Any(value => HeaderContains == null || value.IndexOf(HeaderContains, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return false;
                }
            }

            if (Statuses != null && !Statuses.Contains(status))
            {
                return false;
            }

            if (Codes != null && (code == null || !Codes.Contains(code)))
            {
                return false;
            }

            if (Field != null)
            {
                var value = body == null ? null : JsonPath.Find(body, Field);
                if (value == null || (EqualsAny != null && !EqualsAny.Any(expected => JToken.DeepEquals(expected, value))))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A list of <see cref="AnswerRule"/>s: an answer matches when any rule does.</summary>
    internal sealed class AnswerRules
    {
        public static readonly AnswerRules None = new AnswerRules(new AnswerRule[0]);

        public AnswerRules(IReadOnlyList<AnswerRule> rules)
        {
            Rules = rules;
        }

        public IReadOnlyList<AnswerRule> Rules { get; }

        public bool Matches(int status, string code, JToken body, Func<string, IEnumerable<string>> headers = null) => Rules.Any(rule => rule.Matches(status, code, body, headers));
    }
}
