using System;

namespace Litmind.PowerShell.Errors
{
    /// <summary>Builds the module's exceptions, so each failure has one ErrorId and one message.</summary>
    internal static class Failures
    {
        public static LitmindException InvalidArgument(string message) =>
            new LitmindException(ErrorIds.InvalidArgument, LitmindErrorKind.InvalidArgument, message);

        public static LitmindException OutFileNotWritable(string path, string reason) =>
            new LitmindException(ErrorIds.OutFileNotWritable, LitmindErrorKind.InvalidArgument, Messages.OutFileNotWritable(path, reason));

        /// <summary>A file to send cannot be read; <paramref name="parameter"/> says where it was named ("-InFile").</summary>
        public static LitmindException InFileNotReadable(string parameter, string path, string reason) =>
            new LitmindException(ErrorIds.InFileNotReadable, LitmindErrorKind.InvalidArgument, Messages.InFileNotReadable(parameter, path, reason));

        /// <summary>An attempt needed the body again, and its stream cannot be read twice.</summary>
        public static LitmindException BodyNotReplayable() =>
            new LitmindException(ErrorIds.BodyNotReplayable, LitmindErrorKind.InvalidArgument, Messages.BodyNotReplayable);

        public static LitmindException NotConnected() =>
            new LitmindException(ErrorIds.NotConnected, LitmindErrorKind.NotConnected, Messages.NotConnected);

        public static LitmindException Disconnected() =>
            new LitmindException(ErrorIds.NotConnected, LitmindErrorKind.NotConnected, Messages.SessionDisconnected);

        /// <summary>A secret every call needs is missing: <paramref name="message"/> says where it could come from.</summary>
        public static LitmindException MissingSecret(string message) =>
            new LitmindException(ErrorIds.MissingApiKey, LitmindErrorKind.InvalidArgument, message);

        public static LitmindException ForeignHost(Uri target, Uri baseUri) =>
            new LitmindException(ErrorIds.ForeignHost, LitmindErrorKind.InvalidArgument, Messages.ForeignHost(target, baseUri)) { RequestUri = WithoutQuery(target) };

        public static LitmindException InsecureTransport(Uri baseUri) =>
            new LitmindException(ErrorIds.InsecureTransport, LitmindErrorKind.InvalidArgument, Messages.InsecureTransport(baseUri)) { RequestUri = baseUri };

        public static LitmindException UnknownAccount(string account, string known) =>
            new LitmindException(ErrorIds.UnknownAccount, LitmindErrorKind.InvalidArgument, Messages.UnknownAccount(account, known));

        public static LitmindException Timeout(string method, Uri uri, TimeSpan timeout, Exception cause = null) =>
            Describe(new LitmindException(ErrorIds.Timeout, LitmindErrorKind.Timeout, Messages.Timeout(method, WithoutQuery(uri), timeout), cause), method, uri);

        public static LitmindException ConnectionFailed(string method, Uri uri, Exception cause, int retries) =>
            Describe(new LitmindException(ErrorIds.ConnectionFailed, LitmindErrorKind.Connection, Messages.ConnectionFailed(method, WithoutQuery(uri), Innermost(cause).Message, retries), cause), method, uri);

        public static LitmindException InvalidResponse(string method, Uri uri, string problem, int? status, Exception cause = null)
        {
            var failure = new LitmindException(ErrorIds.InvalidResponse, LitmindErrorKind.InvalidData, Messages.InvalidResponse(method, WithoutQuery(uri), problem), cause);
            failure.StatusCode = status;
            return Describe(failure, method, uri);
        }

        public static LitmindException Describe(LitmindException failure, string method, Uri uri)
        {
            failure.Method = method;
            failure.RequestUri = WithoutQuery(uri);
            return failure;
        }

        /// <summary>The URI without its query, the only form that goes into messages and errors: a query may carry a token.</summary>
        public static Uri WithoutQuery(Uri uri) => uri == null ? null : new Uri(uri.GetLeftPart(UriPartial.Path), UriKind.Absolute);

        /// <summary>The kind of failure an HTTP status means.</summary>
        public static LitmindErrorKind KindOf(int status)
        {
            switch (status)
            {
                case 400:
                case 405:
                case 409:
                case 422:
                    return LitmindErrorKind.InvalidArgument;
                case 401:
                case 419:
                case 440:
                    return LitmindErrorKind.Authentication;
                case 403:
                    return LitmindErrorKind.PermissionDenied;
                case 404:
                case 410:
                    return LitmindErrorKind.NotFound;
                case 408:
                case 504:
                    return LitmindErrorKind.Timeout;
                case 429:
                    return LitmindErrorKind.LimitsExceeded;
                default:
                    return status >= 500 ? LitmindErrorKind.ServerError : LitmindErrorKind.Unknown;
            }
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }
    }
}
