using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Completion
{
    /// <summary>What the completers share: the session a command line refers to.</summary>
    internal static class CompletionSupport
    {
        /// <summary>The session given with -Session on the command line, else the runspace's default.</summary>
        public static LitmindSession SessionFor(IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Session"))
            {
                var value = fakeBoundParameters["Session"];
                if ((value is PSObject wrapped ? wrapped.BaseObject : value) is LitmindSession explicitSession)
                {
                    return explicitSession;
                }
            }

            return Runspace.DefaultRunspace == null ? null : SessionStore.For(Runspace.DefaultRunspace).Default;
        }

        public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

        /// <summary>A name as typed: bare when it is a plain word (letters, digits, '-', '_', '.'), quoted otherwise.</summary>
        public static string QuoteIfNeeded(string text) =>
            text.Length > 0 && char.IsLetterOrDigit(text[0]) && text.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.') ? text : Quote(text);

        public static bool Matches(string candidate, string wordToComplete) =>
            string.IsNullOrEmpty(wordToComplete) || candidate.StartsWith(wordToComplete.Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase);
    }
}
