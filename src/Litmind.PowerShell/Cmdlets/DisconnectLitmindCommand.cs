using System.Management.Automation;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Forgets a session (the default one without -Session): logs out on the server where the
    /// service has a logout (a failed logout is a warning), then clears its secrets from memory.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Litmind", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class DisconnectLitmindCommand : LitmindCmdlet
    {
        /// <summary>The session to forget. Defaults to the runspace's default session.</summary>
        [Parameter(ValueFromPipeline = true)]
        [LitmindSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public LitmindSession Session { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var session = Session ?? Store.Default;
            if (session == null)
            {
                ThrowTerminatingError(ToErrorRecord(Errors.Failures.NotConnected(), MyInvocation.MyCommand.Name));
            }

            if (!ShouldProcess(session.ToString(), "Disconnect"))
            {
                return;
            }

            // A logout's answer may quote the session's tokens: mask them while the session still holds them.
            Mask.Add(session);
            Store.Remove(session);
            try
            {
                // Where the service has a logout, the server forgets the session too.
                Run(async (log, token) =>
                {
                    await session.LogoutAsync(log, token).ConfigureAwait(false);
                    return true;
                });
            }
            catch (Errors.LitmindException failure)
            {
                WriteWarning(Mask.Apply(Messages.LogoutFailed(session.Service, failure.Message)));
            }
            finally
            {
                session.Disconnect();
            }
        }
    }
}
