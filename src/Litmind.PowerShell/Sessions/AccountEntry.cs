using Litmind.PowerShell.Auth;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// An account of a session and, unless re-login was declined, the credential to log it in again.
    /// An account the server listed but the session never logged in is <see cref="Learned"/>: usable
    /// while the server session lasts, not logged in again when it is renewed.
    /// </summary>
    internal sealed class AccountEntry
    {
        public AccountEntry(LitmindAccount account, LoginCredential credential, bool learned = false)
        {
            Account = account;
            Credential = credential;
            Learned = learned;
        }

        public LitmindAccount Account { get; }

        public LoginCredential Credential { get; }

        public bool Learned { get; }
    }
}
