using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Litmind.PowerShell.Completion
{
    /// <summary>Completes -UserId with the accounts logged into the session.</summary>
    public sealed class UserIdCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = CompletionSupport.SessionFor(fakeBoundParameters);
            if (session == null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return session.Accounts
                .Select(a => new { Account = a, Id = System.Convert.ToString(a.Id, CultureInfo.InvariantCulture) })
                .Where(a => CompletionSupport.Matches(a.Id, wordToComplete) || (a.Account.Username != null && CompletionSupport.Matches(a.Account.Username, wordToComplete)))
                .Select(a => new CompletionResult(a.Id, a.Id + " " + (a.Account.Username ?? string.Empty), CompletionResultType.ParameterValue, a.Account.Username + " (" + a.Account.TypeTitle + ")"))
                .ToArray();
        }
    }
}
