using System.Collections.Generic;
using System.Management.Automation;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Writes the sessions this runspace holds; the default one (the latest connected) reports
    /// IsDefault. With -HandOff, writes for each a hand-off that a job or another process passes to
    /// -Session, its secrets kept as SecureStrings.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LitmindSession", DefaultParameterSetName = HeldSet)]
    [OutputType(typeof(LitmindSession), typeof(LitmindSessionHandOff))]
    public sealed class GetLitmindSessionCommand : LitmindCmdlet
    {
        private const string HeldSet = "Held";
        private const string SessionSet = "Session";

        /// <summary>Write only the default session.</summary>
        [Parameter(ParameterSetName = HeldSet)]
        public SwitchParameter Default { get; set; }

        /// <summary>The session to write (or hand off), instead of the runspace's.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public LitmindSession Session { get; set; }

        /// <summary>Write a hand-off of each session instead of the session.</summary>
        [Parameter]
        public SwitchParameter HandOff { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == SessionSet)
            {
                Write(Session);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ParameterSetName == SessionSet)
            {
                return;
            }

            var store = Store;
            var sessions = Default.IsPresent ? new[] { store.Default } : (IEnumerable<LitmindSession>)store.All;
            foreach (var session in sessions)
            {
                if (session != null)
                {
                    Write(session);
                }
            }
        }

        private void Write(LitmindSession session)
        {
            if (!HandOff.IsPresent)
            {
                WriteObject(session);
                return;
            }

            try
            {
                WriteObject(SessionHandOff.Create(session));
            }
            catch (LitmindException failure)
            {
                WriteError(ToErrorRecord(failure, session));
            }
        }
    }
}
