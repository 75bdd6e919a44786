using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Renews a session: by the service's refresh where it has one, else by logging every account in
    /// again. One renewal per snapshot, whatever the concurrency: every caller that meets the
    /// expiry of the same snapshot while its renewal runs shares that renewal's outcome, failure
    /// included. A credential the server refuses is dropped at once and never tried again, and the
    /// snapshot it could not replace is dead for good: later calls fail without being sent.
    /// Ahead of a known end the renewal runs in the background while calls go on with the tokens
    /// that still work; only a caller whose tokens have run out waits for it.
    /// </summary>
    internal sealed class Renewal
    {
        private readonly SessionEngine engine;
        private readonly object gate = new object();
        private TokenSnapshot renewingFor;
        private Task<TokenSnapshot> renewing;
        private TokenSnapshot aheadFor;

        public Renewal(SessionEngine engine)
        {
            this.engine = engine;
        }

        private SessionState State => engine.State;

        private CompiledService Service => engine.Service;

        /// <summary>
        /// What a call does before it is sent: fails at once when the session is dead for good,
        /// waits for a renewal when the tokens' known end has passed, and starts one in the
        /// background when their refresh point has.
        /// </summary>
        public async Task BeforeCallAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var snapshot = State.Current ?? throw Failures.Disconnected();
            while (true)
            {
                if (State.IsDeadForGood(snapshot))
                {
                    throw CredentialRefused();
                }

                var now = engine.Settings.Clock();
                if (snapshot.RefreshAt == null || now < snapshot.RefreshAt)
                {
                    return;
                }

                if (snapshot.ExpiresAt == null || now < snapshot.ExpiresAt)
                {
                    StartAhead(snapshot, log);
                    return;
                }

                // The tokens have run out: sending them would only be refused. The renewal's tokens
                // are looked at in turn (they may be due for renewal ahead already).
                var renewed = await RenewAsync(snapshot, null, log, cancellationToken).ConfigureAwait(false);
                if (renewed == null || ReferenceEquals(renewed, snapshot))
                {
                    return;
                }

                snapshot = renewed;
            }
        }

        /// <summary>Starts the renewal ahead of <paramref name="snapshot"/>'s end, once, in the background.</summary>
        private void StartAhead(TokenSnapshot snapshot, IOperationLog log)
        {
            lock (gate)
            {
                if (ReferenceEquals(aheadFor, snapshot))
                {
                    return;
                }

                aheadFor = snapshot;
            }

            // Its messages reach this call's log while the call lasts; the renewal may outlast it.
            log.Verbose(Messages.RenewingAhead(Service.Name, snapshot.ExpiresAt.Value));
            SharedTask.Observe(RenewAsync(snapshot, null, log, CancellationToken.None));
        }

        /// <summary>
        /// The snapshot to replay with once <paramref name="expired"/> is renewed: the one another
        /// caller's renewal made already, the outcome of the renewal under way, or that of a new one.
        /// Null when the session cannot be renewed (no credentials); a refused credential throws.
        /// </summary>
        public Task<TokenSnapshot> RenewAsync(TokenSnapshot expired, int? statusCode, IOperationLog log, CancellationToken cancellationToken)
        {
            Task<TokenSnapshot> task;
            lock (gate)
            {
                var current = State.Current ?? throw Failures.Disconnected();
                if (!ReferenceEquals(current, expired))
                {
                    return Task.FromResult(current);
                }

                if (State.IsDeadForGood(expired))
                {
                    throw CredentialRefused();
                }

                if (!ReferenceEquals(renewingFor, expired) || renewing == null || renewing.IsCompleted)
                {
                    renewingFor = expired;
                    renewing = Task.Run(() => RunAsync(expired, statusCode, log));
                }

                task = renewing;
            }

            return SharedTask.WaitAsync(task, cancellationToken);
        }

        /// <summary>The failure of a call on a session whose stored credential the server refused.</summary>
        public LitmindException CredentialRefused() =>
            new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, Messages.StoredCredentialRefused(Service.Name));

        /// <summary>
        /// The one renewal of <paramref name="expired"/>, on the session's lifetime (a caller that
        /// stops waiting does not stop it for the others): refresh where the service can, else log
        /// every account in again.
        /// </summary>
        private async Task<TokenSnapshot> RunAsync(TokenSnapshot expired, int? statusCode, IOperationLog log)
        {
            await engine.ExchangeGate.WaitAsync(engine.Lifetime).ConfigureAwait(false);
            try
            {
                var current = State.Current ?? throw Failures.Disconnected();
                if (!ReferenceEquals(current, expired))
                {
                    // A join replaced the session while this renewal waited for it.
                    return current;
                }

                if (Service.CanRefresh && !engine.Settings.KeyMode)
                {
                    try
                    {
                        log.Verbose(Messages.Refreshing(Service.Name));
                        var refreshed = await Service.Exchanges.RefreshAsync(engine.Exchange(log), expired, engine.Accounts.Own.FirstOrDefault()?.Credential, engine.Lifetime).ConfigureAwait(false);
                        State.Publish(refreshed, renewal: true);
                        return refreshed;
                    }
                    catch (LitmindException failure) when (State.IsConnected)
                    {
                        log.Verbose(Messages.RenewalFailed(Service.Name, failure.Message));
                    }
                }

                return engine.CanReconnect ? await LogInAgainAsync(expired, statusCode, log).ConfigureAwait(false) : null;
            }
            catch (OperationCanceledException) when (!State.IsConnected)
            {
                throw Failures.Disconnected();
            }
            finally
            {
                engine.ExchangeGate.Release();
            }
        }

        private async Task<TokenSnapshot> LogInAgainAsync(TokenSnapshot expired, int? statusCode, IOperationLog log)
        {
            var own = engine.Accounts.Own;
            log.Verbose(statusCode.HasValue ? Messages.Relogin(Service.Name, statusCode.Value, own.Count) : Messages.ReloginAhead(Service.Name, own.Count));
            TokenSnapshot renewed = null;
            var renewedAccounts = new List<AccountEntry>(own.Count);
            var domains = new List<KeyValuePair<string, string>>();
            try
            {
                foreach (var entry in own)
                {
                    var outcome = await Service.Exchanges.LoginAsync(engine.Exchange(log), entry.Credential, renewed, engine.Lifetime).ConfigureAwait(false);
                    renewed = outcome.Snapshot;
                    renewedAccounts.Add(new AccountEntry(outcome.Account, entry.Credential));
                    domains.AddRange(outcome.Domains);
                }
            }
            catch (ObjectDisposedException) when (!State.IsConnected)
            {
                // Disconnect-Litmind disposed the credentials while this renewal used them.
                throw Failures.Disconnected();
            }
            catch (LitmindException refused) when (IsRefusal(refused))
            {
                // Replaying a refused password is how accounts get locked: drop it, once and for all.
                engine.Accounts.DropCredentials();
                if (statusCode.HasValue || (expired.ExpiresAt != null && engine.Settings.Clock() >= expired.ExpiresAt))
                {
                    State.MarkDeadForGood(expired);
                }

                log.Verbose(Messages.StoredCredentialDropped(Service.Name));
                throw;
            }

            State.Publish(renewed, renewal: true);
            engine.Accounts.Replace(renewedAccounts);
            engine.Domains.Take(domains);
            return renewed;
        }

        /// <summary>A login refused for what was sent (the password, the account), not for the server's state (5xx, throttling).</summary>
        private static bool IsRefusal(LitmindException failure) =>
            failure.ErrorId == ErrorIds.LoginFailed && failure.Kind != LitmindErrorKind.ServerError && failure.Kind != LitmindErrorKind.LimitsExceeded;
    }
}
