using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// The User-Agent every request of the module carries unless the call names its own, such as
    /// 'Litmind.PowerShell/0.1.0 PowerShell/7.6.9 (Linux 6.8.0; X64)': a server's logs (and its
    /// support staff) can then tell the module's calls, and which version made them, from a
    /// browser's or another client's. HttpClient sends no User-Agent of its own.
    /// </summary>
    internal static class ClientIdentity
    {
        private const string Product = "Litmind.PowerShell";

        // The module's one version (ModuleVersion in Litmind.psd1) is the assembly's.
        private static readonly string ModuleVersion = typeof(ClientIdentity).Assembly.GetName().Version.ToString(3);

        private static string userAgent = Compose(null);
        private static int powerShellNamed;

        /// <summary>The User-Agent header value.</summary>
        public static string UserAgent => Volatile.Read(ref userAgent);

        /// <summary>Whether <see cref="NamePowerShell"/> was told the PowerShell version yet.</summary>
        public static bool KnowsPowerShell => Volatile.Read(ref powerShellNamed) == 1;

        /// <summary>
        /// Adds the version of the PowerShell the module runs in, as its $PSVersionTable says (the
        /// cmdlets read it: the assembly is built against PowerShellStandard and cannot ask the
        /// engine itself). One process runs one PowerShell, so the first answer stands.
        /// </summary>
        public static void NamePowerShell(string version)
        {
            if (Interlocked.CompareExchange(ref powerShellNamed, 1, 0) == 0)
            {
                Volatile.Write(ref userAgent, Compose(version));
            }
        }

        /// <summary>The User-Agent for a PowerShell version (left out when null or empty).</summary>
        internal static string Compose(string powerShellVersion)
        {
            var text = new StringBuilder(Product).Append('/').Append(ModuleVersion);
            string version = Token(powerShellVersion);
            if (version.Length > 0)
            {
                text.Append(" PowerShell/").Append(version);
            }

            return text.Append(" (").Append(Platform()).Append(')').ToString();
        }

        /// <summary>The operating system, its version and the processor architecture: 'Windows NT 10.0.19045; X64'.</summary>
        private static string Platform()
        {
            string system = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Windows NT"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macOS"
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux"
                : "Unix";
            return system + " " + Environment.OSVersion.Version + "; " + RuntimeInformation.OSArchitecture;
        }

        /// <summary>Only the characters a product version may have in a header ('7.6.9', '7.5.0-preview.3'), whatever a variable says.</summary>
        private static string Token(string value)
        {
            var token = new StringBuilder();
            foreach (char c in value ?? string.Empty)
            {
                if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+')
                {
                    token.Append(c);
                }
            }

            return token.ToString();
        }
    }
}
