using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Completion
{
    /// <summary>
    /// Completes -Service with the built-in service names; a word that looks like a path completes
    /// as one, offering folders and .json files (a user's own definition).
    /// </summary>
    public sealed class ServiceCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            if (ServiceCatalog.IsPath(word) || word.StartsWith(".", StringComparison.Ordinal) || word.StartsWith("~", StringComparison.Ordinal))
            {
                return CompletionCompleters.CompleteFilename(wordToComplete)
                    .Where(r => r.ResultType == CompletionResultType.ProviderContainer || r.ListItemText.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .ToArray();
            }

            return ServiceCatalog.Names
                .Where(name => CompletionSupport.Matches(name, wordToComplete))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, ServiceCatalog.Get(name).Definition.Description ?? name))
                .ToArray();
        }
    }
}
