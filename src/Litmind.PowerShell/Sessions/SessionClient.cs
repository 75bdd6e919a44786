using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Makes a call as a session: resolves the endpoint, lets the login flow add its headers, sends
    /// through the pipeline, and when the flow says the session expired, renews it and replays the
    /// call; a fresh login that is refused at once is a real refusal, not a reason to loop. Turns
    /// every failure into a <see cref="LitmindException"/>.
    /// </summary>
    internal static class SessionClient
    {
        /// <summary>How many times one call may renew the session (expiry can strike again mid-run).</summary>
        private const int MaximumRenewals = 3;

        public static async Task<ApiResult> SendAsync(LitmindSession session, ApiRequest request, CallOptions options, IOperationLog log, CancellationToken cancellationToken)
        {
            session.ThrowIfDisconnected();
            var uri = EndpointResolver.Resolve(session.BaseUri, request.Path, request.Query);
            if (!session.AllowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(uri))
            {
                throw Failures.InsecureTransport(session.BaseUri);
            }

            long accountId = request.AccountId ?? session.UserId;
            if (!session.HasAccount(accountId))
            {
                throw Failures.UnknownAccount(accountId, SessionLogin.DescribeAccounts(session));
            }

            string method = request.Method.Method;
            Authentication.AuthenticationState renewedTo = null;
            for (int renewals = 0; ; renewals++)
            {
                var state = session.State;
                if (state == null)
                {
                    throw Failures.Disconnected();
                }

                log.Verbose(Messages.Sending(method, EndpointResolver.ForLog(uri)));
                var sent = await session.Pipeline.SendAsync(
                    () =>
                    {
                        var message = CreateMessage(session, request, uri, state, accountId);
                        log.Debug(Messages.RequestHeaders(HeaderRedaction.Describe(message, session.Flow.SecretHeaders)));
                        return message;
                    },
                    options,
                    log,
                    cancellationToken).ConfigureAwait(false);
                session.Touch(sent.StatusCode);
                log.Debug(Messages.Received(sent.StatusCode, sent.Message.Content?.Headers.ContentType?.MediaType, sent.Message.Content?.Headers.ContentLength));

                // Renew unless this state is the fresh login made for this very call and never worked
                // (then the refusal is real), and never more than a few times for one call.
                bool freshLoginFailed = renewedTo != null && ReferenceEquals(state, renewedTo) && !state.Confirmed;
                bool canReplay = renewals < MaximumRenewals && !freshLoginFailed;
                if (sent.StatusCode >= 300 && sent.StatusCode <= 399)
                {
                    using (sent)
                    {
                        throw Redirected(sent, method, uri);
                    }
                }

                ResponseEnvelope envelope;
                LitmindException failure;
                if (sent.StatusCode < 200 || sent.StatusCode > 299)
                {
                    using (sent)
                    {
                        envelope = JsonBody.ReadErrorEnvelope(sent);
                        failure = HttpFailure(sent, method, uri, envelope);
                    }
                }
                else
                {
                    if (request.Raw)
                    {
                        state.Confirmed = true;
                        using (sent)
                        {
                            return new ApiResult(sent.StatusCode, sent.Message.Headers, sent.Message.Content?.Headers.ContentType?.MediaType, null)
                            {
                                Text = JsonBody.ReadText(sent, method, uri),
                            };
                        }
                    }

                    var result = JsonBody.Open(sent, method, uri);
                    if (result.Document == null && result.Items == null && !AllowsEmptyBody(request.Method, sent.StatusCode))
                    {
                        result.Dispose();
                        throw Failures.InvalidResponse(method, uri, Messages.EmptyBody, sent.StatusCode);
                    }

                    envelope = session.Flow.FindFailure(ResponseEnvelope.From(result.Document));
                    if (envelope == null)
                    {
                        state.Confirmed = true;
                        return result;
                    }

                    result.Dispose();
                    failure = ReportedFailure(sent, method, uri, envelope);
                }

                if (!session.Flow.IndicatesExpiry(sent.StatusCode, envelope))
                {
                    throw failure;
                }

                if (canReplay && await TryRenewAsync(session, state, sent.StatusCode, log, cancellationToken).ConfigureAwait(false))
                {
                    renewedTo = session.State;
                    continue;
                }

                throw Expired(failure, cannotRenew: canReplay);
            }
        }

        private static HttpRequestMessage CreateMessage(LitmindSession session, ApiRequest request, Uri uri, Authentication.AuthenticationState state, long accountId)
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

            // The flow's headers go last so a user header cannot replace the session's own.
            session.Flow.Authorize(message, state, session.Secrets, accountId);
            if (message.Headers.Accept.Count == 0)
            {
                message.Headers.Accept.ParseAdd("application/json");
            }

            return message;
        }

        private static async Task<bool> TryRenewAsync(LitmindSession session, Authentication.AuthenticationState expired, int statusCode, IOperationLog log, CancellationToken cancellationToken)
        {
            if (!session.CanReconnect && ReferenceEquals(session.State, expired))
            {
                return false;
            }

            await SessionLogin.RenewAsync(session, expired, statusCode, log, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <param name="failure">The refused call.</param>
        /// <param name="cannotRenew">True when the session holds no credentials; false when re-login did not cure it.</param>
        private static LitmindException Expired(LitmindException failure, bool cannotRenew)
        {
            // A refusal that persists after a fresh login is the server's answer, not expiry.
            if (!cannotRenew && failure.StatusCode == 403)
            {
                return failure;
            }

            string message = cannotRenew
                ? Messages.SessionExpiredNoCredentials(failure.Method, failure.RequestUri, failure.StatusCode ?? 0)
                : Messages.SessionExpired(failure.Method, failure.RequestUri, failure.StatusCode ?? 0, failure.ServerMessage);

            return Copy(failure, new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, message));
        }

        private static bool AllowsEmptyBody(HttpMethod method, int statusCode) =>
            method == HttpMethod.Head || statusCode == 204 || statusCode == 205 || statusCode == 202;

        /// <summary>Redirects are never followed, so the session's headers never reach another place.</summary>
        private static LitmindException Redirected(SentResponse sent, string method, Uri uri)
        {
            var location = sent.Message.Headers.Location;
            if (location != null && !location.IsAbsoluteUri)
            {
                location = new Uri(uri, location);
            }

            var failure = Failures.InvalidResponse(method, uri, Messages.Redirected(sent.StatusCode, EndpointResolver.WithoutQuery(location)), sent.StatusCode);
            failure.CorrelationId = ResponseHeaders.CorrelationId(sent.Message);
            return failure;
        }

        private static LitmindException HttpFailure(SentResponse sent, string method, Uri uri, ResponseEnvelope envelope)
        {
            int status = sent.StatusCode;
            string message = HttpPipeline.IsTransient(sent.Message.StatusCode) && sent.Retries > 0
                ? Messages.RetriesExhausted(method, EndpointResolver.WithoutQuery(uri), status, sent.Retries, envelope.Description)
                : Messages.HttpError(method, EndpointResolver.WithoutQuery(uri), status, sent.Message.ReasonPhrase, envelope.Description ?? DescribeNonJson(sent));
            string errorId = HttpPipeline.IsTransient(sent.Message.StatusCode) && sent.Retries > 0 ? ErrorIds.RetriesExhausted : ErrorIds.HttpError;
            var failure = new LitmindException(errorId, Failures.KindOf(status), message)
            {
                RetryAfterSeconds = HttpPipeline.RetryAfter(sent.Message)?.TotalSeconds,
            };
            return Fill(failure, sent, method, uri, envelope);
        }

        /// <summary>Names what came back when an error answer is not the API's JSON (a proxy's HTML page, say).</summary>
        private static string DescribeNonJson(SentResponse sent)
        {
            string mediaType = sent.Message.Content?.Headers.ContentType?.MediaType;
            return mediaType == null || mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0
                ? null
                : Messages.NotJson(mediaType);
        }

        private static LitmindException ReportedFailure(SentResponse sent, string method, Uri uri, ResponseEnvelope envelope)
        {
            var failure = new LitmindException(ErrorIds.HttpError, LitmindErrorKind.ServerError, Messages.ApiReportedFailure(method, EndpointResolver.WithoutQuery(uri), sent.StatusCode, envelope.Description));
            return Fill(failure, sent, method, uri, envelope);
        }

        private static LitmindException Fill(LitmindException failure, SentResponse sent, string method, Uri uri, ResponseEnvelope envelope)
        {
            failure.StatusCode = sent.StatusCode;
            failure.ServerMessage = envelope.Description;
            failure.ServerErrorCode = envelope.ErrorCode;
            failure.CorrelationId = ResponseHeaders.CorrelationId(sent.Message);
            return Failures.Describe(failure, method, uri);
        }

        private static LitmindException Copy(LitmindException from, LitmindException to)
        {
            to.StatusCode = from.StatusCode;
            to.ServerMessage = from.ServerMessage;
            to.ServerErrorCode = from.ServerErrorCode;
            to.CorrelationId = from.CorrelationId;
            to.Method = from.Method;
            to.RequestUri = from.RequestUri;
            return to;
        }
    }
}
