using System.Collections.Generic;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// The Connect-Litmind parameters a definition may bind its secrets and values to. A definition
    /// that names any other is refused when it loads: nothing would ever bind it.
    /// </summary>
    internal static class ConnectParameterNames
    {
        public const string ApiKey = "ApiKey";
        public const string ClientId = "ClientId";
        public const string ClientSecret = "ClientSecret";
        public const string AccountId = "AccountId";
        public const string OrganizationId = "OrganizationId";

        /// <summary>The parameters that take secrets (a SecureString, or a string such as a client id).</summary>
        public static readonly IReadOnlyList<string> Secrets = new[] { ApiKey, ClientId, ClientSecret };

        /// <summary>The parameters that take plain values; any other value goes in -ServiceParameter.</summary>
        public static readonly IReadOnlyList<string> Values = new[] { AccountId, OrganizationId };
    }
}
