using System;
using System.Net.Http;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Errors
{
    /// <summary>Builds the module's exceptions, so each failure has one ErrorId and one message.</summary>
    internal static class Failures
    {
        public static LitmindException InvalidArgument(string message) =>
            new LitmindException(ErrorIds.InvalidArgument, LitmindErrorKind.InvalidArgument, message);

        public static LitmindException OutFileNotWritable(string path, string reason) =>
            new LitmindException(ErrorIds.OutFileNotWritable, LitmindErrorKind.InvalidArgument, Messages.OutFileNotWritable(path, reason));

        public static LitmindException NotConnected() =>
            new LitmindException(ErrorIds.NotConnected, LitmindErrorKind.NotConnected, Messages.NotConnected);

        public static LitmindException Disconnected() =>
            new LitmindException(ErrorIds.NotConnected, LitmindErrorKind.NotConnected, Messages.SessionDisconnected);

        public static LitmindException MissingSecret(string service, Services.SecretDefinition secret) =>
            new LitmindException(ErrorIds.MissingApiKey, LitmindErrorKind.InvalidArgument, Messages.MissingSecret(service, secret.Label, secret.Parameter, secret.Environment));

        public static LitmindException ForeignHost(Uri target, Uri baseUri) =>
            new LitmindException(ErrorIds.ForeignHost, LitmindErrorKind.InvalidArgument, Messages.ForeignHost(target, baseUri)) { RequestUri = EndpointResolver.WithoutQuery(target) };

        public static LitmindException InsecureTransport(Uri baseUri) =>
            new LitmindException(ErrorIds.InsecureTransport, LitmindErrorKind.InvalidArgument, Messages.InsecureTransport(baseUri)) { RequestUri = baseUri };

        public static LitmindException UnknownAccount(long userId, string known) =>
            new LitmindException(ErrorIds.UnknownAccount, LitmindErrorKind.InvalidArgument, Messages.UnknownAccount(userId, known));

        public static LitmindException Timeout(HttpRequestMessage request, TimeSpan timeout) =>
            Describe(new LitmindException(ErrorIds.Timeout, LitmindErrorKind.Timeout, Messages.Timeout(request.Method.Method, EndpointResolver.WithoutQuery(request.RequestUri), timeout)), request.Method.Method, request.RequestUri);

        public static LitmindException ConnectionFailed(HttpRequestMessage request, Exception cause, int retries) =>
            Describe(new LitmindException(ErrorIds.ConnectionFailed, LitmindErrorKind.Connection, Messages.ConnectionFailed(request.Method.Method, EndpointResolver.WithoutQuery(request.RequestUri), Innermost(cause).Message, retries), cause), request.Method.Method, request.RequestUri);

        public static LitmindException InvalidResponse(string method, Uri uri, string problem, int? status, Exception cause = null)
        {
            var failure = new LitmindException(ErrorIds.InvalidResponse, LitmindErrorKind.InvalidData, Messages.InvalidResponse(method, EndpointResolver.WithoutQuery(uri), problem), cause);
            failure.StatusCode = status;
            return Describe(failure, method, uri);
        }

        public static LitmindException Describe(LitmindException failure, string method, Uri uri)
        {
            failure.Method = method;
            failure.RequestUri = EndpointResolver.WithoutQuery(uri);
            return failure;
        }

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
