using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Litmind.PowerShell.Errors
{
    /// <summary>
    /// Every failure the module reports. It carries what a script needs to act on it (the stable
    /// ErrorId, the HTTP status, the server's own message, the request) and never a secret: the
    /// URI is stripped of its query and messages are built from names, not values.
    /// </summary>
    public class LitmindException : Exception
    {
        private HttpResponseMessage response;

        /// <summary>Creates the exception.</summary>
        public LitmindException(string errorId, LitmindErrorKind kind, string message, Exception innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        /// <summary>The stable ErrorId, e.g. Litmind.HttpError.</summary>
        public string ErrorId { get; }

        /// <summary>What kind of failure this is.</summary>
        public LitmindErrorKind Kind { get; }

        /// <summary>The HTTP status code, when the server answered.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The HTTP method of the failed request.</summary>
        public string Method { get; internal set; }

        /// <summary>The request URI without its query string.</summary>
        public Uri RequestUri { get; internal set; }

        /// <summary>The server's own description of the error, where the service's answers carry it.</summary>
        public string ServerMessage { get; internal set; }

        /// <summary>The server's error code, when it sent one.</summary>
        public string ServerErrorCode { get; internal set; }

        /// <summary>The response's correlation id (X-Request-Id and the like), for support tickets.</summary>
        public string CorrelationId { get; internal set; }

        /// <summary>Seconds the server asked to wait (Retry-After), when it did.</summary>
        public double? RetryAfterSeconds { get; internal set; }

        /// <summary>
        /// The answer as Invoke-RestMethod's errors carry it: its status
        /// ([System.Net.HttpStatusCode]), reason and headers (those that carry secrets redacted, the
        /// session's secrets masked in the others); no body (the body's text is in the error
        /// record's ErrorDetails.Message). Null when no answer came.
        /// </summary>
        public HttpResponseMessage Response
        {
            get
            {
                if (response == null && StatusCode.HasValue)
                {
                    response = ResponseSnapshot.ToMessage(StatusCode.Value, ReasonPhrase, ResponseHeaders);
                }

                return response;
            }
        }

        /// <summary>The reason phrase of the answer's status line.</summary>
        internal string ReasonPhrase { get; set; }

        /// <summary>The answer's headers and content headers, secret ones redacted.</summary>
        internal IReadOnlyList<KeyValuePair<string, string[]>> ResponseHeaders { get; set; }

        /// <summary>The error answer's body as text (its first MB), for ErrorDetails.Message; null when none was read.</summary>
        internal string ResponseBody { get; set; }

        /// <summary>The same failure with its texts passed through <paramref name="mask"/> (secrets masked); an exception's message is fixed once made.</summary>
        internal LitmindException Rewritten(Func<string, string> mask) =>
            new LitmindException(ErrorId, Kind, mask(Message), InnerException)
            {
                StatusCode = StatusCode,
                Method = Method,
                RequestUri = RequestUri,
                ServerMessage = mask(ServerMessage),
                ServerErrorCode = mask(ServerErrorCode),
                CorrelationId = CorrelationId,
                RetryAfterSeconds = RetryAfterSeconds,
                ReasonPhrase = ReasonPhrase,
                ResponseHeaders = ResponseHeaders?.Select(header => new KeyValuePair<string, string[]>(header.Key, header.Value.Select(mask).ToArray())).ToList(),
                ResponseBody = mask(ResponseBody),
            };
    }
}
