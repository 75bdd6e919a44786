using System.Management.Automation;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell
{
    /// <summary>Releases the module's shared connections when the module is removed.</summary>
    public sealed class ModuleLifecycle : IModuleAssemblyCleanup
    {
        /// <summary>Disposes every pooled HttpClient.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => HttpClientCache.DisposeAll();
    }
}
