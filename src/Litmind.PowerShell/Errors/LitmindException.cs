using System;

namespace Litmind.PowerShell.Errors
{
    /// <summary>
    /// Every failure the module reports. It carries what a script needs to act on it (the stable
    /// ErrorId, the HTTP status, the server's own message, the request) and never a secret: the
    /// URI is stripped of its query and messages are built from names, not values.
    /// </summary>
    public class LitmindException : Exception
    {
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

        /// <summary>The same failure with other text (secrets masked); an exception's message is fixed once made.</summary>
        internal LitmindException Rewritten(string message, string serverMessage, string serverErrorCode) =>
            new LitmindException(ErrorId, Kind, message, InnerException)
            {
                StatusCode = StatusCode,
                Method = Method,
                RequestUri = RequestUri,
                ServerMessage = serverMessage,
                ServerErrorCode = serverErrorCode,
                CorrelationId = CorrelationId,
                RetryAfterSeconds = RetryAfterSeconds,
            };
    }
}
