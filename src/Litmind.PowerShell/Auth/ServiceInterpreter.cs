using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Auth
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

    /// <summary>What a successful login yields: the tokens and the account.</summary>
    internal sealed class LoginOutcome
    {
        public LoginOutcome(TokenSnapshot snapshot, LitmindAccount account)
        {
            Snapshot = snapshot;
            Account = account;
        }

        public TokenSnapshot Snapshot { get; }

        public LitmindAccount Account { get; }
    }

    /// <summary>
    /// The one interpreter of service definitions: it builds the login, refresh and logout requests
    /// from their templates, keeps what the answers yield, authorizes calls, and reads answers as the
    /// definition says (envelope, expiry, hints, accounts). Nothing here is specific to a service.
    /// Login answers are read by login rules only: a refused login is never taken for expiry.
    /// </summary>
    internal sealed class ServiceInterpreter
    {
        private const string LoginExchange = "login";
        private const string RefreshExchange = "refresh";

        private readonly IReadOnlyCollection<string> secretCaptures;
        private readonly HashSet<string> headerReferences;

        public ServiceInterpreter(ServiceDefinition service)
        {
            Service = service;
            var requests = new RequestDefinition[] { service.Login, service.Refresh, service.Logout }.Where(r => r != null).ToList();
            var authorizations = new[] { service.Authorize, service.KeyAuthorize }.Where(a => a != null).ToList();
            SecretHeaders = requests.SelectMany(r => r.Headers).Concat(authorizations.SelectMany(a => a.Headers))
                .Where(header => header.Value.References.Any(r => r.Source != ValueReference.Parameter && r.Source != ValueReference.Account))
                .Select(header => header.Key)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            headerReferences = new HashSet<string>(
                requests.SelectMany(r => r.Headers.Concat(r.Cookies)).Concat(authorizations.SelectMany(a => a.Headers.Concat(a.Cookies)))
                    .SelectMany(pair => pair.Value.References)
                    .Select(r => r.Source + "." + r.Name),
                StringComparer.Ordinal);
            secretCaptures = new[] { service.Login, service.Refresh }.Where(e => e != null)
                .SelectMany(e => e.Captures.Values).Where(c => c.Secret).Select(c => c.Name).Distinct().ToList();

            // The top-level fields an answer is read by (envelope, expiry, hints): only these are kept as tokens.
            var envelope = service.Envelope ?? EnvelopeDefinition.None;
            var answerPaths = new[] { envelope.Success }.Concat(envelope.Message).Concat(envelope.Code)
                .Concat((service.Expired ?? AnswerRules.None).Rules.Select(rule => rule.Field))
                .Concat((service.Hints ?? new HintDefinition[0]).Select(hint => hint.Match?.Field));
            AnswerFields = new HashSet<string>(answerPaths.Where(path => path != null).Select(path => path.Split('.')[0]), StringComparer.Ordinal);
        }

        /// <summary>The top-level fields of an answer the definition reads; converting an answer keeps these as tokens.</summary>
        public ICollection<string> AnswerFields { get; }

        public ServiceDefinition Service { get; }

        /// <summary>The request headers that carry secrets; debug output shows them redacted.</summary>
        public IReadOnlyCollection<string> SecretHeaders { get; }

        /// <summary>Whether more accounts can log into one session.</summary>
        public bool CanJoin => Service.Accounts?.Join != null;

        /// <summary>Whether the service renews tokens without a new login.</summary>
        public bool CanRefresh => Service.Refresh != null;

        /// <summary>Reads an answer's envelope: its success flag (true, false, "true" or "false"), error message and code.</summary>
        public ServiceAnswer ReadAnswer(int status, JToken body)
        {
            var envelope = Service.Envelope;
            bool? success = envelope.Success == null || body == null ? null : ReadFlag(JsonPath.Find(body, envelope.Success));
            return new ServiceAnswer(
                status,
                body,
                success,
                body == null ? null : envelope.Message.Select(path => JsonPath.FindText(body, path)).FirstOrDefault(text => text != null),
                body == null ? null : envelope.Code.Select(path => JsonPath.FindText(body, path)).FirstOrDefault(text => text != null));
        }

        /// <summary>Whether a call's answer means the session expired, by the statuses, codes and fields the definition names.</summary>
        public bool IsExpired(ServiceAnswer answer) => Service.Expired.Matches(answer.Status, answer.Code, answer.Body);

        /// <summary>The definition's advice for this answer, or null.</summary>
        public string HintFor(ServiceAnswer answer) =>
            Service.Hints.FirstOrDefault(hint => hint.Match.Matches(answer.Status, answer.Code, answer.Body))?.Text;

        /// <summary>Throws Litmind.MissingApiKey when a secret every call needs was not given.</summary>
        public void RequireSecrets(SecretBag secrets, bool keyMode)
        {
            var authorization = keyMode ? Service.KeyAuthorize : Service.Authorize;
            var missing = authorization.Headers.Concat(authorization.Cookies)
                .SelectMany(pair => pair.Value.References)
                .FirstOrDefault(r => r.Source == ValueReference.Secret && !r.Optional && !secrets.Has(r.Name));
            if (missing != null)
            {
                throw Failures.MissingSecret(Service.Name, Service.Secrets[missing.Name]);
            }
        }

        /// <summary>
        /// Refuses, before anything is sent, a secret that would go into a header and cannot (a line
        /// break would add headers or end the header block); <paramref name="source"/> names where
        /// each came from (-ApiKey, $env:LITMIND_API_KEY, a hand-off).
        /// </summary>
        public void CheckSecrets(SecretBag secrets, Func<SecretDefinition, string> source)
        {
            foreach (var secret in Service.Secrets.Values.Where(s => secrets.Has(s.Name) && headerReferences.Contains(ValueReference.Secret + "." + s.Name)))
            {
                HeaderRules.CheckValue(secrets.Reveal(secret.Name), source(secret));
            }
        }

        /// <summary>Refuses, before anything is sent, a session handle (a Litmind session id) that would go into a header and cannot.</summary>
        public void CheckHandle(string handle, string source)
        {
            if (Service.Handle != null)
            {
                CheckToken(Service.Handle, handle, source);
            }
        }

        /// <summary>Refuses, before anything is sent, a token (handed over, say) that would go into a header and cannot.</summary>
        public void CheckToken(string name, string value, string source)
        {
            if (headerReferences.Contains(ValueReference.Token + "." + name))
            {
                HeaderRules.CheckValue(value, source);
            }
        }

        /// <summary>Fills in a request's templates. A missing required value fails here, before anything is sent.</summary>
        public RenderedRequest Render(RequestDefinition request, Uri baseUri, TemplateValues values)
        {
            var headers = Render(request.Headers, values);
            string cookie = CookieHeader(request.Cookies, values);
            if (cookie != null)
            {
                headers.Add(new KeyValuePair<string, string>("Cookie", cookie));
            }

            RequestBody body = null;
            if (request.BodyKind == BodyKind.Form)
            {
                body = RequestBody.Form(Render(request.Form, values));
            }
            else if (request.BodyKind == BodyKind.Json)
            {
                body = RequestBody.Json(request.Json.Render(values.Lookup));
            }

            var uri = EndpointResolver.Resolve(baseUri, RenderPath(request.Path, values), Render(request.Query, values));
            return new RenderedRequest(new HttpMethod(request.Method), uri, headers, body);
        }

        /// <summary>A path template with its values escaped as path segments.</summary>
        public static string RenderPath(ValueTemplate path, TemplateValues values) =>
            path.Render(reference =>
            {
                var value = values.Lookup(reference);
                return value == null ? null : Uri.EscapeDataString(ValueTemplate.Format(value));
            });

        /// <summary>Adds the session's headers and cookies to a call; they replace any the user gave under the same names.</summary>
        public void Authorize(HttpRequestMessage message, TemplateValues values, bool keyMode)
        {
            var authorization = keyMode ? Service.KeyAuthorize : Service.Authorize;
            foreach (var header in Render(authorization.Headers, values))
            {
                message.Headers.Remove(header.Key);
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            string cookie = CookieHeader(authorization.Cookies, values);
            if (cookie != null)
            {
                message.Headers.Remove("Cookie");
                message.Headers.TryAddWithoutValidation("Cookie", cookie);
            }
        }

        /// <summary>
        /// Logs one account in; with <paramref name="join"/>, into that session (the definition's
        /// optional {token.*} references carry it). An answer that the join rules read as "the session
        /// to join expired" is Litmind.SessionExpired; any other refusal is Litmind.LoginFailed.
        /// </summary>
        public async Task<LoginOutcome> LoginAsync(ExchangeContext context, LoginCredential credential, TokenSnapshot join, CancellationToken cancellationToken)
        {
            var login = Service.Login;

            // The password is in plain text only inside the rendered body's bytes.
            var request = Render(login, context.BaseUri, new TemplateValues(Service, context.Secrets, context.Parameters, credential, join));
            using (var sent = await SendAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                var answer = ReadExchangeAnswer(sent, request, LoginExchange, allowEmpty: false);
                if (join != null && Service.Accounts.Join.Expired.Matches(answer.Status, answer.Code, answer.Body))
                {
                    throw AnswerFailures.Fill(new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, Messages.JoinedSessionExpired(Service.Name)), sent, request.Method.Method, request.Uri, answer);
                }

                if (!IsSuccess(sent.StatusCode) || answer.ReportsFailure)
                {
                    throw LoginFailed(sent, request, answer, credential);
                }

                var absent = login.Require.FirstOrDefault(path => JsonPath.Find(answer.Body, path) == null);
                if (absent != null)
                {
                    throw Failures.InvalidResponse(request.Method.Method, request.Uri, Messages.AnswerMissingField(LoginExchange, absent), sent.StatusCode);
                }

                var snapshot = NewSnapshot(Capture(login.Captures, sent, answer.Body, request, LoginExchange, new Dictionary<string, string>(StringComparer.Ordinal)), context.UtcNow());
                return new LoginOutcome(snapshot.HasSameValues(join) ? join : snapshot, ReadLoginAccount(answer.Body, credential, request, sent.StatusCode));
            }
        }

        /// <summary>Renews the tokens with the definition's refresh request; values it does not send again are kept.</summary>
        public async Task<TokenSnapshot> RefreshAsync(ExchangeContext context, TokenSnapshot current, CancellationToken cancellationToken)
        {
            var request = Render(Service.Refresh, context.BaseUri, new TemplateValues(Service, context.Secrets, context.Parameters, null, current));
            using (var sent = await SendAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                var answer = ReadExchangeAnswer(sent, request, RefreshExchange, allowEmpty: true);
                ThrowIfFailed(sent, request, answer);
                var values = current.Values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
                return NewSnapshot(Capture(Service.Refresh.Captures, sent, answer.Body, request, RefreshExchange, values), context.UtcNow());
            }
        }

        /// <summary>Ends the session on the server with the definition's logout request.</summary>
        public async Task LogoutAsync(ExchangeContext context, TokenSnapshot current, CancellationToken cancellationToken)
        {
            var request = Render(Service.Logout, context.BaseUri, new TemplateValues(Service, context.Secrets, context.Parameters, null, current));
            using (var sent = await SendAsync(request, context, cancellationToken).ConfigureAwait(false))
            {
                ThrowIfFailed(sent, request, ReadExchangeAnswer(sent, request, "logout", allowEmpty: true));
            }
        }

        /// <summary>The tokens of a session resumed from its handle (a Litmind session id), without logging in.</summary>
        public TokenSnapshot Resume(string handle, DateTimeOffset now)
        {
            if (Service.Handle == null)
            {
                throw Failures.InvalidArgument(Messages.CannotResume(Service.Name));
            }

            return new TokenSnapshot(new Dictionary<string, string> { [Service.Handle] = handle }, secretCaptures, Service.Handle, now, null, null);
        }

        /// <summary>
        /// The tokens another session handed over: only the definition's captures are taken; their end
        /// is the one handed over, else a JWT's exp, and renewal is planned from it as after a login.
        /// </summary>
        public TokenSnapshot Restore(IReadOnlyDictionary<string, string> tokens, DateTimeOffset? expiresAt, DateTimeOffset now)
        {
            var captures = new HashSet<string>(new[] { Service.Login, Service.Refresh }.Where(e => e != null).SelectMany(e => e.Captures.Keys), StringComparer.Ordinal);
            var values = tokens.Where(pair => captures.Contains(pair.Key) && !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            if (values.Count == 0)
            {
                throw Failures.InvalidArgument(Messages.HandOffIncomplete);
            }

            return NewSnapshot(values, now, expiresAt);
        }

        /// <summary>
        /// Reads the accounts of a list answer: from the array the definition names, else a
        /// top-level array, else the one array of objects with an id under any property.
        /// </summary>
        public IReadOnlyList<LitmindAccount> ReadAccountList(JToken document, string method, Uri uri, int status)
        {
            var accounts = Service.Accounts;
            JArray items;
            if (accounts.List.Items != null)
            {
                items = JsonPath.Find(document, accounts.List.Items) as JArray
                    ?? throw Failures.InvalidResponse(method, uri, Messages.AccountListMissing(accounts.List.Items), status);
            }
            else if (document is JArray array)
            {
                items = array;
            }
            else
            {
                var candidates = (document as JObject)?.Properties()
                    .Where(p => p.Value is JArray list && list.Count > 0 && list.All(item => item is JObject && JsonPath.Find(item, accounts.Id) != null))
                    .ToList() ?? new List<JProperty>();
                if (candidates.Count != 1)
                {
                    throw Failures.InvalidResponse(method, uri, candidates.Count == 0 ? Messages.AccountListNotFound(accounts.Id) : Messages.AccountListAmbiguous(candidates.Select(p => p.Name), accounts.Id), status);
                }

                items = (JArray)candidates[0].Value;
            }

            return items.Select(item => ReadAccount(item) ?? throw Failures.InvalidResponse(method, uri, Messages.AccountWithoutId(accounts.Id), status)).ToList();
        }

        /// <summary>An account object read by the definition's paths; null when its id is missing or not a whole number.</summary>
        public LitmindAccount ReadAccount(JToken account)
        {
            var accounts = Service.Accounts;
            if (!(account is JObject))
            {
                return null;
            }

            long id = 0;
            if (accounts.Id != null)
            {
                var token = JsonPath.Find(account, accounts.Id);
                bool whole = token != null && (token.Type == JTokenType.Integer
                    || (token.Type == JTokenType.String && long.TryParse((string)token, NumberStyles.None, CultureInfo.InvariantCulture, out _)));
                if (!whole)
                {
                    return null;
                }

                id = token.Type == JTokenType.Integer ? (long)token : long.Parse((string)token, CultureInfo.InvariantCulture);
            }

            return new LitmindAccount(id, Text(account, accounts.Name), Text(account, accounts.Type), Text(account, accounts.Thumbnail));
        }

        private static string Text(JToken account, string path) => path == null ? null : JsonPath.FindText(account, path);

        private LitmindAccount ReadLoginAccount(JToken document, LoginCredential credential, RenderedRequest request, int status)
        {
            if (Service.Accounts == null)
            {
                return new LitmindAccount(0, credential.UserName, null, null);
            }

            var found = ReadAccount(Service.Login.Account == null ? document : JsonPath.Find(document, Service.Login.Account))
                ?? throw Failures.InvalidResponse(request.Method.Method, request.Uri, Messages.LoginAnswerMissingAccount(Service.Login.Account, Service.Accounts.Id), status);
            return found.Username != null ? found : new LitmindAccount(found.Id, credential.UserName, found.TypeTitle, found.ThumbnailUrl);
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
                        context.Log.Debug(Messages.RequestHeaders(HeaderRedaction.Describe(message, SecretHeaders)));
                    }

                    return message;
                },
                context.Options,
                context.Log,
                cancellationToken);
        }

        /// <summary>Reads a login, refresh or logout answer; a success must be one JSON object (or empty, where allowed).</summary>
        private ServiceAnswer ReadExchangeAnswer(SentResponse sent, RenderedRequest request, string exchange, bool allowEmpty)
        {
            string method = request.Method.Method;
            if (sent.StatusCode >= 300 && sent.StatusCode <= 399)
            {
                throw AnswerFailures.Redirected(sent, method, request.Uri);
            }

            if (!IsSuccess(sent.StatusCode))
            {
                return ReadAnswer(sent.StatusCode, JsonBody.ReadErrorDocument(sent));
            }

            using (var result = JsonBody.Open(sent, method, request.Uri))
            {
                if (result.Items != null)
                {
                    throw Failures.InvalidResponse(method, request.Uri, Messages.AnswerIsArray(exchange), sent.StatusCode);
                }

                if (result.Document == null && allowEmpty)
                {
                    return ReadAnswer(sent.StatusCode, null);
                }

                if (!(result.Document is JObject))
                {
                    throw Failures.InvalidResponse(method, request.Uri, result.Document == null ? Messages.EmptyBody : Messages.AnswerNotObject(exchange), sent.StatusCode);
                }

                return ReadAnswer(sent.StatusCode, result.Document);
            }
        }

        private void ThrowIfFailed(SentResponse sent, RenderedRequest request, ServiceAnswer answer)
        {
            if (!IsSuccess(sent.StatusCode))
            {
                throw AnswerFailures.HttpFailure(sent, request.Method.Method, request.Uri, answer, HintFor(answer));
            }

            if (answer.ReportsFailure)
            {
                throw AnswerFailures.ReportedFailure(sent, request.Method.Method, request.Uri, answer, Service.Envelope.Success, HintFor(answer));
            }
        }

        /// <summary>
        /// Login rules: a wrong address (404, 405, 410) is not a wrong password; 401, 403 and a
        /// failure in the body are refused credentials; 400-type answers are bad input; 5xx the server.
        /// </summary>
        private LitmindException LoginFailed(SentResponse sent, RenderedRequest request, ServiceAnswer answer, LoginCredential credential)
        {
            int status = sent.StatusCode;
            string hint = HintFor(answer);
            if (status == 404 || status == 405 || status == 410)
            {
                var notFound = new LitmindException(ErrorIds.LoginEndpointNotFound, LitmindErrorKind.InvalidArgument, AnswerFailures.WithHint(Messages.LoginEndpointNotFound(Service.Name, request.Method.Method, EndpointResolver.WithoutQuery(request.Uri), status, Service.BaseUri), hint));
                return AnswerFailures.Fill(notFound, sent, request.Method.Method, request.Uri, answer);
            }

            var kind = IsSuccess(status) ? LitmindErrorKind.Authentication
                : status >= 500 ? LitmindErrorKind.ServerError
                : status == 400 || status == 409 || status == 422 ? LitmindErrorKind.InvalidArgument
                : status == 429 ? LitmindErrorKind.LimitsExceeded
                : LitmindErrorKind.Authentication;
            string reason = IsSuccess(status)
                ? answer.Message ?? Messages.NoReasonGiven
                : "HTTP " + status.ToString(CultureInfo.InvariantCulture) + (answer.Message == null ? "." : ": " + answer.Message);
            var failure = new LitmindException(ErrorIds.LoginFailed, kind, Messages.LoginFailed(Service.Name, credential.UserName, AnswerFailures.WithHint(reason, hint)));
            return AnswerFailures.Fill(failure, sent, request.Method.Method, request.Uri, answer);
        }

        private Dictionary<string, string> Capture(IReadOnlyDictionary<string, CaptureDefinition> captures, SentResponse sent, JToken body, RenderedRequest request, string exchange, Dictionary<string, string> values)
        {
            foreach (var capture in captures.Values)
            {
                string value = capture.From == CaptureSource.Body ? (body == null ? null : JsonPath.FindText(body, capture.Location))
                    : capture.From == CaptureSource.Header ? HeaderValue(sent.Message, capture.Location)
                    : CookieValue(sent.Message, capture.Location);
                if (value != null)
                {
                    values[capture.Name] = value;
                }
                else if (!capture.Optional)
                {
                    throw Failures.InvalidResponse(request.Method.Method, request.Uri, Messages.AnswerMissing(exchange, capture.From == CaptureSource.Cookie ? "cookie " + capture.Location : capture.Location), sent.StatusCode);
                }
            }

            return values;
        }

        /// <summary>
        /// A snapshot of the values, with the end of its life: <paramref name="knownEnd"/> when given
        /// (a hand-off says when the tokens it carries end), else from a TTL or a JWT's exp when the
        /// definition names one.
        /// </summary>
        private TokenSnapshot NewSnapshot(IReadOnlyDictionary<string, string> values, DateTimeOffset now, DateTimeOffset? knownEnd = null)
        {
            var lifetime = Service.Lifetime;
            var refreshAhead = lifetime?.RefreshAhead ?? LifetimeDefinition.DefaultRefreshAhead;
            DateTimeOffset? expiresAt = knownEnd ?? EndOf(values, lifetime, now);
            DateTimeOffset? refreshAt = null;
            if (knownEnd != null)
            {
                // Tokens issued elsewhere, part of their life gone: renew as their first holder would, or now if that time has passed.
                refreshAt = knownEnd.Value - refreshAhead < now ? now : knownEnd.Value - refreshAhead;
            }
            else if (expiresAt > now)
            {
                var ahead = TimeSpan.FromTicks(Math.Min(refreshAhead.Ticks, (expiresAt.Value - now).Ticks / 2));
                refreshAt = expiresAt.Value - ahead;
            }

            return new TokenSnapshot(values, secretCaptures, Service.Handle, now, expiresAt, refreshAt);
        }

        private static DateTimeOffset? EndOf(IReadOnlyDictionary<string, string> values, LifetimeDefinition lifetime, DateTimeOffset now)
        {
            if (lifetime?.Ttl != null && values.TryGetValue(lifetime.Ttl, out var ttl)
                && double.TryParse(ttl, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) && units > 0)
            {
                return now + TimeSpan.FromTicks((long)Math.Min(units * lifetime.TtlUnit.Ticks, TimeSpan.FromDays(3650).Ticks));
            }

            return lifetime?.Jwt != null && values.TryGetValue(lifetime.Jwt, out var jwt) ? Jwt.ReadExpiry(jwt) : null;
        }

        private static List<KeyValuePair<string, string>> Render(IReadOnlyList<KeyValuePair<string, ValueTemplate>> templates, TemplateValues values)
        {
            var rendered = new List<KeyValuePair<string, string>>();
            foreach (var pair in templates ?? new KeyValuePair<string, ValueTemplate>[0])
            {
                string value = pair.Value.Render(values.Lookup);
                if (value != null)
                {
                    rendered.Add(new KeyValuePair<string, string>(pair.Key, value));
                }
            }

            return rendered;
        }

        private static string CookieHeader(IReadOnlyList<KeyValuePair<string, ValueTemplate>> cookies, TemplateValues values)
        {
            var rendered = Render(cookies, values);
            return rendered.Count == 0 ? null : string.Join("; ", rendered.Select(c => c.Key + "=" + c.Value));
        }

        private static string HeaderValue(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) || (response.Content != null && response.Content.Headers.TryGetValues(name, out values))
                ? values.FirstOrDefault(v => v.Length > 0)
                : null;

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

        private static bool? ReadFlag(JToken token)
        {
            if (token?.Type == JTokenType.Boolean)
            {
                return (bool)token;
            }

            // Some servers send the flag as text; "false" must not pass for success.
            if (token?.Type == JTokenType.String && bool.TryParse(((string)token).Trim(), out var flag))
            {
                return flag;
            }

            return null;
        }

        private static bool IsSuccess(int status) => status >= 200 && status <= 299;
    }
}
