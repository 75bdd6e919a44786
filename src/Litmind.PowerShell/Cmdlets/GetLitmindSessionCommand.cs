using System.Management.Automation;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>Writes the sessions this runspace holds; the default one (the latest connected) reports IsDefault.</summary>
    [Cmdlet(VerbsCommon.Get, "LitmindSession")]
    [OutputType(typeof(LitmindSession))]
    public sealed class GetLitmindSessionCommand : LitmindCmdlet
    {
        /// <summary>Write only the default session.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var store = Store;
            var current = store.Default;
            foreach (var session in store.All)
            {
                bool isDefault = ReferenceEquals(session, current);
                if (Default.IsPresent && !isDefault)
                {
                    continue;
                }

                WriteObject(session);
            }
        }
    }
}
