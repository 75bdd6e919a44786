using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// A logged-in session: where it points, the accounts logged into it and how healthy it is. The
    /// secrets it holds (API key, tokens, credentials for re-login) live in its engine and are never
    /// shown: its display, ToString and serialized form carry only a short hint of the session id.
    /// To hand it to a job or another process, use Get-LitmindSession -HandOff.
    /// Safe to use from many runspaces at once.
    /// </summary>
    public sealed class LitmindSession
    {
        internal LitmindSession(SessionEngine engine, Guid? handle = null)
        {
            Engine = engine;
            Handle = handle ?? Guid.NewGuid();
        }

        /// <summary>A local handle that identifies this session object (not the server's session id).</summary>
        public Guid Handle { get; }

        /// <summary>The service this session logs into.</summary>
        public string Service => Engine.Service.Name;

        /// <summary>The API root every -Path is relative to.</summary>
        public Uri BaseUri => Engine.Settings.BaseUri;

        /// <summary>The user name of the primary account (the first one logged in).</summary>
        public string UserName => Engine.Accounts.Primary?.Account.Username;

        /// <summary>The id of the primary account, as the service has it (an Int64 for Litmind).</summary>
        public object UserId => Engine.Accounts.Primary?.Account.Id ?? 0L;

        /// <summary>Every account of this session, in login order (then those the server listed).</summary>
        public IReadOnlyList<LitmindAccount> Accounts => Engine.Accounts.Accounts;

        /// <summary>The names of the service's other domains the session may call (Invoke-LitmindRequest -Domain), as its login listed them; empty for most services.</summary>
        public IReadOnlyList<string> Domains => Engine.Domains.Names;

        /// <summary>The first characters of the session id, enough to tell sessions apart; never the whole id.</summary>
        public string SessionIdHint => Engine.State.Current?.Hint ?? string.Empty;

        /// <summary>When this session object was created.</summary>
        public DateTimeOffset CreatedAt => Engine.State.CreatedAt;

        /// <summary>When a call last used this session.</summary>
        public DateTimeOffset LastUsedAt => Engine.State.LastUsedAt.ToLocalTime();

        /// <summary>The HTTP status of the last answer, or 0 before any call.</summary>
        public int LastStatusCode => Engine.State.LastStatusCode;

        /// <summary>How many times the session expired and was logged in again on its own.</summary>
        public int ReconnectCount => Engine.State.ReconnectCount;

        /// <summary>Whether the session holds the credentials to log in again when it expires.</summary>
        public bool CanReconnect => Engine.CanReconnect;

        /// <summary>False once Disconnect-Litmind has cleared the session.</summary>
        public bool IsConnected => Engine.State.IsConnected;

        /// <summary>The default timeout of a call, in seconds.</summary>
        public int TimeoutSec => (int)Math.Ceiling(Defaults.Timeout.TotalSeconds);

        /// <summary>The default number of retries for throttled and transient failures.</summary>
        public int MaximumRetryCount => Defaults.MaximumRetryCount;

        /// <summary>The default first backoff step, in seconds.</summary>
        public int RetryIntervalSec => (int)Math.Ceiling(Defaults.RetryInterval.TotalSeconds);

        /// <summary>Whether the user allowed secrets over plain http to a host other than this machine.</summary>
        public bool AllowUnencryptedAuthentication => Engine.Settings.AllowUnencryptedAuthentication;

        /// <summary>The call defaults a call starts from.</summary>
        internal CallOptions Defaults => Engine.Settings.Defaults;

        /// <summary>The parts that log in, renew and send calls for this session; the cmdlets go through the members below.</summary>
        internal SessionEngine Engine { get; }

        /// <summary>The session's service, compiled: what Connect-Litmind masks and checks a joining account against.</summary>
        internal Services.CompiledService CompiledService => Engine.Service;

        /// <summary>
        /// The media type the service's authorization gives a call's body when the user names none
        /// (JSON:API's application/vnd.api+json); null when it gives none.
        /// </summary>
        internal string BodyMediaType => (Engine.Settings.KeyMode ? Engine.Service.Definition.KeyAuthorize : Engine.Service.Definition.Authorize)?.ContentType;

        /// <summary>Whether the session's service is the module's default one.</summary>
        internal bool IsDefaultService => Engine.Service.IsBuiltIn && Engine.Service.Name == Services.ServiceCatalog.DefaultName;

        /// <summary>Makes a call as an account of the session (the primary one when <paramref name="accountId"/> is null).</summary>
        internal Task<ApiResult> SendAsync(ApiRequest request, object accountId, CallOptions options, IOperationLog log, CancellationToken cancellationToken) =>
            Engine.Calls.SendAsync(request, accountId, options, log, cancellationToken);

        /// <summary>Logs another account into the session.</summary>
        internal Task<LitmindAccount> AddAccountAsync(LoginCredential credential, bool keepCredential, IOperationLog log, CancellationToken cancellationToken) =>
            Engine.Joins.AddAsync(credential, keepCredential, log, cancellationToken);

        /// <summary>The accounts the server lists for the session.</summary>
        internal Task<IReadOnlyList<LitmindAccount>> ListAccountsAsync(IOperationLog log, CancellationToken cancellationToken) =>
            Engine.Calls.ListAccountsAsync(log, cancellationToken);

        /// <summary>Logs out on the server where the service has a logout and this session logged in.</summary>
        internal Task LogoutAsync(IOperationLog log, CancellationToken cancellationToken) => Engine.LogoutAsync(log, cancellationToken);

        /// <summary>Forgets the session and clears its secrets from memory.</summary>
        internal void Disconnect() => Engine.Disconnect();

        /// <summary>
        /// Refuses, before anything is sent, an account joining on another API root or with other
        /// secrets than the session's: scripts pass -BaseUri and -ApiKey out of habit, and must not differ.
        /// </summary>
        internal void CheckJoinedWith(Uri baseUri, IEnumerable<KeyValuePair<string, SecureString>> secrets)
        {
            if (baseUri != null && EndpointResolver.NormalizeBaseUri(baseUri) != BaseUri)
            {
                throw Failures.InvalidArgument(Messages.JoinOtherBaseUri(baseUri, BaseUri));
            }

            if (secrets.Any(secret => !Engine.Settings.Secrets.Matches(secret.Key, secret.Value)))
            {
                throw Failures.InvalidArgument(Messages.JoinOtherApiKey);
            }
        }

        /// <inheritdoc />
        public override string ToString()
        {
            string hint = SessionIdHint;
            var primary = Engine.Accounts.Primary?.Account;
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} session {1}{2} at {3}",
                Service,
                UserName ?? (primary?.TypeTitle is string type ? "(" + type + ")" : "(no account)"),
                string.IsNullOrEmpty(hint) ? string.Empty : " [" + hint + "]",
                BaseUri);
        }
    }
}
