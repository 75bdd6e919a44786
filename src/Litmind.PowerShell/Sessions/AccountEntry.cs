using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// An account of a session as users see it and as the service's templates read it, and, unless
    /// re-login was declined, the credential to log it in again. An account the server listed but
    /// the session never logged in is <see cref="Learned"/>: usable while the server session lasts,
    /// not logged in again when it is renewed.
    /// </summary>
    internal sealed class AccountEntry
    {
        public AccountEntry(ServiceAccount record, LoginCredential credential, bool learned = false)
        {
            Record = record;
            Account = LitmindAccount.From(record);
            Credential = credential;
            Learned = learned;
        }

        /// <summary>The account as the session's cmdlets write it.</summary>
        public LitmindAccount Account { get; }

        /// <summary>The account as the service's templates read it ({account.id}, {account.name}).</summary>
        public ServiceAccount Record { get; }

        public LoginCredential Credential { get; }

        public bool Learned { get; }

        public AccountEntry WithCredential(LoginCredential credential) => new AccountEntry(Record, credential, Learned);
    }
}
