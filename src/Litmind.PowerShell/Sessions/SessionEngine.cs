using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Auth;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// One session's engine: it owns the token snapshots, the accounts and the single-flight gate,
    /// and sends every call the same way: renew ahead of RefreshAt → authorize → pipeline → classify
    /// by the service definition → on expiry renew (or see that another caller already did) →
    /// replay, which is safe because an expired session means the server did not act on the call.
    /// Safe to use from many runspaces at once: snapshots are never changed, only replaced, and
    /// every login, join, refresh and re-login goes through one gate.
    /// </summary>
    internal sealed class SessionEngine
    {
        /// <summary>How many times one call is replayed after expiry (expiry can strike again mid-run).</summary>
        private const int MaximumReplays = 3;

        private readonly object stateLock = new object();
        private readonly SemaphoreSlim renewalGate = new SemaphoreSlim(1, 1);
        private readonly IReadOnlyDictionary<string, object> parameters;
        private readonly bool keyMode;
        private readonly Func<DateTimeOffset> utcNow;
        private bool ownsServerSession;
        private TokenSnapshot current;
        private AccountEntry[] accounts = new AccountEntry[0];
        private TokenSnapshot confirmed;
        private TokenSnapshot renewAheadFailed;
        private bool disconnected;
        private long lastUsedTicks;
        private int lastStatusCode;
        private int reconnectCount;

        private SessionEngine(ServiceDefinition service, Uri baseUri, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, CallOptions defaults, bool allowUnencryptedAuthentication, bool keyMode, Func<DateTimeOffset> utcNow)
        {
            this.utcNow = utcNow ?? SystemUtcNow;
            Interpreter = new ServiceInterpreter(service);
            BaseUri = baseUri;
            Secrets = secrets;
            this.parameters = parameters ?? new Dictionary<string, object>();
            Defaults = defaults;
            AllowUnencryptedAuthentication = allowUnencryptedAuthentication;
            this.keyMode = keyMode;
            Pipeline = new HttpPipeline(baseUri);
            CreatedAt = DateTimeOffset.Now;
            lastUsedTicks = CreatedAt.UtcTicks;
        }

        /// <summary>The clock sessions plan renewals by, unless a test gives its own.</summary>
        public static Func<DateTimeOffset> SystemUtcNow { get; } = () => DateTimeOffset.UtcNow;

        public ServiceInterpreter Interpreter { get; }

        /// <summary>The service values the session was connected with (an account id, an organization), by name.</summary>
        public IReadOnlyDictionary<string, object> Parameters => parameters;

        /// <summary>Whether calls carry the service's keys instead of a login's tokens.</summary>
        public bool KeyMode => keyMode;

        public ServiceDefinition Service => Interpreter.Service;

        public Uri BaseUri { get; }

        public SecretBag Secrets { get; }

        public CallOptions Defaults { get; }

        public bool AllowUnencryptedAuthentication { get; }

        public HttpPipeline Pipeline { get; }

        public DateTimeOffset CreatedAt { get; }

        /// <summary>The tokens calls use now; null once disconnected. Replaced whole, never changed.</summary>
        public TokenSnapshot Current => Volatile.Read(ref current);

        public IReadOnlyList<AccountEntry> AccountEntries => Volatile.Read(ref accounts);

        public IReadOnlyList<LitmindAccount> Accounts => AccountEntries.Select(a => a.Account).ToArray();

        public LitmindAccount PrimaryAccount => AccountEntries.FirstOrDefault()?.Account;

        public DateTimeOffset LastUsedAt => new DateTimeOffset(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);

        public int LastStatusCode => Volatile.Read(ref lastStatusCode);

        public int ReconnectCount => Volatile.Read(ref reconnectCount);

        /// <summary>Whether the session holds the credentials to log every account it logged in again.</summary>
        public bool CanReconnect
        {
            get
            {
                var own = AccountEntries.Where(a => !a.Learned).ToList();
                return IsConnected && !keyMode && own.Count > 0 && own.All(a => a.Credential != null);
            }
        }

        public bool IsConnected
        {
            get { lock (stateLock) { return !disconnected; } }
        }

        /// <summary>Logs the first account in and returns the new session's engine.</summary>
        public static async Task<SessionEngine> ConnectAsync(
            ServiceDefinition service, Uri baseUri, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, LoginCredential credential, bool keepCredential,
            CallOptions defaults, bool allowUnencryptedAuthentication, IOperationLog log, CancellationToken cancellationToken, Func<DateTimeOffset> utcNow = null)
        {
            try
            {
                if (service.Login == null)
                {
                    throw Failures.InvalidArgument(Messages.ServiceHasNoLogin(service.Name));
                }

                var engine = new SessionEngine(service, CheckTransport(baseUri, allowUnencryptedAuthentication), secrets, parameters, defaults, allowUnencryptedAuthentication, keyMode: false, utcNow)
                {
                    // This session logged in, so it is the one that logs out; a resumed or rebuilt one shares another's server session.
                    ownsServerSession = true,
                };
                var outcome = await engine.Interpreter.LoginAsync(engine.Context(log), credential, null, cancellationToken).ConfigureAwait(false);
                engine.Add(outcome, keepCredential ? credential : null);
                if (!keepCredential)
                {
                    credential.Dispose();
                }

                engine.Touch(200);
                return engine;
            }
            catch
            {
                // A failed connect keeps no secret in memory.
                credential.Dispose();
                secrets.Dispose();
                throw;
            }
        }

        /// <summary>Rebuilds a session from the handle a user kept (a Litmind session id), without logging in.</summary>
        public static SessionEngine Resume(
            ServiceDefinition service, Uri baseUri, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, string resumeHandle, IEnumerable<LitmindAccount> accounts,
            CallOptions defaults, bool allowUnencryptedAuthentication, Func<DateTimeOffset> utcNow = null) =>
            Start(service, baseUri, secrets, parameters, accounts, defaults, allowUnencryptedAuthentication, keyMode: false, utcNow, engine => engine.Interpreter.Resume(resumeHandle, engine.utcNow()));

        /// <summary>
        /// Rebuilds a session from the tokens another session handed over (a hand-off), without
        /// logging in; it renews them by the service's refresh when it has one, and ends when they end.
        /// </summary>
        public static SessionEngine Restore(
            ServiceDefinition service, Uri baseUri, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, IReadOnlyDictionary<string, string> tokens,
            DateTimeOffset? expiresAt, IEnumerable<LitmindAccount> accounts, CallOptions defaults, bool allowUnencryptedAuthentication, Func<DateTimeOffset> utcNow = null) =>
            Start(service, baseUri, secrets, parameters, accounts, defaults, allowUnencryptedAuthentication, keyMode: false, utcNow, engine => engine.Interpreter.Restore(tokens, expiresAt, engine.utcNow()));

        /// <summary>
        /// A session in key mode: no login, every call carries the service's keys (its keyAuthorize).
        /// Without <paramref name="accounts"/> it acts as one account with id 0, of type "API key".
        /// </summary>
        public static SessionEngine WithKeys(
            ServiceDefinition service, Uri baseUri, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, IEnumerable<LitmindAccount> accounts,
            CallOptions defaults, bool allowUnencryptedAuthentication, Func<DateTimeOffset> utcNow = null)
        {
            if (service.KeyAuthorize == null)
            {
                secrets.Dispose();
                throw Failures.InvalidArgument(Messages.ServiceHasNoKeyMode(service.Name));
            }

            var actingAs = accounts?.ToList() is List<LitmindAccount> given && given.Count > 0 ? given : new List<LitmindAccount> { new LitmindAccount(0, null, Messages.KeyModeAccountType, null) };
            return Start(service, baseUri, secrets, parameters, actingAs, defaults, allowUnencryptedAuthentication, keyMode: true, utcNow, _ => TokenSnapshot.Empty);
        }

        /// <summary>Fails with Litmind.MissingApiKey, before anything is sent, when a secret every call needs is missing.</summary>
        public void RequireSecrets() => Interpreter.RequireSecrets(Secrets, keyMode);

        /// <summary>
        /// Logs another account into this session (Litmind: a login that carries the session id).
        /// Takes the same gate as renewal, so an account never joins a session that is being replaced.
        /// </summary>
        public async Task<LitmindAccount> AddAccountAsync(LoginCredential credential, bool keepCredential, IOperationLog log, CancellationToken cancellationToken)
        {
            try
            {
                ThrowIfDisconnected();
                if (!Interpreter.CanJoin || keyMode)
                {
                    throw Failures.InvalidArgument(Messages.ServiceCannotJoin(Service.Name));
                }

                await renewalGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        var snapshot = Current ?? throw Failures.Disconnected();
                        try
                        {
                            var outcome = await Interpreter.LoginAsync(Context(log), credential, snapshot, cancellationToken).ConfigureAwait(false);
                            Add(outcome, keepCredential ? credential : null);
                            if (!keepCredential)
                            {
                                credential.Dispose();
                            }

                            Touch(200);
                            return outcome.Account;
                        }
                        catch (LitmindException joinExpired) when (attempt == 0 && joinExpired.ErrorId == ErrorIds.SessionExpired)
                        {
                            // The session to join has expired: renew it, then join the new one.
                            if (await RenewLockedAsync(joinExpired.StatusCode ?? 0, log, cancellationToken).ConfigureAwait(false) == null)
                            {
                                throw AnswerFailures.Expired(joinExpired, cannotRenew: true, Service.Name);
                            }
                        }
                    }
                }
                finally
                {
                    renewalGate.Release();
                }
            }
            catch
            {
                credential.Dispose();
                throw;
            }
        }

        /// <summary>Makes a call as an account of the session (the primary one when <paramref name="accountId"/> is null).</summary>
        public async Task<ApiResult> SendAsync(ApiRequest request, long? accountId, CallOptions options, IOperationLog log, CancellationToken cancellationToken)
        {
            ThrowIfDisconnected();
            var uri = EndpointResolver.Resolve(BaseUri, request.Path, request.Query);
            if (!AllowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(uri))
            {
                throw Failures.InsecureTransport(BaseUri);
            }

            long id = accountId ?? PrimaryAccount?.Id ?? 0;
            var account = AccountEntries.FirstOrDefault(a => a.Account.Id == id)?.Account
                ?? throw Failures.UnknownAccount(id, string.Join(", ", Accounts.Select(a => a.ToString())));
            string method = request.Method.Method;
            TokenSnapshot renewedHere = null;
            for (int replays = 0; ; replays++)
            {
                await RenewAheadAsync(log, cancellationToken).ConfigureAwait(false);
                TokenSnapshot used = null;
                if (log.IsEnabled)
                {
                    log.Verbose(Messages.Sending(method, EndpointResolver.ForLog(uri)));
                }

                var sent = await Pipeline.SendAsync(
                    () =>
                    {
                        // Read for every attempt: a retry after a 429 uses a renewal made meanwhile.
                        used = Current ?? throw Failures.Disconnected();
                        var message = CreateMessage(request, uri, used, account);
                        if (log.IsEnabled)
                        {
                            // Header text only for a listener: -Debug asks for it, a plain call does not.
                            log.Debug(Messages.RequestHeaders(HeaderRedaction.Describe(message, Interpreter.SecretHeaders)));
                        }

                        return message;
                    },
                    options,
                    log,
                    cancellationToken).ConfigureAwait(false);
                Touch(sent.StatusCode);
                if (log.IsEnabled)
                {
                    log.Debug(Messages.Received(sent.StatusCode, sent.MediaType, sent.Message.Content?.Headers.ContentLength));
                }


                var result = Read(sent, request, method, uri, out var answer, out var failure);
                if (result != null)
                {
                    Volatile.Write(ref confirmed, used);
                    return result;
                }

                if (keyMode || !Interpreter.IsExpired(answer))
                {
                    throw failure;
                }

                // Renew unless the renewed session this call was replayed with is refused before it
                // ever worked (then the refusal is real), and never more than a few times for one call.
                bool freshRenewalRefused = ReferenceEquals(used, renewedHere) && !ReferenceEquals(Volatile.Read(ref confirmed), used);
                if (replays >= MaximumReplays || freshRenewalRefused)
                {
                    throw AnswerFailures.Expired(failure, cannotRenew: false, Service.Name);
                }

                // Replay with the renewed snapshot, whoever renewed it.
                renewedHere = await RenewAsync(used, sent.StatusCode, log, cancellationToken).ConfigureAwait(false)
                    ?? throw AnswerFailures.Expired(failure, cannotRenew: true, Service.Name);
            }
        }

        /// <summary>
        /// The accounts the server lists for this session (the session's own when the service has no
        /// list). Accounts it did not know become usable: what it lists, it can act as.
        /// </summary>
        public async Task<IReadOnlyList<LitmindAccount>> ListAccountsAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var list = Service.Accounts?.List;
            if (list == null)
            {
                return Accounts;
            }

            string path = ServiceInterpreter.RenderPath(list.Path, new TemplateValues(Service, Secrets, parameters, null, Current, PrimaryAccount));
            var request = new ApiRequest(new HttpMethod(list.Method), path) { AsTree = true };
            using (var result = await SendAsync(request, null, Defaults, log, cancellationToken).ConfigureAwait(false))
            {
                JToken document = result.Items != null ? new JArray(result.Items.ToArray()) : result.Document;
                var listed = Interpreter.ReadAccountList(document, list.Method, EndpointResolver.Resolve(BaseUri, path, null), result.StatusCode);
                Learn(listed);
                return listed;
            }
        }

        /// <summary>
        /// Ends the session on the server when the service has a logout and this session logged in
        /// (a resumed or rebuilt session shares another's server session, which stays); the local
        /// session is cleared by <see cref="Disconnect"/>.
        /// </summary>
        public async Task LogoutAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var snapshot = Current;
            if (Service.Logout == null || keyMode || !ownsServerSession || snapshot == null)
            {
                return;
            }

            await Interpreter.LogoutAsync(Context(log), snapshot, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Forgets the session: drops its tokens, the secrets and every stored credential.</summary>
        public void Disconnect()
        {
            lock (stateLock)
            {
                if (disconnected)
                {
                    return;
                }

                disconnected = true;
                Volatile.Write(ref current, null);
                Volatile.Write(ref confirmed, null);
                foreach (var entry in accounts)
                {
                    entry.Credential?.Dispose();
                }

                Secrets.Dispose();
            }
        }

        public void ThrowIfDisconnected()
        {
            if (!IsConnected)
            {
                throw Failures.Disconnected();
            }
        }

        private static SessionEngine Start(
            ServiceDefinition service, Uri baseUri, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, IEnumerable<LitmindAccount> accounts,
            CallOptions defaults, bool allowUnencryptedAuthentication, bool keyMode, Func<DateTimeOffset> utcNow, Func<SessionEngine, TokenSnapshot> tokens)
        {
            try
            {
                var engine = new SessionEngine(service, CheckTransport(baseUri, allowUnencryptedAuthentication), secrets, parameters, defaults, allowUnencryptedAuthentication, keyMode, utcNow);
                engine.current = tokens(engine);
                engine.accounts = accounts.Select(a => new AccountEntry(a, null)).ToArray();
                return engine;
            }
            catch
            {
                secrets.Dispose();
                throw;
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

        private static bool AllowsEmptyBody(HttpMethod method, int statusCode) =>
            method == HttpMethod.Head || statusCode == 204 || statusCode == 205 || statusCode == 202;

        private ExchangeContext Context(IOperationLog log) => new ExchangeContext(BaseUri, Pipeline, Secrets, parameters, Defaults, log, utcNow);

        /// <summary>Reads an answer: the result when it is one, else the failure it reports and how the service's envelope reads.</summary>
        private ApiResult Read(SentResponse sent, ApiRequest request, string method, Uri uri, out ServiceAnswer answer, out LitmindException failure)
        {
            answer = null;
            failure = null;
            if (sent.StatusCode >= 300 && sent.StatusCode <= 399)
            {
                using (sent)
                {
                    throw AnswerFailures.Redirected(sent, method, uri);
                }
            }

            if (sent.StatusCode < 200 || sent.StatusCode > 299)
            {
                using (sent)
                {
                    answer = Interpreter.ReadAnswer(sent.StatusCode, JsonBody.ReadErrorDocument(sent));
                    failure = AnswerFailures.HttpFailure(sent, method, uri, answer, Interpreter.HintFor(answer));
                    return null;
                }
            }

            if (request.OutFile != null)
            {
                using (sent)
                {
                    JsonBody.CopyBody(sent, request.OutFile, method, uri);
                    return new ApiResult(sent, null);
                }
            }

            if (request.Raw)
            {
                using (sent)
                {
                    return new ApiResult(sent, null)
                    {
                        Text = JsonBody.ReadText(sent, method, uri),
                    };
                }
            }

            var result = request.AsTree
                ? JsonBody.Open(sent, method, uri)
                : JsonBody.OpenObjects(sent, method, uri, new Conversion.JsonReaderToPSObject(Service.TypeNames, Interpreter.AnswerFields, request.MaskAnswerText), request.ExpandProperty, fields => ThrowIfReportsFailure(sent, method, uri, fields));
            if (result.Document == null && result.Items == null && !result.HasValue && result.Objects == null && !result.ExpandedMissing && !AllowsEmptyBody(request.Method, sent.StatusCode))
            {
                result.Dispose();
                throw Failures.InvalidResponse(method, uri, Messages.EmptyBody, sent.StatusCode);
            }

            answer = Interpreter.ReadAnswer(sent.StatusCode, request.AsTree ? result.Document : result.Envelope);
            if (!answer.ReportsFailure)
            {
                if (result.ExpandedMissing)
                {
                    result.Dispose();
                    throw Failures.InvalidResponse(method, uri, Messages.ExpandPropertyMissing(request.ExpandProperty), sent.StatusCode);
                }

                return result;
            }

            result.Dispose();
            failure = AnswerFailures.ReportedFailure(sent, method, uri, answer, Service.Envelope.Success, Interpreter.HintFor(answer));
            return null;
        }

        /// <summary>The check of an envelope whose last fields came after a streamed list: a failure it reports is an error still.</summary>
        private void ThrowIfReportsFailure(SentResponse sent, string method, Uri uri, JObject fields)
        {
            var answer = Interpreter.ReadAnswer(sent.StatusCode, fields);
            if (answer.ReportsFailure)
            {
                throw AnswerFailures.ReportedFailure(sent, method, uri, answer, Service.Envelope.Success, Interpreter.HintFor(answer));
            }
        }

        private HttpRequestMessage CreateMessage(ApiRequest request, Uri uri, TokenSnapshot snapshot, LitmindAccount account)
        {
            var message = new HttpRequestMessage(request.Method, uri);
            if (request.Body != null)
            {
                message.Content = request.Body.CreateContent();
            }

            foreach (var header in request.Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value) && message.Content != null)
                {
                    message.Content.Headers.Remove(header.Key);
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            // The session's headers go last so a user header cannot replace them.
            Interpreter.Authorize(message, new TemplateValues(Service, Secrets, parameters, null, snapshot, account), keyMode);
            if (message.Headers.Accept.Count == 0)
            {
                message.Headers.Accept.ParseAdd("application/json");
            }

            return message;
        }

        /// <summary>Renews the session ahead of its known end, once per snapshot; a failure leaves expiry to the call.</summary>
        private async Task RenewAheadAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var snapshot = Current ?? throw Failures.Disconnected();
            if (snapshot.RefreshAt == null || utcNow() < snapshot.RefreshAt || ReferenceEquals(snapshot, Volatile.Read(ref renewAheadFailed)))
            {
                return;
            }

            await renewalGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!ReferenceEquals(Current, snapshot))
                {
                    return;
                }

                log.Verbose(Messages.RenewingAhead(Service.Name, snapshot.ExpiresAt.Value));
                try
                {
                    if (await RenewLockedAsync(null, log, cancellationToken).ConfigureAwait(false) == null)
                    {
                        Volatile.Write(ref renewAheadFailed, snapshot);
                    }
                }
                catch (LitmindException failure) when (failure.Kind != LitmindErrorKind.NotConnected || IsConnected)
                {
                    Volatile.Write(ref renewAheadFailed, snapshot);
                    log.Verbose(Messages.RenewalFailed(Service.Name, failure.Message));
                }
            }
            finally
            {
                renewalGate.Release();
            }
        }

        /// <summary>
        /// Single flight: the first caller that meets the expiry of <paramref name="expired"/> renews;
        /// the others wait and get its result. Returns the snapshot to replay with, or null when the
        /// session cannot be renewed.
        /// </summary>
        private async Task<TokenSnapshot> RenewAsync(TokenSnapshot expired, int statusCode, IOperationLog log, CancellationToken cancellationToken)
        {
            await renewalGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = Current ?? throw Failures.Disconnected();
                return ReferenceEquals(now, expired)
                    ? await RenewLockedAsync(statusCode, log, cancellationToken).ConfigureAwait(false)
                    : now;
            }
            finally
            {
                renewalGate.Release();
            }
        }

        /// <summary>Inside the gate: refresh when the service can, else log every account in again.</summary>
        private async Task<TokenSnapshot> RenewLockedAsync(int? statusCode, IOperationLog log, CancellationToken cancellationToken)
        {
            var snapshot = Current ?? throw Failures.Disconnected();
            if (Interpreter.CanRefresh && !keyMode)
            {
                try
                {
                    log.Verbose(Messages.Refreshing(Service.Name));
                    var refreshed = await Interpreter.RefreshAsync(Context(log), snapshot, cancellationToken).ConfigureAwait(false);
                    Publish(refreshed, null);
                    return refreshed;
                }
                catch (LitmindException failure) when (IsConnected)
                {
                    log.Verbose(Messages.RenewalFailed(Service.Name, failure.Message));
                }
            }

            if (!CanReconnect)
            {
                return null;
            }

            var entries = AccountEntries.Where(a => !a.Learned).ToList();
            log.Verbose(statusCode.HasValue ? Messages.Relogin(Service.Name, statusCode.Value, entries.Count) : Messages.ReloginAhead(Service.Name, entries.Count));
            TokenSnapshot renewed = null;
            var renewedAccounts = new List<AccountEntry>(entries.Count);
            try
            {
                foreach (var entry in entries)
                {
                    var outcome = await Interpreter.LoginAsync(Context(log), entry.Credential, renewed, cancellationToken).ConfigureAwait(false);
                    renewed = outcome.Snapshot;
                    renewedAccounts.Add(new AccountEntry(outcome.Account, entry.Credential));
                }
            }
            catch (ObjectDisposedException) when (!IsConnected)
            {
                // Disconnect-Litmind disposed the credentials while this renewal used them.
                throw Failures.Disconnected();
            }

            Publish(renewed, renewedAccounts.ToArray());
            return renewed;
        }

        /// <summary>Swaps in a renewal's snapshot and, after a re-login, its accounts (learned ones drop out: they are not in the new server session).</summary>
        private void Publish(TokenSnapshot snapshot, AccountEntry[] renewedAccounts)
        {
            lock (stateLock)
            {
                ThrowIfDisconnectedLocked();
                Volatile.Write(ref current, snapshot);
                if (renewedAccounts != null)
                {
                    Volatile.Write(ref accounts, renewedAccounts);
                }

                reconnectCount++;
            }
        }

        /// <summary>Records a login (first or joining): its snapshot, and the account with its credential when re-login is allowed.</summary>
        private void Add(LoginOutcome outcome, LoginCredential credential)
        {
            lock (stateLock)
            {
                ThrowIfDisconnectedLocked();
                Volatile.Write(ref current, outcome.Snapshot);
                var updated = accounts.ToList();
                int existing = updated.FindIndex(a => a.Account.Id == outcome.Account.Id);
                var entry = new AccountEntry(outcome.Account, credential);
                if (existing >= 0)
                {
                    updated[existing].Credential?.Dispose();
                    updated[existing] = entry;
                }
                else
                {
                    updated.Add(entry);
                }

                Volatile.Write(ref accounts, updated.ToArray());
            }
        }

        /// <summary>Takes the server's list of the session's accounts: known ones get their names, unknown ones become usable.</summary>
        private void Learn(IEnumerable<LitmindAccount> listed)
        {
            lock (stateLock)
            {
                var updated = accounts.ToList();
                foreach (var account in listed)
                {
                    int index = updated.FindIndex(a => a.Account.Id == account.Id);
                    if (index >= 0)
                    {
                        updated[index] = new AccountEntry(account, updated[index].Credential, updated[index].Learned);
                    }
                    else
                    {
                        updated.Add(new AccountEntry(account, null, learned: true));
                    }
                }

                Volatile.Write(ref accounts, updated.ToArray());
            }
        }

        private void Touch(int statusCode)
        {
            Interlocked.Exchange(ref lastUsedTicks, DateTimeOffset.UtcNow.UtcTicks);
            Volatile.Write(ref lastStatusCode, statusCode);
        }

        private void ThrowIfDisconnectedLocked()
        {
            if (disconnected)
            {
                throw Failures.Disconnected();
            }
        }
    }
}
