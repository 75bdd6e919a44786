using System;
using System.Globalization;

namespace Litmind.PowerShell
{
    /// <summary>
    /// Every user-visible string, in one place. Messages name what is wrong and what to do; they
    /// are built from names and numbers, never from secret values.
    /// </summary>
    internal static class Messages
    {
        public const string NotConnected = "There is no Litmind session in this runspace. Run Connect-Litmind first, or pass -Session.";
        public const string SessionDisconnected = "This Litmind session was disconnected and its secrets cleared. Run Connect-Litmind to start a new one.";
        public const string PathEmpty = "The -Path is empty. Give an endpoint path relative to the session's base URI, such as 'session/list'.";
        public const string PathAndQueryBothGiven = "The -Path already has a query string and -Query was given too. Put the query in one of them.";
        public const string BaseUriExtraParts = "The -BaseUri must not contain a query, a fragment or user information. Give the API root, such as https://litmind.com/api/v1.";
        public const string MissingApiKey = "No Litmind API key was given. Pass -ApiKey (a SecureString) or set $env:LITMIND_API_KEY.";
        public const string LoginAnswerMissingSessionId = "The login answer has no sessionId.";
        public const string LoginAnswerMissingProfile = "The login answer has no profile with a numeric id.";
        public const string CannotReconnect = "The Litmind session expired and it holds no credentials to log in again (it was connected with -NoReconnect, resumed from a session id, or rebuilt in another process). Run Connect-Litmind again.";
        public const string CredentialWithoutUserName = "The credential has no user name. Give the Litmind user name or email.";
        public const string CannotRebuildSession = "The deserialized Litmind session carries no session handle or account (was it disconnected before it was exported?). Connect again, or use Connect-Litmind -SessionId.";
        public const string JoinOtherApiKey = "The -ApiKey differs from the API key of the -Session. An account joins a session with the session's own key; leave -ApiKey out, or connect a new session.";
        // What a user can do about each kind of failure (ErrorDetails.RecommendedAction).
        public const string FixArgument = "Correct the parameter named in the message and run the command again.";
        public const string FixCredentials = "Check the user name, the password and the API key, then run Connect-Litmind again.";
        public const string FixPermission = "Act as an account that may do this (-UserId), or log it into the session with Connect-Litmind -Session.";
        public const string FixPath = "Check the path and the ids in it.";
        public const string FixThrottling = "Wait before calling again, or raise -MaximumRetryCount and -RetryIntervalSec.";
        public const string FixConnection = "Check the network and -BaseUri, then try again.";
        public const string FixTimeout = "Try again later, or raise -TimeoutSec.";
        public const string FixInvalidData = "Check that -BaseUri points at the Litmind API; if it does, report the correlation id on the exception.";
        public const string FixNotConnected = "Run Connect-Litmind, or pass a connected session with -Session.";
        public const string FixOther = "Try again later; if it persists, report the correlation id on the exception.";
        public const string EmptyBody = "The server answered with an empty body where JSON was expected.";

        public static string JoinOtherBaseUri(Uri given, Uri sessionBaseUri) => Format("The -BaseUri '{0}' differs from the base URI '{1}' of the -Session. An account joins a session on the session's own API; leave -BaseUri out, or connect a new session.", given, sessionBaseUri);

        public static string PathHasFragment(string path) => Format("The path '{0}' contains a fragment ('#'). Give only the endpoint path.", Shorten(path));

        public static string PathHasDotSegments(string path) => Format("The path '{0}' contains '.' or '..' segments. Give the endpoint path without them.", Shorten(path));

        public static string BaseUriNotAbsolute(string value) => Format("The base URI '{0}' is not an absolute http or https URI. Give the API root, such as https://litmind.com/api/v1.", Shorten(value));

        public static string BaseUriScheme(string scheme) => Format("The base URI scheme '{0}' is not supported. Use https (or http for a local emulator).", scheme);

        public static string ForeignHost(Uri target, Uri baseUri) => Format("The URI '{0}' is not under the session's base URI '{1}'. The session's credentials are only sent to its own API; use a relative -Path.", Shorten(target.GetLeftPart(UriPartial.Path)), baseUri);

        public static string InsecureTransport(Uri baseUri) => Format("The base URI '{0}' uses plain http to a host that is not this machine, so the API key, password and session id would travel unencrypted. Use https, or pass -AllowUnencryptedAuthentication if you accept that risk.", baseUri);

        public static string LoginFailed(string userName, string reason) => Format("Login to Litmind as '{0}' failed: {1}", userName, reason);

        public static string HttpError(string method, Uri uri, int status, string reason, string serverMessage) =>
            Format("{0} {1} failed with HTTP {2} ({3}){4}", method, uri, status, reason, string.IsNullOrEmpty(serverMessage) ? "." : ": " + serverMessage);

        public static string ApiReportedFailure(string method, Uri uri, int status, string serverMessage) =>
            Format("{0} {1} answered HTTP {2} but reported a failure (isSuccess false): {3}", method, uri, status, string.IsNullOrEmpty(serverMessage) ? "no description given." : serverMessage);

        public static string SessionExpired(string method, Uri uri, int status, string serverMessage) =>
            Format("The Litmind session expired ({0} {1} answered HTTP {2}{3}) and a new login did not cure it.", method, uri, status, string.IsNullOrEmpty(serverMessage) ? string.Empty : ": " + serverMessage);

        public static string SessionExpiredNoCredentials(string method, Uri uri, int status) =>
            Format("{0} {1} answered HTTP {2}: the session expired. {3}", method, uri, status, CannotReconnect);

        public static string InvalidResponse(string method, Uri uri, string problem) => Format("{0} {1} returned an answer that cannot be used: {2}", method, uri, problem);

        public static string ConnectionFailed(string method, Uri uri, string reason, int retries) =>
            Format("{0} {1} could not reach the server{2}: {3}", method, uri, retries > 0 ? Format(" after {0} retries", retries) : string.Empty, reason);

        public static string Timeout(string method, Uri uri, TimeSpan timeout) => Format("{0} {1} did not complete within {2:0.###} seconds (-TimeoutSec).", method, uri, timeout.TotalSeconds);

        public static string RetriesExhausted(string method, Uri uri, int status, int retries, string serverMessage) =>
            Format("{0} {1} still answered HTTP {2} after {3} retries{4}. Try later, or raise -MaximumRetryCount.", method, uri, status, retries, string.IsNullOrEmpty(serverMessage) ? string.Empty : " (" + serverMessage + ")");

        public static string UnknownAccount(long userId, string known) => Format("The account {0} is not logged into this session. Accounts in the session: {1}. Log it in with Connect-Litmind -Session.", userId, known);

        public static string UnsupportedMethod(string method) => Format("The method '{0}' is not supported. Use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.", Shorten(method));

        public static string BodyNotSerializable(string reason) => Format("The -Body cannot be sent as JSON: {0}", reason);

        public static string ContentTypeInvalid(string contentType) =>
            Format("The -ContentType '{0}' is not a media type. Give one such as 'application/json', or the shorthand 'json' or 'form' (application/x-www-form-urlencoded).", Shorten(contentType));

        public static string FieldIsSecureString(string parameter, string key) =>
            Format("The {0} value for '{1}' is a SecureString, which is never sent in clear. Nothing was sent; convert it yourself if the server must receive it.", parameter, Shorten(key));

        public static string FieldNotFlat(string parameter, string key, string typeName) =>
            Format("The {0} value for '{1}' is a {2}, but {0} carries only strings, numbers, booleans, dates and arrays of them. Nothing was sent.{3}", parameter, Shorten(key), typeName, parameter == "-Body" ? " Send nested data as JSON: add -ContentType json." : string.Empty);

        public static string StatusCodeVariableReadOnly(string name) =>
            Format("The -StatusCodeVariable '{0}' names a read-only or constant variable, which cannot receive the status code. Nothing was sent; name another variable.", Shorten(name));

        public static string BodyWithoutMethod(string method) => Format("A -Body cannot be sent with {0}. Use -Method POST, PUT or PATCH.", method);

        public static string RetryingAfterStatus(int status, bool serverAsked, int attempt, int maximum, TimeSpan wait) =>
            Format("HTTP {0}: waiting {1:0.###} s ({2}) before retry {3} of {4}.", status, wait.TotalSeconds, serverAsked ? "Retry-After" : "backoff", attempt, maximum);

        public static string RetryingAfterConnectionFailure(string method, int attempt, int maximum, TimeSpan wait) =>
            Format("Connection failed on {0}: waiting {1:0.###} s before retry {2} of {3}.", method, wait.TotalSeconds, attempt, maximum);

        public static string Relogin(string service, int status, int accounts) => Format("The {0} session expired (HTTP {1}); logging in again with {2} account(s) and replaying the call.", service, status, accounts);

        public static string Redirected(int status, Uri location) =>
            Format("the server answered HTTP {0} redirecting to '{1}'. Redirects are not followed, so the session's credentials stay with its own API; check -BaseUri.", status, location?.ToString() ?? "(no location)");

        public static string NotJson(string mediaType) => Format("the answer is {0}, not the API's JSON (a proxy or gateway may have answered)", mediaType);

        public const string RequestHeaderSource = "request header";

        public static string HeaderNameInvalid(string source, string name) =>
            Format("The {0} name '{1}' cannot be sent: a header name is one or more letters, digits or !#$%&'*+-.^_`|~, without spaces or control characters.", source, name);

        public static string HeaderValueOf(string source, string name) => Format("{0} '{1}'", source, name);

        public static string HeaderValueUnsafe(string source) =>
            Format("The value of {0} contains a line break (CR or LF), a NUL or another control character, which would end the header and start another. Nothing was sent; remove those characters.", source);

        public static string HeaderValueNotAscii(string source) =>
            Format("The value of {0} contains characters outside ASCII, which an HTTP header cannot carry as typed. Nothing was sent; percent-encode the value ([uri]::EscapeDataString) or leave those characters out.", source);

        public static string KeysDifferInCase(string path, string first, string second) =>
            Format("the object at '{0}' has the keys '{1}' and '{2}', which differ only in case, and a PowerShell object cannot hold both. Use -Raw and ConvertFrom-Json -AsHashtable to read them.", string.IsNullOrEmpty(path) ? "(top)" : Shorten(path), Shorten(first), Shorten(second));

        public static string RequestHeaders(string headers) => Format("request headers: {0}", headers);

        public static string Sending(string method, string target) => Format("{0} {1}", method, target);

        public static string Received(int status, string mediaType, long? length) => Format("received HTTP {0} ({1}{2})", status, string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType, length.HasValue ? Format(", {0} bytes", length.Value) : string.Empty);

        /// <summary>The most characters of one value (a URI, a path, a server's text) a message repeats.</summary>
        public const int MaximumValueLength = 240;

        /// <summary>
        /// A value as a message shows it: cut in the middle when longer than
        /// <see cref="MaximumValueLength"/>, keeping its start and its end (the resource's id).
        /// </summary>
        public static string Shorten(string text)
        {
            const int tail = 60;
            if (text == null || text.Length <= MaximumValueLength)
            {
                return text;
            }

            return Format("{0}…({1} characters)…{2}", text.Substring(0, MaximumValueLength - tail), text.Length, text.Substring(text.Length - tail));
        }

        // Every URI a message repeats is shortened: a 100,000-character path must not come back whole.
        private static string Format(string format, params object[] args)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] is Uri uri)
                {
                    args[i] = Shorten(uri.ToString());
                }
            }

            return string.Format(CultureInfo.InvariantCulture, format, args);
        }
    }
}
