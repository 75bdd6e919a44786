using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Litmind.PowerShell.Completion
{
    /// <summary>
    /// Completes -Path with the known Litmind endpoints, for a Litmind session (or before any
    /// session). A template such as castings/{id} is offered only once its placeholders are typed
    /// (castings/501 completes to castings/501/candidates): a completion always works as given,
    /// never answers 404 for a literal "{id}".
    /// </summary>
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
            if (session != null && !session.IsDefaultService)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            string[] typed = (wordToComplete ?? string.Empty).Trim('\'', '"').TrimStart('/').Split('/');
            return KnownPaths
                .Select(template => Fill(template.Split('/'), typed))
                .Where(path => path != null)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(path => new CompletionResult(CompletionSupport.Quote(path), path, CompletionResultType.ParameterValue, ToolTip(path)))
                .ToArray();
        }

        /// <summary>
        /// The template with what was typed in place of its placeholders, or null when it does not
        /// fit what was typed or would still hold a placeholder.
        /// </summary>
        private static string Fill(string[] template, string[] typed)
        {
            if (typed.Length > template.Length)
            {
                return null;
            }

            var parts = new string[template.Length];
            for (int i = 0; i < template.Length; i++)
            {
                bool placeholder = template[i].StartsWith("{", StringComparison.Ordinal);
                bool beingTyped = i == typed.Length - 1;
                if (i >= typed.Length || (placeholder && typed[i].Length == 0))
                {
                    // Past what was typed only literal segments can be completed.
                    if (placeholder)
                    {
                        return null;
                    }

                    parts[i] = template[i];
                }
                else if (placeholder)
                {
                    parts[i] = typed[i];
                }
                else if (beingTyped ? template[i].StartsWith(typed[i], StringComparison.OrdinalIgnoreCase) : template[i].Equals(typed[i], StringComparison.OrdinalIgnoreCase))
                {
                    parts[i] = template[i];
                }
                else
                {
                    return null;
                }
            }

            return string.Join("/", parts);
        }

        /// <summary>The path, and the templates under it that need an id typed after it.</summary>
        private static string ToolTip(string path)
        {
            var deeper = KnownPaths.Where(t => t.StartsWith(path + "/{", StringComparison.OrdinalIgnoreCase)).ToArray();
            return deeper.Length == 0 ? path : path + " (also " + string.Join(", ", deeper) + ": type the id after '" + path + "/')";
        }
    }
}
