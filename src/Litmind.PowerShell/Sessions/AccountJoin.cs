using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Logs another account into a session (seed 001: a login that carries the session id). A join
    /// never runs while the session is being replaced (it holds the exchange gate); a join refused
    /// because the session expired renews it and joins the new one; and a join the server answers
    /// with another session (it started a new one for the account) moves every account there.
    /// </summary>
    internal sealed class AccountJoin
    {
        private readonly SessionEngine engine;

        public AccountJoin(SessionEngine engine)
        {
            this.engine = engine;
        }

        private CompiledService Service => engine.Service;

        /// <summary>Logs the account in; the session keeps its credential unless <paramref name="keepCredential"/> is false.</summary>
        public async Task<LitmindAccount> AddAsync(LoginCredential credential, bool keepCredential, IOperationLog log, CancellationToken cancellationToken)
        {
            try
            {
                engine.State.ThrowIfDisconnected();
                if (!Service.CanJoin || engine.Settings.KeyMode)
                {
                    throw Failures.InvalidArgument(Messages.ServiceCannotJoin(Service.Name));
                }

                for (int attempt = 0; ; attempt++)
                {
                    TokenSnapshot joined = null;
                    await engine.ExchangeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        joined = engine.State.Current ?? throw Failures.Disconnected();
                        var outcome = await Service.Exchanges.LoginAsync(engine.Exchange(log), credential, joined, cancellationToken).ConfigureAwait(false);
                        var added = await TakeAsync(outcome, joined, keepCredential ? credential : null, log, cancellationToken).ConfigureAwait(false);
                        if (!keepCredential)
                        {
                            credential.Dispose();
                        }

                        engine.State.Touch(200);
                        return added;
                    }
                    catch (LitmindException expired) when (attempt == 0 && expired.ErrorId == ErrorIds.SessionExpired)
                    {
                        // The session to join has expired: renew it (below, outside the gate), then join the new one.
                        log.Verbose(Messages.JoinRenewsFirst(Service.Name));
                    }
                    finally
                    {
                        engine.ExchangeGate.Release();
                    }

                    if (await engine.Renewal.RenewAsync(joined, null, log, cancellationToken).ConfigureAwait(false) == null)
                    {
                        throw new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, Messages.JoinedSessionExpired(Service.Name) + " " + Messages.CannotReconnect(Service.Name));
                    }
                }
            }
            catch
            {
                credential.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Records a join's outcome. When the answer names another session than the one joined (the
        /// server started a new one), every account the session logged in itself is logged into the
        /// new one, with its stored credential, before it is published; one without a credential
        /// cannot follow and is left out.
        /// </summary>
        private async Task<LitmindAccount> TakeAsync(LoginOutcome outcome, TokenSnapshot joined, LoginCredential credential, IOperationLog log, CancellationToken cancellationToken)
        {
            string handle = Service.Definition.Handle;
            if (handle == null || outcome.Snapshot.Get(handle) == joined.Get(handle))
            {
                engine.State.Publish(outcome.Snapshot, renewal: false);
                engine.Accounts.Add(outcome.Account, credential);
                return engine.Accounts.Find(outcome.Account.Id).Account;
            }

            log.Verbose(Messages.JoinAnsweredAnotherSession(Service.Name));
            var moved = new List<AccountEntry>();
            var snapshot = outcome.Snapshot;
            foreach (var entry in engine.Accounts.Own)
            {
                if (Equals(entry.Record.Id, outcome.Account.Id))
                {
                    continue;
                }

                if (entry.Credential == null)
                {
                    log.Verbose(Messages.AccountCannotMove(entry.Account.ToString()));
                    continue;
                }

                var again = await Service.Exchanges.LoginAsync(engine.Exchange(log), entry.Credential, snapshot, cancellationToken).ConfigureAwait(false);
                snapshot = again.Snapshot;
                moved.Add(new AccountEntry(again.Account, entry.Credential));
            }

            var added = new AccountEntry(outcome.Account, credential);
            moved.Add(added);
            engine.State.Publish(snapshot, renewal: false);
            engine.Accounts.Replace(moved);
            engine.Domains.Take(outcome.Domains);
            return added.Account;
        }
    }
}
