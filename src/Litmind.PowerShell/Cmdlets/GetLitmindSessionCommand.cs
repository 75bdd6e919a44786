using System.Management.Automation;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>Writes the sessions this runspace holds; the default one has IsDefault set.</summary>
    [Cmdlet(VerbsCommon.Get, "LitmindSession")]
    [OutputType(typeof(LitmindSession))]
    public sealed class GetLitmindSessionCommand : LitmindCmdlet
    {
        /// <summary>The name of the note property that marks the default session.</summary>
        public const string IsDefaultProperty = "IsDefault";

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

                var output = new PSObject(session);
                output.Properties.Add(new PSNoteProperty(IsDefaultProperty, isDefault));
                WriteObject(output);
            }
        }
    }
}
