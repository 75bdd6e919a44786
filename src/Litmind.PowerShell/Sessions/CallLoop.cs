using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Sends every call of a session the same way: before sending, renew where the tokens' end has
    /// come → authorize → pipeline (retries, the call's time budget) → the service's answer reader →
    /// on expiry renew (or take another caller's renewal) and replay, which is safe because an
    /// expired session means the server did not act on the call. A refusal the definition says may
    /// be expiry is first confirmed with the server, once per snapshot however many calls met it.
    /// </summary>
    internal sealed class CallLoop
    {
        /// <summary>How many times one call is replayed after expiry (expiry can strike again mid-run).</summary>
        private const int MaximumReplays = 3;

        private static readonly Regex SessionValueReference = new Regex(@"\{([A-Za-z][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant);

        private readonly SessionEngine engine;
        private readonly object confirmGate = new object();
        private TokenSnapshot confirmingFor;
        private Task<Refusal> confirming;

        public CallLoop(SessionEngine engine)
        {
            this.engine = engine;
        }

        private CompiledService Service => engine.Service;

        private Uri BaseUri => engine.Settings.BaseUri;

        /// <summary>Makes a call as an account of the session (the primary one when <paramref name="accountId"/> is null).</summary>
        public async Task<ApiResult> SendAsync(ApiRequest request, object accountId, CallOptions options, IOperationLog log, CancellationToken cancellationToken)
        {
            engine.State.ThrowIfDisconnected();
            var root = request.Domain == null ? BaseUri : engine.Domains.Resolve(request.Domain);
            var uri = EndpointResolver.Resolve(root, FillSessionValues(request.Path), request.Query, engine.Domains.Roots);
            if (!engine.Settings.AllowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(uri))
            {
                throw Failures.InsecureTransport(root);
            }

            // Cookies stay with the domain that set them: the base URI's origin.
            var target = new CallTarget(SameOrigin(uri, BaseUri), request.ContentTypeGiven);
            var account = engine.Accounts.Find(AccountId(accountId)).Record;
            var budget = new CallBudget(options.Timeout);
            TokenSnapshot renewedHere = null;
            bool churned = false;
            for (int replays = 0; ; replays++)
            {
                await engine.Renewal.BeforeCallAsync(log, cancellationToken).ConfigureAwait(false);
                TokenSnapshot used = null;
                if (log.IsEnabled)
                {
                    log.Verbose(Messages.Sending(request.Method.Method, EndpointResolver.ForLog(uri)));
                }

                var sent = await engine.Pipeline.SendAsync(
                    () =>
                    {
                        // Read for every attempt: a retry after a 429 uses a renewal made meanwhile.
                        used = engine.State.Current ?? throw Failures.Disconnected();
                        return CreateMessage(request, uri, used, account, target, log);
                    },
                    options,
                    budget,
                    log,
                    cancellationToken).ConfigureAwait(false);
                engine.State.Touch(sent.StatusCode);
                if (log.IsEnabled)
                {
                    log.Debug(Messages.Received(sent.StatusCode, sent.MediaType, sent.Message.Content?.Headers.ContentLength));
                }

                var outcome = Service.Answers.ReadCall(sent, request, uri);
                if (outcome.Result != null)
                {
                    engine.State.Confirm(used);
                    return outcome.Result;
                }

                using (outcome)
                {
                    var refusal = engine.Settings.KeyMode ? Refusal.Final : outcome.Refusal;
                    if (refusal == Refusal.Unconfirmed)
                    {
                        refusal = await ConfirmAsync(used, log, cancellationToken).ConfigureAwait(false);
                    }

                    if (refusal == Refusal.Final)
                    {
                        // The server's answer stands: the call's result when it takes error answers as answers.
                        return outcome.TakeAnswer() ?? throw outcome.Failure;
                    }
                }

                // A renewal made for this very call, refused before it ever worked: a refusal that
                // outlives a fresh login is the server's answer, unless the server confirms that the
                // fresh session is gone too (churn), which earns one more renewal.
                bool freshRenewalRefused = ReferenceEquals(used, renewedHere) && !engine.State.IsConfirmed(used);
                if (freshRenewalRefused)
                {
                    // An unexplained refusal was confirmed as expiry above already.
                    bool churn = !churned && (outcome.Refusal == Refusal.Unconfirmed
                        || (Service.Definition.Confirm != null && await ConfirmAsync(used, log, cancellationToken).ConfigureAwait(false) == Refusal.Expired));
                    if (!churn)
                    {
                        throw AnswerFailures.Expired(outcome.Failure, cannotRenew: false, Service.Name);
                    }

                    churned = true;
                }

                if (replays >= MaximumReplays)
                {
                    throw AnswerFailures.Expired(outcome.Failure, cannotRenew: false, Service.Name);
                }

                // Replay with the renewed snapshot, whoever renewed it.
                renewedHere = await engine.Renewal.RenewAsync(used, sent.StatusCode, log, cancellationToken).ConfigureAwait(false)
                    ?? throw (engine.Accounts.CredentialsRefused ? engine.Renewal.CredentialRefused() : AnswerFailures.Expired(outcome.Failure, cannotRenew: true, Service.Name));
            }
        }

        /// <summary>
        /// The accounts the server lists for this session (the session's own when the service has no
        /// list). Accounts it did not know become usable: what it lists, it can act as.
        /// </summary>
        public async Task<IReadOnlyList<LitmindAccount>> ListAccountsAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            var list = Service.Definition.Accounts?.List;
            if (list == null)
            {
                return engine.Accounts.Accounts;
            }

            string path = RequestRenderer.RenderPath(list.Path, Values(engine.State.Current, engine.Accounts.Primary?.Record));
            var request = new ApiRequest(new HttpMethod(list.Method), path) { Shape = AnswerShape.Tree };
            using (var result = await SendAsync(request, null, engine.Settings.Defaults, log, cancellationToken).ConfigureAwait(false))
            {
                JToken document = result.Items != null ? new JArray(result.Items.ToArray()) : result.Document;
                var listed = Service.Accounts.ReadList(document, list.Method, EndpointResolver.Resolve(BaseUri, path, null), result.StatusCode);
                engine.Accounts.Learn(listed);
                return listed.Select(LitmindAccount.From).ToList();
            }
        }

        /// <summary>
        /// Asks the server whether <paramref name="used"/> is still a session: the definition's
        /// confirming call, as the first account. Refused with a 4xx (or as expired), the session
        /// expired; answered, or failed any other way, the original refusal stands. Calls that meet
        /// the same snapshot at once share one confirming call.
        /// </summary>
        private Task<Refusal> ConfirmAsync(TokenSnapshot used, IOperationLog log, CancellationToken cancellationToken)
        {
            lock (confirmGate)
            {
                if (!ReferenceEquals(engine.State.Current, used))
                {
                    // Renewed meanwhile: the replay uses the new session.
                    return Task.FromResult(Refusal.Expired);
                }

                if (!ReferenceEquals(confirmingFor, used) || confirming == null || confirming.IsCompleted)
                {
                    confirmingFor = used;
                    confirming = Task.Run(() => RunConfirmAsync(used, log));
                }

                return SharedTask.WaitAsync(confirming, cancellationToken);
            }
        }

        private async Task<Refusal> RunConfirmAsync(TokenSnapshot used, IOperationLog log)
        {
            var confirm = Service.Definition.Confirm;
            var primary = engine.Accounts.Primary?.Record;
            var request = new ApiRequest(new HttpMethod(confirm.Method), RequestRenderer.RenderPath(confirm.Path, Values(used, primary))) { Shape = AnswerShape.Tree };
            var uri = EndpointResolver.Resolve(BaseUri, request.Path, null);
            log.Verbose(Messages.Confirming(Service.Name, request.Method.Method, EndpointResolver.ForLog(uri)));
            try
            {
                var sent = await engine.Pipeline.SendAsync(() => CreateMessage(request, uri, used, primary, CallTarget.Own, log), engine.Settings.Defaults, null, log, engine.Lifetime).ConfigureAwait(false);
                var outcome = Service.Answers.ReadCall(sent, request, uri);
                if (outcome.Result != null)
                {
                    outcome.Result.Dispose();
                    return Refusal.Final;
                }

                bool refused = outcome.Refusal == Refusal.Expired || (outcome.Answer.Status >= 400 && outcome.Answer.Status <= 499 && outcome.Answer.Status != 429);
                log.Verbose(refused ? Messages.ConfirmedExpired(Service.Name, outcome.Answer.Status) : Messages.ConfirmedAlive(Service.Name, outcome.Answer.Status));
                return refused ? Refusal.Expired : Refusal.Final;
            }
            catch (Exception failure) when (failure is LitmindException || failure is OperationCanceledException)
            {
                // Nothing confirmed (a failure, or the session disconnected meanwhile): the call's own refusal stands.
                log.Verbose(Messages.ConfirmFailed(Service.Name, failure.Message));
                return Refusal.Final;
            }
        }

        /// <summary>
        /// A path with the session's values it names filled in, each escaped as one segment
        /// (LivePerson paths repeat the account: 'api/account/{accountId}/...'). Braces that name no
        /// value of the session are left as they are.
        /// </summary>
        private string FillSessionValues(string path)
        {
            var parameters = engine.Settings.Parameters;
            if (parameters.Count == 0 || path.IndexOf('{') < 0)
            {
                return path;
            }

            return SessionValueReference.Replace(path, match =>
            {
                var value = parameters.FirstOrDefault(pair => string.Equals(pair.Key, match.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
                return value.Key == null ? match.Value : Uri.EscapeDataString(Services.Definitions.ValueTemplate.Format(value.Value));
            });
        }

        /// <summary>An account id a user gave (-UserId), as the service has ids; null for the primary account.</summary>
        private object AccountId(object given) =>
            given == null ? null
            : Service.Accounts.Id(given) ?? throw Failures.InvalidArgument(Messages.NotAnAccountId(Convert.ToString(given, System.Globalization.CultureInfo.InvariantCulture), Service.Name, Service.Definition.Accounts?.StringIds == true));

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.GetLeftPart(UriPartial.Authority), b.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

        private TemplateValues Values(TokenSnapshot snapshot, ServiceAccount account) =>
            new TemplateValues(Service, engine.Settings.Secrets, engine.Settings.Parameters, null, snapshot, account);

        private HttpRequestMessage CreateMessage(ApiRequest request, Uri uri, TokenSnapshot snapshot, ServiceAccount account, CallTarget target, IOperationLog log)
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
            Service.Renderer.Authorize(message, Values(snapshot, account), engine.Settings.KeyMode, target);
            if (message.Headers.Accept.Count == 0)
            {
                message.Headers.Accept.ParseAdd("application/json");
            }

            if (log.IsEnabled)
            {
                // Header text only for a listener: -Debug asks for it, a plain call does not.
                log.Debug(Messages.RequestHeaders(HeaderRedaction.Describe(message, Service.SecretHeaders)));
            }

            return message;
        }
    }
}
