using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Litmind.PowerShell.Completion
{
    /// <summary>Completes -Path with the known Litmind endpoints, for a Litmind session (or before any session).</summary>
    public sealed class PathCompleter : IArgumentCompleter
    {
        // The endpoints of the Litmind API that the documents and the emulator describe.
        private static readonly string[] KnownPaths =
        {
            "session/list",
            "account/status/notifications",
            "castings",
            "castings/{id}",
            "castings/{id}/candidates",
            "models",
            "models/featured",
            "models/{id}",
            "agency/models",
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = CompletionSupport.SessionFor(fakeBoundParameters);
            if (session != null && session.Engine.Service != Services.ServiceCatalog.Default)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            string word = (wordToComplete ?? string.Empty).Trim('\'', '"').TrimStart('/');
            return KnownPaths
                .Where(path => CompletionSupport.Matches(path, word))
                .Select(path => new CompletionResult(CompletionSupport.Quote(path), path, CompletionResultType.ParameterValue, path))
                .ToArray();
        }
    }
}
