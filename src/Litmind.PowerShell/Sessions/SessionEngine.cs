using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// One session's parts, put together: its settings, its state (the current tokens), its
    /// accounts, its renewal, its calls and its joins. Safe to use from many runspaces at once:
    /// snapshots are never changed, only replaced, and every login, join, refresh and re-login
    /// holds <see cref="ExchangeGate"/>.
    /// </summary>
    internal sealed class SessionEngine
    {
        private readonly CancellationTokenSource lifetime = new CancellationTokenSource();

        public SessionEngine(SessionSettings settings, TokenSnapshot tokens, AccountBook accounts, bool ownsServerSession)
        {
            Settings = settings;
            OwnsServerSession = ownsServerSession;
            Pipeline = new HttpPipeline(settings.BaseUri);
            State = new SessionState(tokens);
            Accounts = accounts;
            Domains = new SessionDomains(settings.BaseUri, settings.Service.Name);
            Renewal = new Renewal(this);
            Calls = new CallLoop(this);
            Joins = new AccountJoin(this);
        }

        public SessionSettings Settings { get; }

        public CompiledService Service => Settings.Service;

        public HttpPipeline Pipeline { get; }

        public SessionState State { get; }

        public AccountBook Accounts { get; }

        /// <summary>The service's other domains the session may call (-Domain), as its latest login listed them.</summary>
        public SessionDomains Domains { get; }

        public Renewal Renewal { get; }

        public CallLoop Calls { get; }

        public AccountJoin Joins { get; }

        /// <summary>Held by every exchange that replaces the tokens (a renewal, a join), so none runs on a session another is replacing.</summary>
        public SemaphoreSlim ExchangeGate { get; } = new SemaphoreSlim(1, 1);

        /// <summary>Cancelled when the session is disconnected: ends a renewal no caller is waiting for any more.</summary>
        public CancellationToken Lifetime => lifetime.Token;

        /// <summary>Whether this session logged in (and so logs out); a resumed or rebuilt one shares another's server session.</summary>
        public bool OwnsServerSession { get; }

        /// <summary>Whether the session holds the credentials to log every account it logged in again.</summary>
        public bool CanReconnect => State.IsConnected && !Settings.KeyMode && Accounts.HaveCredentials;

        /// <summary>What an exchange (login, refresh, logout) of this session needs.</summary>
        public ExchangeContext Exchange(IOperationLog log) =>
            new ExchangeContext(Settings.BaseUri, Pipeline, Settings.Secrets, Settings.Parameters, Settings.Defaults, log, Settings.Clock);

        /// <summary>
        /// Ends the session on the server when the service has a logout and this session logged in
        /// (a resumed or rebuilt session shares another's server session, which stays); the local
        /// session is cleared by <see cref="Disconnect"/>.
        /// </summary>
        public async Task LogoutAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var snapshot = State.Current;
            if (Service.Definition.Logout == null || Settings.KeyMode || !OwnsServerSession || snapshot == null)
            {
                return;
            }

            await Service.Exchanges.LogoutAsync(Exchange(log), snapshot, Accounts.Own.FirstOrDefault()?.Credential, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Forgets the session: drops its tokens, disposes its secrets and every stored credential, and ends its renewals.</summary>
        public void Disconnect()
        {
            if (!State.Disconnect())
            {
                return;
            }

            Accounts.DisposeCredentials();
            Settings.Secrets.Dispose();
            lifetime.Cancel();
        }
    }
}
