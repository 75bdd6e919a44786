using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Invoke-LitmindRequest's -StatusCodeVariable and -ResponseHeadersVariable: checked before
    /// anything is sent (found out after the call, a read-only variable would fail a request the
    /// server already acted on), then set from every answer, a failed call's included.
    /// </summary>
    internal sealed class AnswerVariables
    {
        private readonly PSVariableIntrinsics variables;
        private readonly string statusCodeVariable;
        private readonly string headersVariable;
        private readonly SecretMask mask;

        public AnswerVariables(PSVariableIntrinsics variables, string statusCodeVariable, string headersVariable, SecretMask mask)
        {
            this.variables = variables;
            this.statusCodeVariable = string.IsNullOrEmpty(statusCodeVariable) ? null : statusCodeVariable;
            this.headersVariable = string.IsNullOrEmpty(headersVariable) ? null : headersVariable;
            this.mask = mask;
        }

        /// <summary>Whether the answer's headers are wanted: copying them costs a few microseconds a call, spent only when asked.</summary>
        public bool WantsHeaders => headersVariable != null;

        /// <summary>Litmind.InvalidArgument for a variable that cannot be set; null when both can.</summary>
        public LitmindException CheckWritable() =>
            Unwritable("-StatusCodeVariable", statusCodeVariable) ?? Unwritable("-ResponseHeadersVariable", headersVariable);

        /// <summary>Sets the variables from an answer: its status, and its headers (by name, any case; the session's secrets masked; null when not <see cref="WantsHeaders"/>).</summary>
        public void Set(int statusCode, IReadOnlyList<KeyValuePair<string, string[]>> headers)
        {
            if (statusCodeVariable != null)
            {
                variables.Set(statusCodeVariable, statusCode);
            }

            if (headersVariable != null && headers != null)
            {
                var byName = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
                foreach (var header in headers)
                {
                    byName[header.Key] = header.Value.Select(mask.Apply).ToArray();
                }

                variables.Set(headersVariable, byName);
            }
        }

        /// <summary>Sets the variables from a failure, when the server answered.</summary>
        public void Set(LitmindException failure)
        {
            if (failure.StatusCode.HasValue)
            {
                Set(failure.StatusCode.Value, failure.ResponseHeaders);
            }
        }

        private LitmindException Unwritable(string parameter, string name)
        {
            var existing = name == null ? null : variables.Get(name);
            return existing != null && (existing.Options & (ScopedItemOptions.ReadOnly | ScopedItemOptions.Constant)) != 0
                ? Failures.InvalidArgument(Messages.VariableReadOnly(parameter, name))
                : null;
        }
    }
}
