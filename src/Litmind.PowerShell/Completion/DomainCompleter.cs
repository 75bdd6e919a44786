using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Litmind.PowerShell.Completion
{
    /// <summary>Completes -Domain with the domains the session's login listed.</summary>
    public sealed class DomainCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = CompletionSupport.SessionFor(fakeBoundParameters);
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return session.Domains
                .Where(name => CompletionSupport.Matches(name, wordToComplete))
                .Select(name => new CompletionResult(CompletionSupport.QuoteIfNeeded(name), name, CompletionResultType.ParameterValue, name))
                .ToArray();
        }
    }
}
