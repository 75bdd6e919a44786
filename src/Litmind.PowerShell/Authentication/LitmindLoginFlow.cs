using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Authentication
{
    /// <summary>
    /// The Litmind login (seeds 000 and 001): POST session/login with X-Key and a form body, an
    /// optional X-SessionId to add a user to an existing session; every later call carries X-Key,
    /// X-SessionId and X-UserId; an expired session answers "40x".
    /// </summary>
    internal sealed class LitmindLoginFlow : ILoginFlow
    {
        public const string ApiKeyHeader = "X-Key";
        public const string SessionIdHeader = "X-SessionId";
        public const string UserIdHeader = "X-UserId";
        public const string LoginPath = "session/login";

        public static readonly LitmindLoginFlow Instance = new LitmindLoginFlow();

        public string ServiceName => "Litmind";

        public IReadOnlyCollection<string> SecretHeaders { get; } = new[] { ApiKeyHeader, SessionIdHeader };

        public async Task<LoginOutcome> LoginAsync(LoginContext context, CancellationToken cancellationToken)
        {
            var uri = EndpointResolver.Resolve(context.BaseUri, LoginPath, null);
            var existing = context.Existing as LitmindAuthState;

            // The password is in plain text only inside this body's bytes.
            var body = RequestBody.Form(new[]
            {
                new KeyValuePair<string, string>("emailOrUsername", context.Credential.UserName),
                new KeyValuePair<string, string>("password", SecretText.Reveal(context.Credential.Password)),
            });

            using (var sent = await context.Pipeline.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = body.CreateContent() };
                    request.Headers.TryAddWithoutValidation(ApiKeyHeader, context.Secrets.RevealApiKey());
                    if (existing != null)
                    {
                        request.Headers.TryAddWithoutValidation(SessionIdHeader, existing.SessionId);
                    }

                    return request;
                },
                context.Options,
                context.Log,
                cancellationToken).ConfigureAwait(false))
            {
                if (sent.StatusCode < 200 || sent.StatusCode > 299)
                {
                    var envelope = JsonBody.ReadErrorEnvelope(sent);
                    throw LoginFailed(context, sent, envelope, "HTTP " + sent.StatusCode + (envelope.Description == null ? "." : ": " + envelope.Description));
                }

                JToken document;
                using (var result = JsonBody.Open(sent, "POST", uri))
                {
                    document = result.Document;
                    if (document == null && result.Items != null)
                    {
                        throw Failures.InvalidResponse("POST", uri, "the login answer is a JSON array, not an object.", sent.StatusCode);
                    }
                }

                if (!(document is JObject login))
                {
                    throw Failures.InvalidResponse("POST", uri, document == null ? Messages.EmptyBody : "the login answer is not a JSON object.", sent.StatusCode);
                }

                var answer = ResponseEnvelope.From(login);
                if (answer.IsSuccess != true)
                {
                    if (answer.IsSuccess == null)
                    {
                        throw Failures.InvalidResponse("POST", uri, "the login answer has no isSuccess field.", sent.StatusCode);
                    }

                    throw LoginFailed(context, sent, answer, answer.Description ?? "the server gave no reason.");
                }

                string sessionId = login["sessionId"]?.Type == JTokenType.String ? (string)login["sessionId"] : null;
                if (string.IsNullOrEmpty(sessionId))
                {
                    throw Failures.InvalidResponse("POST", uri, Messages.LoginAnswerMissingSessionId, sent.StatusCode);
                }

                var account = ReadProfile(login["profile"] as JObject);
                if (account == null)
                {
                    throw Failures.InvalidResponse("POST", uri, Messages.LoginAnswerMissingProfile, sent.StatusCode);
                }

                var state = existing != null && existing.SessionId == sessionId ? existing : new LitmindAuthState(sessionId);
                return new LoginOutcome(state, account);
            }
        }

        public void Authorize(HttpRequestMessage request, AuthenticationState state, SessionSecrets secrets, long accountId)
        {
            var litmind = (LitmindAuthState)state;
            request.Headers.Remove(ApiKeyHeader);
            request.Headers.Remove(SessionIdHeader);
            request.Headers.Remove(UserIdHeader);
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, secrets.RevealApiKey());
            request.Headers.TryAddWithoutValidation(SessionIdHeader, litmind.SessionId);
            request.Headers.TryAddWithoutValidation(UserIdHeader, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public bool IndicatesExpiry(int statusCode, ResponseEnvelope envelope)
        {
            // The documents promise only "a 40x error"; these are the statuses servers use for it.
            if (statusCode == 401 || statusCode == 419 || statusCode == 440 || Mentions(envelope.Description, "expired"))
            {
                return true;
            }

            // A 403 can be expiry or a plain refusal: a refusal that names no session is taken at its word,
            // so forbidden actions do not cost a re-login.
            return statusCode == 403 && (envelope.Description == null || Mentions(envelope.Description, "session"));
        }

        public ResponseEnvelope FindFailure(ResponseEnvelope envelope) => envelope.IsSuccess == false ? envelope : null;

        public AuthenticationState Resume(string resumeHandle) => new LitmindAuthState(resumeHandle);

        private static bool Mentions(string text, string word) => text != null && text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Reads a Litmind profile object (login answer, session/list entries) into an account.</summary>
        internal static LitmindAccount ReadProfile(JObject profile)
        {
            var id = profile?["id"];
            if (id == null || id.Type != JTokenType.Integer)
            {
                return null;
            }

            return new LitmindAccount(
                id.Value<long>(),
                profile["username"]?.Type == JTokenType.String ? (string)profile["username"] : null,
                profile["typeTitle"]?.Type == JTokenType.String ? (string)profile["typeTitle"] : null,
                profile.SelectToken("profileImage.urls.thumbnail")?.Type == JTokenType.String ? (string)profile.SelectToken("profileImage.urls.thumbnail") : null);
        }

        private static LitmindException LoginFailed(LoginContext context, SentResponse sent, ResponseEnvelope envelope, string reason)
        {
            var kind = sent.StatusCode >= 500 ? LitmindErrorKind.ServerError
                : sent.StatusCode == 400 ? LitmindErrorKind.InvalidArgument
                : LitmindErrorKind.Authentication;
            var failure = new LitmindException(ErrorIds.LoginFailed, kind, Messages.LoginFailed(context.Credential.UserName, reason))
            {
                StatusCode = sent.StatusCode,
                ServerMessage = envelope.Description,
                ServerErrorCode = envelope.ErrorCode,
                CorrelationId = ResponseHeaders.CorrelationId(sent.Message),
            };
            return Failures.Describe(failure, "POST", EndpointResolver.Resolve(context.BaseUri, LoginPath, null));
        }
    }

    /// <summary>A Litmind session on the server: its id, sent as X-SessionId.</summary>
    internal sealed class LitmindAuthState : AuthenticationState
    {
        private volatile string sessionId;

        public LitmindAuthState(string sessionId)
        {
            this.sessionId = sessionId;
        }

        public string SessionId => sessionId ?? throw Failures.Disconnected();

        public override string Hint => SecretText.Hint(sessionId);

        public override string ResumeHandle => sessionId;

        public override void Clear() => sessionId = null;
    }
}
