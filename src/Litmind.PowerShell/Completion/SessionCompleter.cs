using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Completion
{
    /// <summary>
    /// Completes -Session with the sessions this runspace holds, as an expression that selects the
    /// session by its local handle (a session is an object, not a name).
    /// </summary>
    public sealed class SessionCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            if (Runspace.DefaultRunspace == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return SessionStore.For(Runspace.DefaultRunspace).All
                .Where(s => s.IsConnected && (string.IsNullOrEmpty(wordToComplete) || (s.UserName ?? string.Empty).StartsWith(wordToComplete.Trim('\'', '"', '('), StringComparison.OrdinalIgnoreCase) || wordToComplete.StartsWith("(", StringComparison.Ordinal)))
                .Select(s => new CompletionResult(
                    "(Get-LitmindSession | Where-Object Handle -eq '" + s.Handle + "')",
                    s.UserName + " @ " + s.BaseUri,
                    CompletionResultType.ParameterValue,
                    s.ToString()))
                .ToArray();
        }
    }
}
