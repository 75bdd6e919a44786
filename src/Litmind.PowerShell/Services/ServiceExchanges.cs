using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services.Definitions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>Everything an exchange (login, refresh, logout) needs besides the definition.</summary>
    internal sealed class ExchangeContext
    {
        public ExchangeContext(Uri baseUri, HttpPipeline pipeline, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, CallOptions options, IOperationLog log, Func<DateTimeOffset> utcNow)
        {
            UtcNow = utcNow;
            BaseUri = baseUri;
            Pipeline = pipeline;
            Secrets = secrets;
            Parameters = parameters;
            Options = options;
            Log = log;
        }

        public Uri BaseUri { get; }

        public HttpPipeline Pipeline { get; }

        public SecretBag Secrets { get; }

        public IReadOnlyDictionary<string, object> Parameters { get; }

        public CallOptions Options { get; }

        public IOperationLog Log { get; }

        /// <summary>The session's clock: what a lifetime is counted from.</summary>
        public Func<DateTimeOffset> UtcNow { get; }
    }

    /// <summary>What a successful login yields: the tokens, the account and the service's domains.</summary>
    internal sealed class LoginOutcome
    {
        public LoginOutcome(TokenSnapshot snapshot, ServiceAccount account, IReadOnlyList<KeyValuePair<string, string>> domains)
        {
            Snapshot = snapshot;
            Account = account;
            Domains = domains;
        }

        public TokenSnapshot Snapshot { get; }

        public ServiceAccount Account { get; }

        /// <summary>The service's domains the answer lists, name and host[:port]; empty when it lists none.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Domains { get; }
    }

    /// <summary>
    /// The exchanges a definition describes besides calls: the login (first, joining, or again to
    /// renew), the refresh and the logout. Each is rendered from its templates, sent on the
    /// session's pipeline and read by the service's answer reader; what a login or refresh yields
    /// is kept in a new token snapshot. A refused login is read by login rules only: never taken
    /// for expiry.
    /// </summary>
    internal sealed class ServiceExchanges
    {
        private const string LoginExchange = "login";
        private const string RefreshExchange = "refresh";
        private const string LogoutExchange = "logout";

        private readonly CompiledService service;

        public ServiceExchanges(CompiledService service)
        {
            this.service = service;
        }

        private ServiceDefinition Definition => service.Definition;

        /// <summary>
        /// Whether the login reads its answer's body: for a capture, a required field, the account
        /// or the domains. A login that keeps only headers and cookies may answer anything.
        /// </summary>
        private bool LoginNeedsBody =>
            Definition.Login.Captures.Values.Any(c => c.From == CaptureSource.Body) || Definition.Login.Require.Count > 0
            || Definition.Accounts != null || Definition.Domains != null;

        /// <summary>
        /// Logs one account in; with <paramref name="join"/>, into that session (the definition's
        /// optional {token.*} references carry it). An answer that the join rules read as "the session
        /// to join expired" is Litmind.SessionExpired; any other refusal is Litmind.LoginFailed.
        /// </summary>
        public async Task<LoginOutcome> LoginAsync(ExchangeContext context, LoginCredential credential, TokenSnapshot join, CancellationToken cancellationToken)
        {
            var login = Definition.Login;

            // The password is in plain text only inside the rendered body's bytes.
            var request = service.Renderer.Render(login, context.BaseUri, new TemplateValues(service, context.Secrets, context.Parameters, credential, join));
            using (var sent = await SendAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                var answer = service.Answers.ReadExchange(sent, request, LoginExchange, LoginNeedsBody ? ExchangeBody.Json : ExchangeBody.Unread);
                if (join != null && answer.Matches(Definition.Accounts.Join.Expired))
                {
                    throw AnswerFailures.Fill(new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, Messages.JoinedSessionExpired(Definition.Name)), sent, request.Method.Method, request.Uri, answer);
                }

                if (!AnswerReader.IsSuccess(sent.StatusCode) || answer.ReportsFailure)
                {
                    throw LoginFailed(sent, request, answer, credential);
                }

                var absent = login.Require.FirstOrDefault(path => JsonPath.Find(answer.Body, path) == null);
                if (absent != null)
                {
                    throw Failures.InvalidResponse(request.Method.Method, request.Uri, Messages.AnswerMissingField(LoginExchange, absent), sent.StatusCode);
                }

                var values = Capture(login.Captures, sent, answer.Body, request, LoginExchange, new Dictionary<string, string>(StringComparer.Ordinal));
                var snapshot = service.Lifetimes.NewSnapshot(values, context.UtcNow());
                return new LoginOutcome(snapshot.HasSameValues(join) ? join : snapshot, service.Accounts.ReadLogin(answer.Body, credential, request, sent.StatusCode), Domains(answer.Body));
            }
        }

        /// <summary>
        /// Renews the tokens with the definition's refresh request; values it does not send again are
        /// kept. <paramref name="credential"/> is the first account's stored one (some refreshes
        /// authenticate the client again), null when the session keeps none.
        /// </summary>
        public async Task<TokenSnapshot> RefreshAsync(ExchangeContext context, TokenSnapshot current, LoginCredential credential, CancellationToken cancellationToken)
        {
            var request = service.Renderer.Render(Definition.Refresh, context.BaseUri, new TemplateValues(service, context.Secrets, context.Parameters, credential, current));
            using (var sent = await SendAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                var answer = service.Answers.ReadExchange(sent, request, RefreshExchange, Definition.Refresh.Captures.Values.Any(c => c.From == CaptureSource.Body) ? ExchangeBody.JsonOrEmpty : ExchangeBody.Unread);
                service.Answers.ThrowIfFailed(sent, request, answer);
                var values = current.Values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
                return service.Lifetimes.NewSnapshot(Capture(Definition.Refresh.Captures, sent, answer.Body, request, RefreshExchange, values), context.UtcNow());
            }
        }

        /// <summary>Ends the session on the server with the definition's logout request (RFC 7009 revocation authenticates the client again with <paramref name="credential"/>).</summary>
        public async Task LogoutAsync(ExchangeContext context, TokenSnapshot current, LoginCredential credential, CancellationToken cancellationToken)
        {
            var request = service.Renderer.Render(Definition.Logout, context.BaseUri, new TemplateValues(service, context.Secrets, context.Parameters, credential, current));
            using (var sent = await SendAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                service.Answers.ThrowIfFailed(sent, request, service.Answers.ReadExchange(sent, request, LogoutExchange, ExchangeBody.Unread));
            }
        }

        private Task<SentResponse> SendAsync(RenderedRequest request, ExchangeContext context, CancellationToken cancellationToken)
        {
            if (context.Log.IsEnabled)
            {
                context.Log.Verbose(Messages.Sending(request.Method.Method, EndpointResolver.ForLog(request.Uri)));
            }

            return context.Pipeline.SendAsync(
                () =>
                {
                    var message = request.CreateMessage();
                    if (context.Log.IsEnabled)
                    {
                        context.Log.Debug(Messages.RequestHeaders(HeaderRedaction.Describe(message, service.SecretHeaders)));
                    }

                    return message;
                },
                context.Options,
                null,
                context.Log,
                cancellationToken);
        }

        /// <summary>
        /// Login rules: a wrong address (404, 405, 410) is not a wrong password; 401, 403 and a
        /// failure in the body are refused credentials; 400-type answers are bad input; 5xx the server.
        /// </summary>
        private LitmindException LoginFailed(SentResponse sent, RenderedRequest request, ServiceAnswer answer, LoginCredential credential)
        {
            int status = sent.StatusCode;
            string hint = service.Answers.HintFor(answer);
            if (status == 404 || status == 405 || status == 410)
            {
                var notFound = new LitmindException(ErrorIds.LoginEndpointNotFound, LitmindErrorKind.InvalidArgument, AnswerFailures.WithHint(Messages.LoginEndpointNotFound(Definition.Name, request.Method.Method, EndpointResolver.WithoutQuery(request.Uri), status, Definition.BaseUri), hint));
                return AnswerFailures.Fill(notFound, sent, request.Method.Method, request.Uri, answer);
            }

            bool success = AnswerReader.IsSuccess(status);
            var kind = success ? LitmindErrorKind.Authentication
                : status >= 500 ? LitmindErrorKind.ServerError
                : status == 400 || status == 409 || status == 422 ? LitmindErrorKind.InvalidArgument
                : status == 429 ? LitmindErrorKind.LimitsExceeded
                : LitmindErrorKind.Authentication;
            string reason = success
                ? answer.Message ?? Messages.NoReasonGiven
                : "HTTP " + status.ToString(CultureInfo.InvariantCulture) + (answer.Message == null ? "." : ": " + answer.Message);
            var failure = new LitmindException(ErrorIds.LoginFailed, kind, Messages.LoginFailed(Definition.Name, credential.UserName, AnswerFailures.WithHint(reason, hint)));
            return AnswerFailures.Fill(failure, sent, request.Method.Method, request.Uri, answer);
        }

        /// <summary>
        /// Keeps the values the definition names from an answer. A value that would go into a header
        /// or cookie and cannot (a line break, a control character) is the server's fault: refused
        /// here, before a session is made of it, not at the first call as the user's.
        /// </summary>
        private Dictionary<string, string> Capture(IReadOnlyDictionary<string, CaptureDefinition> captures, SentResponse sent, JToken body, RenderedRequest request, string exchange, Dictionary<string, string> values)
        {
            string method = request.Method.Method;
            foreach (var capture in captures.Values)
            {
                string value = capture.From == CaptureSource.Body ? (body == null ? null : JsonPath.FindText(body, capture.Location))
                    : capture.From == CaptureSource.Header ? HeaderValue(sent.Message, capture.Location)
                    : CookieValue(sent.Message, capture.Location);
                if (value != null)
                {
                    service.CheckToken(capture.Name, value, capture.Name, _ => Failures.InvalidResponse(method, request.Uri, Messages.CapturedValueUnsendable(exchange, capture.Location), sent.StatusCode));
                    values[capture.Name] = value;
                }
                else if (!capture.Optional)
                {
                    throw Failures.InvalidResponse(method, request.Uri, Messages.AnswerMissing(exchange, capture.From == CaptureSource.Cookie ? "cookie " + capture.Location : capture.Location), sent.StatusCode);
                }
            }

            return values;
        }

        /// <summary>The domains a login answer lists (name, host), as the definition says where; entries without both are left out.</summary>
        private IReadOnlyList<KeyValuePair<string, string>> Domains(JToken body)
        {
            var domains = Definition.Domains;
            if (domains == null || body == null || !(JsonPath.Find(body, domains.List) is JArray list))
            {
                return new KeyValuePair<string, string>[0];
            }

            return list
                .Select(entry => new KeyValuePair<string, string>(JsonPath.FindText(entry, domains.Name), JsonPath.FindText(entry, domains.Host)))
                .Where(pair => pair.Key != null && pair.Value != null)
                .ToList();
        }

        private static string HeaderValue(HttpResponseMessage response, string name) =>
            ResponseHeaders.Values(response, name).FirstOrDefault(v => v.Length > 0);

        private static string CookieValue(HttpResponseMessage response, string name)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                return null;
            }

            foreach (var cookie in cookies)
            {
                string pair = cookie.Split(';')[0];
                int equals = pair.IndexOf('=');
                if (equals > 0 && pair.Substring(0, equals).Trim() == name)
                {
                    string value = pair.Substring(equals + 1).Trim().Trim('"');
                    return value.Length == 0 ? null : value;
                }
            }

            return null;
        }
    }
}
