using System;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// Turns an answer the module will not use into the failure it reports, with the server's own
    /// message and code, the correlation id and the request (without its query) attached.
    /// </summary>
    internal static class AnswerFailures
    {
        /// <summary>Redirects are never followed, so the session's headers never reach another place.</summary>
        public static LitmindException Redirected(SentResponse sent, string method, Uri uri)
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

        /// <summary>An answer with an error status; <paramref name="body"/> is its text, for ErrorDetails.Message.</summary>
        public static LitmindException HttpFailure(SentResponse sent, string method, Uri uri, ServiceAnswer answer, string hint, string body)
        {
            int status = sent.StatusCode;
            bool exhausted = HttpPipeline.IsTransient(sent.Message.StatusCode, new System.Net.Http.HttpMethod(method)) && sent.Retries > 0;
            string message = exhausted
                ? Messages.RetriesExhausted(method, EndpointResolver.WithoutQuery(uri), status, sent.Retries, answer.Message)
                : Messages.HttpError(method, EndpointResolver.WithoutQuery(uri), status, sent.Message.ReasonPhrase, answer.Message ?? DescribeNonJson(sent));
            var failure = new LitmindException(exhausted ? ErrorIds.RetriesExhausted : ErrorIds.HttpError, Failures.KindOf(status), WithHint(message, hint))
            {
                RetryAfterSeconds = HttpPipeline.RetryAfter(sent.Message)?.TotalSeconds,
                ResponseBody = string.IsNullOrEmpty(body) ? null : body,
            };
            return Fill(failure, sent, method, uri, answer);
        }

        /// <summary>A success status whose body says the call failed.</summary>
        public static LitmindException ReportedFailure(SentResponse sent, string method, Uri uri, ServiceAnswer answer, string successField, string hint)
        {
            var failure = new LitmindException(ErrorIds.HttpError, LitmindErrorKind.ServerError, WithHint(Messages.ApiReportedFailure(method, EndpointResolver.WithoutQuery(uri), sent.StatusCode, successField, answer.Message), hint));
            return Fill(failure, sent, method, uri, answer);
        }

        /// <summary>
        /// A call the session's expiry refused and that could not be cured: no credentials to log in
        /// again (<paramref name="cannotRenew"/>), or a fresh login that was refused too.
        /// </summary>
        public static LitmindException Expired(LitmindException failure, bool cannotRenew, string service)
        {
            // A refusal that persists after a fresh login is the server's answer, not expiry.
            if (!cannotRenew && failure.StatusCode == 403)
            {
                return failure;
            }

            string message = cannotRenew
                ? Messages.SessionExpiredNoCredentials(failure.Method, failure.RequestUri, failure.StatusCode ?? 0, service)
                : Messages.SessionExpired(service, failure.Method, failure.RequestUri, failure.StatusCode ?? 0, failure.ServerMessage);
            var expired = new LitmindException(ErrorIds.SessionExpired, LitmindErrorKind.Authentication, message)
            {
                StatusCode = failure.StatusCode,
                ServerMessage = failure.ServerMessage,
                ServerErrorCode = failure.ServerErrorCode,
                CorrelationId = failure.CorrelationId,
                // The answer stays on the exception; the details say what the module concluded
                // (the session is gone), which the server's body alone would not.
                ReasonPhrase = failure.ReasonPhrase,
                ResponseHeaders = failure.ResponseHeaders,
            };
            return Failures.Describe(expired, failure.Method, failure.RequestUri);
        }

        public static LitmindException Fill(LitmindException failure, SentResponse sent, string method, Uri uri, ServiceAnswer answer)
        {
            failure.StatusCode = sent.StatusCode;
            failure.ReasonPhrase = sent.Message.ReasonPhrase;
            failure.ResponseHeaders = ResponseHeaders.Snapshot(sent.Message);
            failure.ServerMessage = answer.Message;
            failure.ServerErrorCode = answer.Code;
            failure.CorrelationId = ResponseHeaders.CorrelationId(sent.Message);
            return Failures.Describe(failure, method, uri);
        }

        public static string WithHint(string message, string hint) => hint == null ? message : message + " " + hint;

        /// <summary>Names what came back when an error answer is not the API's JSON (a proxy's HTML page, say).</summary>
        private static string DescribeNonJson(SentResponse sent) => sent.DeclaresOtherThanJson ? Messages.NotJson(sent.MediaType) : null;
    }
}
