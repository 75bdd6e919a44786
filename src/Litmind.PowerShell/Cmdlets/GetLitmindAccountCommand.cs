using System.Management.Automation;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>Writes the accounts logged into a session, as the server lists them (the service's account list).</summary>
    [Cmdlet(VerbsCommon.Get, "LitmindAccount")]
    [OutputType(typeof(LitmindAccount))]
    public sealed class GetLitmindAccountCommand : LitmindCmdlet
    {
        /// <summary>The session to list. Defaults to the runspace's default session.</summary>
        [Parameter(ValueFromPipeline = true)]
        [LitmindSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public LitmindSession Session { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            try
            {
                // What the server lists, the session can then act as (the engine learns the accounts).
                WriteObject(Run((log, token) => session.ListAccountsAsync(log, token)), enumerateCollection: true);
            }
            catch (LitmindException failure)
            {
                WriteError(ToErrorRecord(failure, session));
            }
        }
    }
}
