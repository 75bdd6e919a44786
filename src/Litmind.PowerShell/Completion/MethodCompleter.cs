using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Litmind.PowerShell.Completion
{
    /// <summary>Completes -Method with the HTTP methods the module sends.</summary>
    public sealed class MethodCompleter : IArgumentCompleter
    {
        /// <summary>The methods Invoke-LitmindRequest accepts.</summary>
        internal static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Methods.Where(m => CompletionSupport.Matches(m, wordToComplete))
                .Select(m => new CompletionResult(m, m, CompletionResultType.ParameterValue, m))
                .ToArray();
    }
}
