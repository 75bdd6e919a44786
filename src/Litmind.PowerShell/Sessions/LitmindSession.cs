using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// A logged-in session: where it points, the accounts logged into it and how healthy it is. The
    /// secrets it holds (API key, session id, credentials for re-login) are internal and never shown:
    /// its display, ToString and serialized form carry only a short hint of the session id. To hand
    /// it to a job or another process, use Get-LitmindSession -HandOff.
    /// Safe to use from many runspaces at once.
    /// </summary>
    public sealed class LitmindSession
    {
        private readonly object gate = new object();
        private readonly List<AccountEntry> accounts = new List<AccountEntry>();
        private AuthenticationState state;
        private long lastUsedTicks;
        private int lastStatusCode;
        private int reconnectCount;
        private bool disconnected;

        internal LitmindSession(ILoginFlow flow, Uri baseUri, SessionSecrets secrets, CallOptions defaults, bool allowUnencryptedAuthentication, Guid? handle = null)
        {
            Flow = flow;
            BaseUri = baseUri;
            Secrets = secrets;
            Defaults = defaults;
            AllowUnencryptedAuthentication = allowUnencryptedAuthentication;
            Pipeline = new HttpPipeline(baseUri);
            Handle = handle ?? Guid.NewGuid();
            CreatedAt = DateTimeOffset.Now;
            lastUsedTicks = CreatedAt.UtcTicks;
        }

        /// <summary>A local handle that identifies this session object (not the server's session id).</summary>
        public Guid Handle { get; }

        /// <summary>The service this session logs into.</summary>
        public string Service => Flow.ServiceName;

        /// <summary>The API root every -Path is relative to.</summary>
        public Uri BaseUri { get; }

        /// <summary>The user name of the primary account (the first one logged in).</summary>
        public string UserName => PrimaryAccount?.Username;

        /// <summary>The user id of the primary account.</summary>
        public long UserId => PrimaryAccount?.Id ?? 0;

        /// <summary>Every account logged into this session, in login order.</summary>
        public IReadOnlyList<LitmindAccount> Accounts
        {
            get { lock (gate) { return accounts.Select(a => a.Account).ToArray(); } }
        }

        /// <summary>The first characters of the session id, enough to tell sessions apart; never the whole id.</summary>
        public string SessionIdHint => State?.Hint ?? string.Empty;

        /// <summary>When this session object was created.</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>When a call last used this session.</summary>
        public DateTimeOffset LastUsedAt => new DateTimeOffset(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero).ToLocalTime();

        /// <summary>The HTTP status of the last answer, or 0 before any call.</summary>
        public int LastStatusCode => Volatile.Read(ref lastStatusCode);

        /// <summary>How many times the session expired and was logged in again on its own.</summary>
        public int ReconnectCount => Volatile.Read(ref reconnectCount);

        /// <summary>Whether the session holds the credentials to log in again when it expires.</summary>
        public bool CanReconnect
        {
            get { lock (gate) { return !disconnected && accounts.Count > 0 && accounts.All(a => a.Credential != null); } }
        }

        /// <summary>False once Disconnect-Litmind has cleared the session.</summary>
        public bool IsConnected
        {
            get { lock (gate) { return !disconnected; } }
        }

        /// <summary>The default timeout of a call, in seconds.</summary>
        public int TimeoutSec => (int)Math.Ceiling(Defaults.Timeout.TotalSeconds);

        /// <summary>The default number of retries for throttled and transient failures.</summary>
        public int MaximumRetryCount => Defaults.MaximumRetryCount;

        /// <summary>The default first backoff step, in seconds.</summary>
        public int RetryIntervalSec => (int)Math.Ceiling(Defaults.RetryInterval.TotalSeconds);

        internal ILoginFlow Flow { get; }

        internal SessionSecrets Secrets { get; }

        internal HttpPipeline Pipeline { get; }

        internal CallOptions Defaults { get; }

        /// <summary>Whether the user allowed secrets over plain http to a host other than this machine.</summary>
        public bool AllowUnencryptedAuthentication { get; }

        /// <summary>Serializes re-logins so that concurrent callers that hit expiry log in once.</summary>
        internal SemaphoreSlim RenewGate { get; } = new SemaphoreSlim(1, 1);

        /// <summary>The current server-side session. Replaced whole on re-login.</summary>
        internal AuthenticationState State
        {
            get { lock (gate) { return state; } }
        }

        internal LitmindAccount PrimaryAccount
        {
            get { lock (gate) { return accounts.Count == 0 ? null : accounts[0].Account; } }
        }

        internal IReadOnlyList<AccountEntry> AccountEntries
        {
            get { lock (gate) { return accounts.ToArray(); } }
        }

        /// <summary>Records a login: the session state it yielded and the account, with its credential when re-login is allowed.</summary>
        internal void AddAccount(AuthenticationState newState, LitmindAccount account, LoginCredential credential)
        {
            lock (gate)
            {
                ThrowIfDisconnected();
                state = newState;
                int existing = accounts.FindIndex(a => a.Account.Id == account.Id);
                var entry = new AccountEntry(account, credential);
                if (existing >= 0)
                {
                    accounts[existing].Credential?.Dispose();
                    accounts[existing] = entry;
                }
                else
                {
                    accounts.Add(entry);
                }
            }
        }

        /// <summary>Swaps in the state of a completed re-login.</summary>
        internal void Renewed(AuthenticationState newState, IReadOnlyList<LitmindAccount> renewedAccounts)
        {
            lock (gate)
            {
                ThrowIfDisconnected();
                var old = state;
                state = newState;
                for (int i = 0; i < accounts.Count && i < renewedAccounts.Count; i++)
                {
                    accounts[i] = new AccountEntry(renewedAccounts[i], accounts[i].Credential);
                }

                reconnectCount++;
                if (!ReferenceEquals(old, newState))
                {
                    old?.Clear();
                }
            }
        }

        /// <summary>
        /// Takes the server's description of accounts this session holds (names, types), keeping the
        /// stored credentials: a session resumed from ids learns its user names this way.
        /// </summary>
        internal void Describe(IEnumerable<LitmindAccount> described)
        {
            lock (gate)
            {
                foreach (var account in described)
                {
                    int index = accounts.FindIndex(a => a.Account.Id == account.Id);
                    if (index >= 0)
                    {
                        accounts[index] = new AccountEntry(account, accounts[index].Credential);
                    }
                }
            }
        }

        internal bool HasAccount(long accountId)
        {
            lock (gate)
            {
                return accounts.Any(a => a.Account.Id == accountId);
            }
        }

        internal void Touch(int statusCode)
        {
            Interlocked.Exchange(ref lastUsedTicks, DateTimeOffset.UtcNow.UtcTicks);
            Volatile.Write(ref lastStatusCode, statusCode);
        }

        internal void ThrowIfDisconnected()
        {
            lock (gate)
            {
                if (disconnected)
                {
                    throw Errors.Failures.Disconnected();
                }
            }
        }

        /// <summary>Forgets the session: clears the session id, the API key and every stored credential.</summary>
        internal void Disconnect()
        {
            lock (gate)
            {
                if (disconnected)
                {
                    return;
                }

                disconnected = true;
                state?.Clear();
                foreach (var entry in accounts)
                {
                    entry.Credential?.Dispose();
                }

                Secrets.Dispose();
            }
        }

        /// <inheritdoc />
        public override string ToString()
        {
            string hint = SessionIdHint;
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} session {1}{2} at {3}",
                Service,
                UserName ?? "(no account)",
                string.IsNullOrEmpty(hint) ? string.Empty : " [" + hint + "]",
                BaseUri);
        }

        /// <summary>An account and, unless re-login was declined, the credential to log it in again.</summary>
        internal sealed class AccountEntry
        {
            public AccountEntry(LitmindAccount account, LoginCredential credential)
            {
                Account = account;
                Credential = credential;
            }

            public LitmindAccount Account { get; }

            public LoginCredential Credential { get; }
        }
    }
}
