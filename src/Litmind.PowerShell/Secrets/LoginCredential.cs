using System;
using System.Security;

namespace Litmind.PowerShell.Secrets
{
    /// <summary>
    /// A user name and its password, kept as a SecureString; the engine's counterpart of a
    /// PSCredential so that login logic does not depend on PowerShell types.
    /// </summary>
    internal sealed class LoginCredential : IDisposable
    {
        public LoginCredential(string userName, SecureString password)
        {
            UserName = userName ?? throw new ArgumentNullException(nameof(userName));
            Password = password ?? throw new ArgumentNullException(nameof(password));
        }

        public string UserName { get; }

        public SecureString Password { get; }

        public void Dispose() => Password.Dispose();
    }
}
