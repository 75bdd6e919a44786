using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Creates sessions, adds accounts to them and renews them when they expire. Renewal is single
    /// flight: however many callers see the same expired session, one logs in again (every account,
    /// in the original order) and the others wait for it and use the result.
    /// </summary>
    internal static class SessionLogin
    {
        /// <summary>Logs the first account in and returns the new session.</summary>
        public static async Task<LitmindSession> ConnectAsync(
            ILoginFlow flow, Uri baseUri, SessionSecrets secrets, LoginCredential credential, bool keepCredential,
            CallOptions defaults, bool allowUnencryptedAuthentication, IOperationLog log, CancellationToken cancellationToken)
        {
            try
            {
                baseUri = CheckTransport(baseUri, allowUnencryptedAuthentication);
                var session = new LitmindSession(flow, baseUri, secrets, defaults, allowUnencryptedAuthentication);
                var outcome = await flow.LoginAsync(new LoginContext(baseUri, session.Pipeline, secrets, credential, null, defaults, log), cancellationToken).ConfigureAwait(false);
                session.AddAccount(outcome.State, outcome.Account, keepCredential ? credential : null);
                if (!keepCredential)
                {
                    credential.Dispose();
                }

                session.Touch(200);
                return session;
            }
            catch
            {
                // A failed connect keeps no secret in memory.
                credential.Dispose();
                secrets.Dispose();
                throw;
            }
        }

        /// <summary>Logs another account into an existing session (Litmind sends the session's X-SessionId).</summary>
        public static async Task<LitmindAccount> AddAccountAsync(LitmindSession session, LoginCredential credential, bool keepCredential, IOperationLog log, CancellationToken cancellationToken)
        {
            session.ThrowIfDisconnected();
            for (int attempt = 0; ; attempt++)
            {
                var current = session.State;
                try
                {
                    var outcome = await session.Flow.LoginAsync(new LoginContext(session.BaseUri, session.Pipeline, session.Secrets, credential, current, session.Defaults, log), cancellationToken).ConfigureAwait(false);
                    session.AddAccount(outcome.State, outcome.Account, keepCredential ? credential : null);
                    if (!keepCredential)
                    {
                        credential.Dispose();
                    }

                    session.Touch(200);
                    return outcome.Account;
                }
                catch (LitmindException ex) when (attempt == 0 && ex.StatusCode.HasValue && session.CanReconnect
                    && session.Flow.IndicatesExpiry(ex.StatusCode.Value, new ResponseEnvelope(null, null, ex.ServerMessage, ex.ServerErrorCode)))
                {
                    // The session to join has expired: renew it, then join the new one.
                    await RenewAsync(session, current, ex.StatusCode.Value, log, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    credential.Dispose();
                    throw;
                }
            }
        }

        /// <summary>Rebuilds a session from a handle the user kept, without logging in.</summary>
        public static LitmindSession Resume(
            ILoginFlow flow, Uri baseUri, SessionSecrets secrets, string resumeHandle, IEnumerable<LitmindAccount> accounts,
            CallOptions defaults, bool allowUnencryptedAuthentication, Guid? handle = null)
        {
            try
            {
                baseUri = CheckTransport(baseUri, allowUnencryptedAuthentication);
            }
            catch
            {
                secrets.Dispose();
                throw;
            }

            var session = new LitmindSession(flow, baseUri, secrets, defaults, allowUnencryptedAuthentication, handle);
            var state = flow.Resume(resumeHandle);
            foreach (var account in accounts)
            {
                session.AddAccount(state, account, null);
            }

            return session;
        }

        /// <summary>
        /// Renews a session whose <paramref name="expired"/> state the server refused. Returns at once
        /// when another caller already renewed it.
        /// </summary>
        public static async Task RenewAsync(LitmindSession session, AuthenticationState expired, int statusCode, IOperationLog log, CancellationToken cancellationToken)
        {
            await session.RenewGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!ReferenceEquals(session.State, expired))
                {
                    return;
                }

                var entries = session.AccountEntries;
                if (!session.CanReconnect)
                {
                    throw new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, Messages.CannotReconnect) { StatusCode = statusCode };
                }

                log.Verbose(Messages.Relogin(session.Service, statusCode, entries.Count));
                AuthenticationState renewed = null;
                var accounts = new List<LitmindAccount>(entries.Count);
                foreach (var entry in entries)
                {
                    var outcome = await session.Flow.LoginAsync(
                        new LoginContext(session.BaseUri, session.Pipeline, session.Secrets, entry.Credential, renewed, session.Defaults, log),
                        cancellationToken).ConfigureAwait(false);
                    renewed = outcome.State;
                    accounts.Add(outcome.Account);
                }

                session.Renewed(renewed, accounts);
            }
            finally
            {
                session.RenewGate.Release();
            }
        }

        private static Uri CheckTransport(Uri baseUri, bool allowUnencryptedAuthentication)
        {
            baseUri = EndpointResolver.NormalizeBaseUri(baseUri);
            if (!allowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(baseUri))
            {
                throw Failures.InsecureTransport(baseUri);
            }

            return baseUri;
        }

        internal static string DescribeAccounts(LitmindSession session) =>
            string.Join(", ", session.Accounts.Select(a => a.ToString()));
    }
}
