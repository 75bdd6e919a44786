using System;
using System.Globalization;
using System.Linq;

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
        public const string CredentialWithoutUserName = "The credential has no user name. Give the Litmind user name or email.";
        public const string DeserializedSession = "A deserialized Litmind session cannot be used: a session's serialized form carries no session id. Hand the session over with Get-LitmindSession -HandOff instead, for example: $handOff = Get-LitmindSession -Default -HandOff; Start-Job { Invoke-LitmindRequest castings -Session $using:handOff }.";
        public const string HandOffIncomplete = "The hand-off has no base URI, session id or tokens (SecureStrings) or account, so no session can be rebuilt from it. Make one with Get-LitmindSession -HandOff.";
        public const string UserIdAndAccount = "Both -UserId and an account (-Account, or an account piped in) were given. Name the account to act as once.";
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
        public const string NoReasonGiven = "the server gave no reason.";
        public const string KeyModeAccountType = "API key";
        public const string AccountIdsArePositive = "Account ids are 1 or more.";
        public const string BasicUserNameHasColon = "The user name for HTTP Basic authentication contains ':', which would split it from the password. Nothing was sent.";

        public static string JoinOtherBaseUri(Uri given, Uri sessionBaseUri) => Format("The -BaseUri '{0}' differs from the base URI '{1}' of the -Session. An account joins a session on the session's own API; leave -BaseUri out, or connect a new session.", given, sessionBaseUri);

        public static string PathHasFragment(string path) => Format("The path '{0}' contains a fragment ('#'). Give only the endpoint path.", Shorten(path));

        public static string PathHasDotSegments(string path) => Format("The path '{0}' contains '.' or '..' segments. Give the endpoint path without them.", Shorten(path));

        public static string BaseUriNotAbsolute(string value) => Format("The base URI '{0}' is not an absolute http or https URI. Give the API root, such as https://litmind.com/api/v1.", Shorten(value));

        public static string BaseUriScheme(string scheme) => Format("The base URI scheme '{0}' is not supported. Use https (or http for a local emulator).", scheme);

        public static string ForeignHost(Uri target, Uri baseUri) => Format("The URI '{0}' is not under the session's base URI '{1}'. The session's credentials are only sent to its own API; use a relative -Path.", Shorten(target.GetLeftPart(UriPartial.Path)), baseUri);

        public static string InsecureTransport(Uri baseUri) => Format("The base URI '{0}' uses plain http to a host that is not this machine, so the API key, password and session id would travel unencrypted. Use https, or pass -AllowUnencryptedAuthentication if you accept that risk.", baseUri);

        public static string HandOffInsecureTransport(Uri baseUri) => Format("The hand-off points at '{0}', plain http to a host that is not this machine. A session rebuilt from a hand-off sends its secrets only over https or to this machine, whatever the hand-off claims. Connect there with Connect-Litmind -AllowUnencryptedAuthentication instead.", baseUri);

        public static string HandOffOtherService(string defined, string named) => Format("The hand-off names the service '{1}' but the definition it carries defines '{0}'. Make a new hand-off with Get-LitmindSession -HandOff.", defined, named);

        public static string HandOffWithoutDefinition(string name) => Format("The hand-off names the service '{0}', which is not built in, and carries no definition of it. A hand-off of a session of your own service carries its definition (ServiceDefinition); make one with Get-LitmindSession -HandOff.", Shorten(name));

        public static string HandOffDefinitionTooLarge(int kilobytes) => Format("The definition the hand-off carries is larger than {0} KB, more than any service definition needs. Make a new hand-off with Get-LitmindSession -HandOff.", kilobytes);

        public const string HandOffDefinitionSource = "the hand-off's ServiceDefinition";

        public const string ServiceFileIsFolder = "it is a folder; give the path of a .json definition file.";

        public static string ServiceFileTooLarge(int kilobytes) => Format("it is larger than {0} KB, more than any service definition needs.", kilobytes);

        public static string EnvironmentSecretForOtherHost(string label, string variable, string keyHost, string host, string parameter, string baseUriVariable) =>
            Format(
                "No {0} for {3}: $env:{1} is sent only to {2}, the API root {4}. Pass -{5} to call {3}{6}.",
                label,
                variable,
                keyHost ?? "no host that can be read",
                host,
                baseUriVariable == null ? "the service's definition names" : Format("$env:{0} names (else the service's default)", baseUriVariable),
                parameter ?? "ApiKey",
                baseUriVariable == null ? string.Empty : Format(", or point $env:{0} at it", baseUriVariable));

        public static string StoredCredentialRefused(string service) => Format("The {0} session expired, and its stored credential was refused when the module logged in again (was the password changed?). The module does not try a refused credential again: run Connect-Litmind again.", service);

        public static string StoredCredentialDropped(string service) => Format("The {0} server refused the stored credential; the session dropped it and will not try it again.", service);

        public static string Confirming(string service, string method, string uri) => Format("The answer may mean the {0} session expired: asking the server with {1} {2}.", service, method, uri);

        public static string ConfirmedExpired(string service, int status) => Format("The {0} session expired (the confirming call was refused with HTTP {1}): renewing it.", service, status);

        public static string ConfirmedAlive(string service, int status) => Format("The {0} session is alive (the confirming call answered HTTP {1}): the refusal stands.", service, status);

        public static string ConfirmFailed(string service, string reason) => Format("Could not ask the {0} server whether the session expired ({1}); the refusal stands.", service, reason);

        public static string JoinRenewsFirst(string service) => Format("The {0} session to join has expired: renewing it first.", service);

        public static string JoinAnsweredAnotherSession(string service) => Format("The {0} server answered the join with another session: logging every account of the session into it.", service);

        public static string AccountCannotMove(string account) => Format("The account {0} holds no credential, so it cannot follow the session to the server's new one; it is left out.", account);

        public static string SessionHasNoDomains(string service) => Format("The {0} session knows no other domain: its service's login lists none. Leave -Domain out to call the session's base URI.", service);

        public static string UnknownDomain(string name, System.Collections.Generic.IEnumerable<string> known) => Format("The session has no domain '{0}'. Its domains are: {1}. Nothing was sent.", Shorten(name), string.Join(", ", known));

        public static string SessionKeepsNoCredential(string service) => Format("The {0} service sends the credential again here (a refresh or a logout that authenticates the client), and this session keeps none: it was connected with -NoReconnect, resumed from a session id, or rebuilt from a hand-off. Connect without -NoReconnect to let it.", service);

        public static string NotAnAccountId(string given, string service, bool text) =>
            Format("-UserId '{0}' is not an account id of the {1} service: its ids are {2}. Nothing was sent.", Shorten(given), service, text ? "text (non-empty)" : "whole numbers");

        public static string CredentialPrompt(string service) => Format("Log in to {0}: the user name (or email) and the password.", service);

        public static string CredentialNotGiven(string service) => Format("The {0} service logs in with a credential: pass -Credential (Get-Credential, or a PSCredential your runbook builds). Nothing was sent.", service);

        public static string AndMore(string listed, int more) => Format("{0} and {1} more", listed, more);

        public static string HandOffValue(string property) => Format("the hand-off's {0}", property);

        public static string HandOffAuthenticatesTo(string host) => Format("The session rebuilt from a hand-off authenticates to {0}.", host);

        public static string HandOffKeyFromHandOff(string host, string label) => Format("The session rebuilt from a hand-off authenticates to {0} with the {1} the hand-off carries.", host, label);

        public static string HandOffKeyFromEnvironment(string host, string label, string variable) => Format("The session rebuilt from a hand-off authenticates to {0} with the {1} in $env:{2}, which the environment names for that host.", host, label, variable);

        public static string HandOffWithoutKey(string host, string label) => Format("The session rebuilt from a hand-off points at {0} and has no {1} for it.", host, label);

        public static string HandOffNoKeyAnywhere(string label, string variable, string baseUriVariable) =>
            Format("The hand-off carries no {0} and $env:{1} is not set. Make the hand-off with Get-LitmindSession -HandOff, which carries the session's {0}, or set $env:{1}{2}.", label, variable, baseUriVariable == null ? string.Empty : Format(" (with $env:{0} for a host other than the default)", baseUriVariable));

        public static string HandOffKeyForOtherHost(string host, string keyHost, string label, string variable, string baseUriVariable) =>
            Format(
                "The hand-off carries no {2}, and $env:{3} is not sent to {0}: it belongs to {1} ({4}). Make the hand-off with Get-LitmindSession -HandOff, which carries the session's {2}{5}.",
                host,
                keyHost ?? "no host that can be read",
                label,
                variable,
                baseUriVariable == null ? "the default API root" : Format("$env:{0}, else the default API root", baseUriVariable),
                baseUriVariable == null ? string.Empty : Format(", or set $env:{0} to this session's API root", baseUriVariable));

        public static string HandOffNoKeyInEnvironment(string service, string label) => Format("The hand-off carries no {1}, and the {0} service reads none from the environment. Make the hand-off with Get-LitmindSession -HandOff, which carries the session's {1}.", service, label);

        public static string LoginFailed(string service, string userName, string reason) => Format("Login to {0} as '{1}' failed: {2}", service, userName, reason);

        public static string LoginEndpointNotFound(string service, string method, Uri uri, int status, Uri example) =>
            Format("Login to {0} failed: {1} {2} answered HTTP {3}, so there is no login endpoint at that address. Check -BaseUri: it must be the API root{4}.", service, method, uri, status, example == null ? string.Empty : Format(", such as {0}", example));

        public static string CannotReconnect(string service) => Format("The {0} session expired and it holds no credentials to log in again (it was connected with -NoReconnect, resumed from a session id, or rebuilt from a hand-off). Run Connect-Litmind again.", service);

        public static string MissingSecret(string service, string label, string parameter, string environment) =>
            Format("No {0} {1} was given.{2}{3}", service, label, parameter == null ? string.Empty : Format(" Pass -{0} (a SecureString)", parameter), environment == null ? (parameter == null ? string.Empty : ".") : Format("{0} set $env:{1}.", parameter == null ? " Set" : " or", environment));

        public static string MissingParameter(string service, string name, string parameter) =>
            Format("The {0} service needs a value for '{1}': pass {2}.", service, name, parameter == null ? Format("-ServiceParameter @{{ {0} = ... }}", name) : "-" + parameter);

        public static string SessionLacksValue(string service, string reference) =>
            Format("The {0} session holds no value for {1} (it was resumed or rebuilt without it, or the server never sent it). Run Connect-Litmind again.", service, reference);

        public static string ServiceHasNoLogin(string service) => Format("The {0} service has no login; connect with its keys instead.", service);

        public static string ServiceHasNoKeyMode(string service) => Format("The {0} service cannot be used with keys alone; connect with -Credential.", service);

        public static string ServiceCannotJoin(string service) => Format("The {0} service does not log several accounts into one session; connect each account on its own.", service);

        public static string CannotResume(string service) => Format("A {0} session cannot be resumed from an id; connect with -Credential.", service);

        public static string JoinedSessionExpired(string service) => Format("The {0} session the account should join has expired.", service);

        public static string AnswerMissing(string exchange, string location) => Format("the {0} answer has no {1}.", exchange, location);

        public static string AnswerMissingField(string exchange, string field) => Format("the {0} answer has no {1} field.", exchange, field);

        public static string AnswerIsArray(string exchange) => Format("the {0} answer is a JSON array, not an object.", exchange);

        public static string AnswerNotObject(string exchange) => Format("the {0} answer is not a JSON object.", exchange);

        public static string LoginAnswerMissingAccount(string accountPath, string idPath) => Format("the login answer has no {0} with a numeric {1}.", accountPath ?? "account", idPath);

        public static string AccountListMissing(string items) => Format("the answer has no '{0}' array.", items);

        public static string AccountListNotFound(string idPath) => Format("the answer holds no list of accounts: it is not an array and has no array of objects with an '{0}'.", idPath);

        public static string AccountListAmbiguous(System.Collections.Generic.IEnumerable<string> names, string idPath) =>
            Format("the answer holds several arrays of objects with an '{0}' ({1}); name the accounts' one in the service definition (accounts.list.items).", idPath, string.Join(", ", names));

        public static string AccountWithoutId(string idPath) => Format("an account in the list has no numeric {0}.", idPath);

        public static string Refreshing(string service) => Format("Refreshing the {0} session's tokens.", service);

        public static string RenewingAhead(string service, DateTimeOffset expiresAt) => Format("The {0} session ends at {1:u}; renewing it ahead of time, in the background: calls go on with the current tokens meanwhile.", service, expiresAt);

        public static string RenewalFailed(string service, string reason) => Format("Renewing the {0} session failed: {1}", service, reason);

        public static string ReloginAhead(string service, int accounts) => Format("Logging in to {0} again with {1} account(s) before the session ends.", service, accounts);

        public static string LogoutFailed(string service, string reason) => Format("Logging out of {0} on the server failed; the local session is cleared anyway. {1}", service, reason);

        public static string HttpError(string method, Uri uri, int status, string reason, string serverMessage) =>
            Format("{0} {1} failed with HTTP {2} ({3}){4}", method, uri, status, reason, string.IsNullOrEmpty(serverMessage) ? "." : ": " + serverMessage);

        public static string ApiReportedFailure(string method, Uri uri, int status, string successField, string serverMessage) =>
            Format("{0} {1} answered HTTP {2} but reported a failure ({3} false): {4}", method, uri, status, successField, string.IsNullOrEmpty(serverMessage) ? "no description given." : serverMessage);

        public static string SessionExpired(string service, string method, Uri uri, int status, string serverMessage) =>
            Format("The {0} session expired ({1} {2} answered HTTP {3}{4}) and a new login did not cure it.", service, method, uri, status, string.IsNullOrEmpty(serverMessage) ? string.Empty : ": " + serverMessage);

        public static string SessionExpiredNoCredentials(string method, Uri uri, int status, string service) =>
            Format("{0} {1} answered HTTP {2}: the session expired. {3}", method, uri, status, CannotReconnect(service));

        public static string InvalidResponse(string method, Uri uri, string problem) => Format("{0} {1} returned an answer that cannot be used: {2}", method, uri, problem);

        public static string ConnectionFailed(string method, Uri uri, string reason, int retries) =>
            Format("{0} {1} could not reach the server{2}: {3}", method, uri, retries > 0 ? Format(" after {0} retries", retries) : string.Empty, reason);

        public static string Timeout(string method, Uri uri, TimeSpan timeout) => Format("{0} {1} did not complete within {2:0.###} seconds (-TimeoutSec).", method, uri, timeout.TotalSeconds);

        public static string RetriesExhausted(string method, Uri uri, int status, int retries, string serverMessage) =>
            Format("{0} {1} still answered HTTP {2} after {3} retries{4}. Try later, or raise -MaximumRetryCount.", method, uri, status, retries, string.IsNullOrEmpty(serverMessage) ? string.Empty : " (" + serverMessage + ")");

        public static string UnknownAccount(string userId, string known) => Format("The account {0} is not logged into this session. Accounts in the session: {1}. Log it in with Connect-Litmind -Session.", userId, known);

        public static string UnsupportedMethod(string method) => Format("The method '{0}' is not supported. Use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.", Shorten(method));

        public static string BodyNotSerializable(string reason) => Format("The -Body cannot be sent as JSON: {0}", reason);

        public static string OutFileNotWritable(string path, string reason) => Format("The -OutFile '{0}' cannot be written, so nothing was sent: {1}", path, reason);

        public static string AnswerTooLarge(long megabytes) => Format("the answer is larger than {0} MB, the most that is read whole. Stream the list in it with -ExpandProperty <field> (for example -ExpandProperty items), or save it with -OutFile <path>.", megabytes);

        public static string ExpandPropertyNotObject(string name) => Format("the answer is not a JSON object, so it has no '{0}' field to expand. Leave -ExpandProperty out.", name);

        public static string PageHasNoItems(string itemsPath) => itemsPath == null
            ? "the answer is not a list, so it has no items to page through."
            : Format("the answer has no list of items at '{0}', where the service's paging says a page's items are: it is not a list, or not a page of one.", itemsPath);

        public const string PagingRepeatsPage = "the server answered the page before again (the same items), so it does not page the way the service's paging says; the listing stops rather than write the same items forever.";

        public static string PagingRepeats(string what) => Format("the server answered the {0} it was just asked with, so the listing stops rather than read the same page forever.", what);

        public static string ServiceHasNoPaging(string service) => Format("The {0} service's definition does not say how its lists page, so -All, -First and -Skip cannot follow them. Leave them out, or add 'paging' to a definition of your own (see docs/services.md).", service);

        public static string ListingNeedsGet(string method) => Format("-All, -First and -Skip read a list page after page with GET; a {0} is not repeated per page. Leave them out, or use -Method Get.", method);

        public static string ListingWith(string parameter) => Format("-All, -First and -Skip write the items of every page as objects; {0} cannot be used with them.", parameter);

        public const string AsHashtableWithRawOrOutFile = "-AsHashtable shapes the objects an answer is converted to; -Raw and -OutFile convert nothing. Leave one out.";

        public static string ListingProgress(string path) => Format("Listing {0}", path);

        public static string ListingPage(long page, long? pages, long items) => pages.HasValue
            ? Format("Page {0} of {1}, {2} items", page, pages.Value, items)
            : Format("Page {0}, {1} items", page, items);

        public static string ExpandPropertyMissing(string name) => Format("the answer has no '{0}' field to expand. Check the name given to -ExpandProperty.", name);

        public const string ExpandPropertyWithRawOrOutFile = "-ExpandProperty cannot be used with -Raw or -OutFile, which take the body as it is. Leave one out.";

        public const string OutFileIsFolder = "it is a folder. Give a file name.";

        public const string NotOnFileSystem = "it is not a file-system path.";

        public const string OutFileWithRaw = "-OutFile and -Raw cannot be used together: -OutFile saves the body as it is. Leave one out.";

        public static string ContentTypeInvalid(string contentType) =>
            Format("The -ContentType '{0}' is not a media type. Give one such as 'application/json', or the shorthand 'json' or 'form' (application/x-www-form-urlencoded).", Shorten(contentType));

        public static string FieldIsSecureString(string parameter, string key) =>
            Format("The {0} value for '{1}' is a SecureString, which is never sent in clear. Nothing was sent; convert it yourself if the server must receive it.", parameter, Shorten(key));

        public static string FieldNotFlat(string parameter, string key, string typeName) =>
            Format("The {0} value for '{1}' is a {2}, but {0} carries only strings, numbers, booleans, dates{3} and arrays of them. Nothing was sent.{4}", parameter, Shorten(key), typeName, parameter == "-Form" ? ", files (FileInfo)" : string.Empty, parameter == "-Body" ? " Send nested data as JSON: add -ContentType json." : parameter == "-Form" ? " Give a file as Get-Item <path>." : string.Empty);

        public static string VariableReadOnly(string parameter, string name) =>
            Format("The {0} '{1}' names a read-only or constant variable, which cannot receive what the answer says. Nothing was sent; name another variable.", parameter, Shorten(name));

        public const string ContentTypeWithoutBody = "-ContentType describes a body, and this request has none (no -Body, -InFile or -Form, or a -Body of $null). Nothing was sent; give a body, or leave -ContentType out.";

        public const string OneBodyOnly = "-Body, -InFile and -Form each give the request's body; give only one of them. Nothing was sent.";

        public const string ContentTypeWithForm = "-Form sends multipart/form-data with a boundary of its own, so it takes no -ContentType and no Content-Type in -Headers. Nothing was sent; leave them out.";

        public const string FormNameUnsafe = "A -Form field or file name contains a control character (such as NUL), which cannot go into the header of its part. Nothing was sent.";

        public static string CharSetUnknown(string charSet) =>
            Format("The -ContentType names the charset '{0}', which this system cannot encode. Nothing was sent; name another charset (such as utf-8), or leave the charset out for UTF-8.", Shorten(charSet));

        public static string BodyNotEncodable(string what, string charSet, char character) =>
            Format("The {0} contains a character (U+{1:X4}) that the charset '{2}' of -ContentType cannot encode. Nothing was sent; name a charset that has it, such as utf-8.", what, (int)character, charSet);

        public const string BodyStreamNotReadable = "The -Body stream cannot be read (it is closed, or open only for writing). Nothing was sent; give an open stream, or the file with -InFile.";

        public const string BodyNotReplayable = "The call had to be sent again (a retry after a throttled, unavailable or failed attempt, or a replay after the session was renewed), and the -Body stream cannot seek back to send its bytes a second time. Nothing more was sent. Give a stream that can seek (a FileStream or MemoryStream), or the file with -InFile.";

        public const string InFileMissing = "it does not exist.";

        public const string InFileIsFolder = "it is a folder. Give a file.";

        public static string InFileNotReadable(string parameter, string path, string reason) =>
            Format("The {0} '{1}' cannot be read, so nothing was sent: {2}", parameter, Shorten(path), reason);

        public static string BodyWithoutMethod(string method) => Format("A body (-Body, -InFile or -Form) cannot be sent with {0}. Use -Method POST, PUT or PATCH.", method);

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

        public static string CookieValueUnsafe(string source) =>
            Format("The value of {0} contains ';', which would end the cookie and start another. Nothing was sent; remove it.", source);

        public static string CapturedValueUnsendable(string exchange, string capture) =>
            Format("the {0} answered a {1} that cannot be sent in a header or cookie (a line break, a control character, a ';' in a cookie or a character outside ASCII), so the session cannot use it.", exchange, capture);

        public static string HeaderValueNotAscii(string source) =>
            Format("The value of {0} contains characters outside ASCII, which an HTTP header cannot carry as typed. Nothing was sent; percent-encode the value ([uri]::EscapeDataString) or leave those characters out.", source);

        public static string HeaderNeedsBody(string name) =>
            Format("-Headers '{0}' describes a body, and this request has none (no -Body, -InFile or -Form), so the header cannot be sent. Nothing was sent; give a body, or leave the header out.", name);

        public static string KeysDifferInCase(string path, string first, string second) =>
            Format("the object at '{0}' has the keys '{1}' and '{2}', which differ only in case, and a PowerShell object cannot hold both. Use -Raw and ConvertFrom-Json -AsHashtable to read them.", string.IsNullOrEmpty(path) ? "(top)" : Shorten(path), Shorten(first), Shorten(second));

        public static string KeyRepeated(string path, string name) =>
            Format("the object at '{0}' has the key '{1}' twice, and a PowerShell object cannot hold both values. Use -Raw to read the answer as it is.", string.IsNullOrEmpty(path) ? "(top)" : Shorten(path), Shorten(name));

        public static string RequestHeaders(string headers) => Format("request headers: {0}", headers);

        public static string Sending(string method, string target) => Format("{0} {1}", method, target);

        public static string Received(int status, string mediaType, long? length) => Format("received HTTP {0} ({1}{2})", status, string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType, length.HasValue ? Format(", {0} bytes", length.Value) : string.Empty);

        public static string InvalidServiceDefinition(string source, string path, int line, int position, string problem) =>
            Format("The service definition '{0}' is not valid at {1}{2}: {3}.", source, path, line > 0 ? Format(" (line {0}, position {1})", line, position) : string.Empty, problem);

        public static string UnknownService(string name, System.Collections.Generic.IEnumerable<string> builtIn) =>
            Format("There is no built-in service '{0}'. The built-in services are {1}; or give the path of a service definition file.", name, string.Join(", ", builtIn));

        public static string UnknownServiceParameter(string service, string name, System.Collections.Generic.IEnumerable<string> known) =>
            Format("The {0} service has no parameter '{1}'. Its parameters: {2}.", service, name, known.Any() ? string.Join(", ", known) : "none");

        public static string ServiceParameterNotNumber(string service, string name, string value) => Format("The {0} parameter '{1}' is a number; '{2}' is not.", service, name, value);

        public static string ServiceParameterGivenTwice(string service, string name) => Format("The {0} parameter '{1}' is given twice (by its own parameter and in -ServiceParameter). Give it once.", service, name);

        public static string ServiceParameterNotScalar(string service, string name, string type) => Format("The {0} parameter '{1}' takes a string or a number, not a {2}.", service, name, type);

        public static string ServiceTakesNoParameter(string service, string parameter) => Format("The {0} service takes no -{1}.", service, parameter);

        public static string ValueUnusedInMode(string service, string parameter, bool keyMode) =>
            keyMode
                ? Format("-{0} is not used when connecting to {1} with -ClientId and -ClientSecret: nothing in key mode sends it. Leave it out, or connect with -Credential.", parameter, service)
                : Format("-{0} is not used when {1} logs in with -Credential: only its key mode sends it. Leave it out, or connect with -ClientId and -ClientSecret.", parameter, service);

        public static string ServiceHasNoBaseUri(string service) => Format("The {0} service has no default API root. Pass -BaseUri (see Get-Help about_Litmind_Services).", service);

        public static string ServiceFileUnreadable(string path, string reason) => Format("The service definition file '{0}' cannot be read: {1}", path, reason);

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
