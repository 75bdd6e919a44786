using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Makes sessions, each way one can start: a login, a resumed session id, a hand-off's tokens,
    /// API keys. The settings are checked before anything is sent; a session that cannot be made
    /// disposes the secrets and credential it was given, so a failed connect keeps none in memory.
    /// </summary>
    internal static class SessionFactory
    {
        /// <summary>A base URI checked for use: absolute http(s), no query or user info, and https unless to this machine or allowed.</summary>
        public static Uri CheckBaseUri(Uri baseUri, bool allowUnencryptedAuthentication)
        {
            baseUri = EndpointResolver.NormalizeBaseUri(baseUri);
            if (!allowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(baseUri))
            {
                throw Failures.InsecureTransport(baseUri);
            }

            return baseUri;
        }

        /// <summary>Logs the first account in and returns the new session.</summary>
        public static async Task<LitmindSession> ConnectAsync(SessionSettings settings, LoginCredential credential, bool keepCredential, IOperationLog log, CancellationToken cancellationToken)
        {
            SessionEngine engine = null;
            try
            {
                if (settings.Service.Definition.Login == null)
                {
                    throw Failures.InvalidArgument(Messages.ServiceHasNoLogin(settings.Service.Name));
                }

                // This session logs in, so it is the one that logs out; a resumed or rebuilt one shares another's server session.
                engine = new SessionEngine(settings, TokenSnapshot.Empty, new AccountBook(Enumerable.Empty<AccountEntry>()), ownsServerSession: true);
                var outcome = await settings.Service.Exchanges.LoginAsync(engine.Exchange(log), credential, null, cancellationToken).ConfigureAwait(false);
                engine.State.Publish(outcome.Snapshot, renewal: false);
                engine.Accounts.Add(outcome.Account, keepCredential ? credential : null);
                engine.Domains.Take(outcome.Domains);
                if (!keepCredential)
                {
                    credential.Dispose();
                }

                engine.State.Touch(200);
                return new LitmindSession(engine);
            }
            catch
            {
                credential.Dispose();
                if (engine != null)
                {
                    engine.Disconnect();
                }
                else
                {
                    settings.Secrets.Dispose();
                }

                throw;
            }
        }

        /// <summary>Rebuilds a session from the handle a user kept (a Litmind session id), without logging in.</summary>
        public static LitmindSession Resume(SessionSettings settings, string handle, IEnumerable<LitmindAccount> accounts) =>
            Start(settings, accounts, () => settings.Service.Lifetimes.Resume(handle, settings.Clock()));

        /// <summary>
        /// Rebuilds a session from the tokens another session handed over, without logging in; it
        /// renews them by the service's refresh when it has one, and ends when they end.
        /// </summary>
        public static LitmindSession Restore(SessionSettings settings, IReadOnlyDictionary<string, string> tokens, DateTimeOffset? expiresAt, IEnumerable<LitmindAccount> accounts) =>
            Start(settings, accounts, () => settings.Service.Lifetimes.Restore(tokens, expiresAt, settings.Clock()));

        /// <summary>
        /// A session in key mode: no login, every call carries the service's keys (its keyAuthorize).
        /// Without <paramref name="accounts"/> it acts as one account with id 0, of type "API key".
        /// </summary>
        public static LitmindSession WithKeys(SessionSettings settings, IEnumerable<LitmindAccount> accounts)
        {
            settings.KeyMode = true;
            var actingAs = accounts?.ToList() is List<LitmindAccount> given && given.Count > 0
                ? given
                : new List<LitmindAccount> { new LitmindAccount(0, null, Messages.KeyModeAccountType, null) };
            return Start(settings, actingAs, () => settings.Service.Definition.KeyAuthorize == null
                ? throw Failures.InvalidArgument(Messages.ServiceHasNoKeyMode(settings.Service.Name))
                : TokenSnapshot.Empty);
        }

        private static LitmindSession Start(SessionSettings settings, IEnumerable<LitmindAccount> accounts, Func<TokenSnapshot> tokens)
        {
            try
            {
                // Ids a user or a hand-off gave, as the service has them (1 from PowerShell is an Int32).
                var entries = accounts.Select(a => new AccountEntry(new ServiceAccount(settings.Service.Accounts.Id(a.Id) ?? a.Id, a.Username, a.TypeTitle, a.ThumbnailUrl), null));
                var engine = new SessionEngine(settings, tokens(), new AccountBook(entries), ownsServerSession: false);
                return new LitmindSession(engine);
            }
            catch
            {
                settings.Secrets.Dispose();
                throw;
            }
        }
    }
}
