using System;
using System.Collections.Generic;
using System.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// One service described as data (docs: about_Litmind, "Services as data"): how it logs in, what
    /// a login yields, how calls are authorized, and how its answers are read. Read once from JSON by
    /// <see cref="ServiceDefinitionReader"/>, validated whole, never changed afterwards; one
    /// interpreter runs every definition, so a new service is a file, not code.
    /// </summary>
    internal sealed class ServiceDefinition
    {
        /// <summary>The service's name, e.g. "Litmind".</summary>
        public string Name { get; internal set; }

        /// <summary>What the service is, in a sentence or two (shown by tab completion); null when the definition says nothing.</summary>
        public string Description { get; internal set; }

        /// <summary>Where the definition came from ("built-in" or a file path), for messages.</summary>
        public string Source { get; internal set; }

        /// <summary>The API root calls are relative to when the user gives none; null when the user must give one.</summary>
        public Uri BaseUri { get; internal set; }

        /// <summary>The environment variable that names the API root ahead of <see cref="BaseUri"/>; null when none does.</summary>
        public string BaseUriEnvironment { get; internal set; }

        /// <summary>The long-lived secrets a session holds (an API key, a client secret), by name.</summary>
        public IReadOnlyDictionary<string, SecretDefinition> Secrets { get; internal set; }

        /// <summary>The plain values a user passes (an account id in the URL, an organization), by name.</summary>
        public IReadOnlyDictionary<string, ParameterDefinition> Parameters { get; internal set; }

        /// <summary>Where answers carry their own success flag, error message and error code.</summary>
        public EnvelopeDefinition Envelope { get; internal set; }

        /// <summary>The login exchange; null for a service used with keys only.</summary>
        public ExchangeDefinition Login { get; internal set; }

        /// <summary>The capture that names the server's session, for resuming it elsewhere; null when none does.</summary>
        public string Handle { get; internal set; }

        /// <summary>How long a login lasts; null when the service does not say.</summary>
        public LifetimeDefinition Lifetime { get; internal set; }

        /// <summary>What every call carries once logged in.</summary>
        public AuthorizationDefinition Authorize { get; internal set; }

        /// <summary>What every call carries in key mode (no login); null when the service has no key mode.</summary>
        public AuthorizationDefinition KeyAuthorize { get; internal set; }

        /// <summary>Renews the tokens without a new login; null when the service has no refresh.</summary>
        public ExchangeDefinition Refresh { get; internal set; }

        /// <summary>Ends the session on the server; null when the service has no logout.</summary>
        public RequestDefinition Logout { get; internal set; }

        /// <summary>The answers to a call that mean the session expired (and so that the call was not carried out).</summary>
        public AnswerRules Expired { get; internal set; }

        /// <summary>How a refusal that may be expiry is checked with the server; null when the service answers expiry plainly.</summary>
        public ConfirmDefinition Confirm { get; internal set; }

        /// <summary>The accounts a session holds; null when a session is one login and nothing more.</summary>
        public AccountsDefinition Accounts { get; internal set; }

        /// <summary>Where a login answer lists the service's other domains; null when it lists none.</summary>
        public DomainsDefinition Domains { get; internal set; }

        /// <summary>How the service's lists page (Invoke-LitmindRequest -All); null when the definition does not say.</summary>
        public PagingDefinition Paging { get; internal set; }

        /// <summary>Advice added to a failure whose answer matches.</summary>
        public IReadOnlyList<HintDefinition> Hints { get; internal set; }

        /// <summary>How answer objects get PowerShell type names; null when they get none.</summary>
        public TypeNamesDefinition TypeNames { get; internal set; }

        /// <summary>The references ("secret.apiKey", "parameter.accountId") a session that logs in sends.</summary>
        internal IReadOnlyCollection<string> UsedWithLogin { get; set; }

        /// <summary>The references a session in key mode sends.</summary>
        internal IReadOnlyCollection<string> UsedWithKeys { get; set; }

        /// <summary>The references a session that logs in cannot do without (not written with '?').</summary>
        internal IReadOnlyCollection<string> RequiredWithLogin { get; set; }

        /// <summary>The references a session in key mode cannot do without.</summary>
        internal IReadOnlyCollection<string> RequiredWithKeys { get; set; }

        /// <summary>Whether a session connected this way ever sends the value; one that goes nowhere is refused at connect.</summary>
        public bool Uses(string source, string name, bool keyMode) =>
            (keyMode ? UsedWithKeys : UsedWithLogin).Contains(source + "." + name);

        /// <summary>Whether a session connected this way needs the value; one that is missing is asked for at connect.</summary>
        public bool Requires(string source, string name, bool keyMode) =>
            (keyMode ? RequiredWithKeys : RequiredWithLogin).Contains(source + "." + name);
    }

    /// <summary>The field whose value names an answer object's type, and the prefix of that type name.</summary>
    internal sealed class TypeNamesDefinition
    {
        public string Field { get; internal set; }

        public string Prefix { get; internal set; }
    }

    /// <summary>A named secret and where a user gives it.</summary>
    internal sealed class SecretDefinition
    {
        public string Name { get; internal set; }

        /// <summary>What the secret is called in messages, e.g. "API key".</summary>
        public string Label { get; internal set; }

        /// <summary>The Connect-Litmind parameter that takes it, e.g. "ApiKey"; null when none does.</summary>
        public string Parameter { get; internal set; }

        /// <summary>The environment variable it falls back to; null when none.</summary>
        public string Environment { get; internal set; }
    }

    /// <summary>The kinds of value a parameter holds.</summary>
    internal enum ParameterType
    {
        String,
        Number,
    }

    /// <summary>A named plain value a user passes at connect time.</summary>
    internal sealed class ParameterDefinition
    {
        public string Name { get; internal set; }

        public ParameterType Type { get; internal set; }

        /// <summary>The Connect-Litmind parameter that takes it, e.g. "AccountId"; null for -ServiceParameter only.</summary>
        public string Parameter { get; internal set; }
    }

    /// <summary>Where an answer's body says whether it worked, and why not (dotted JSON paths).</summary>
    internal sealed class EnvelopeDefinition
    {
        public static readonly EnvelopeDefinition None = new EnvelopeDefinition { Message = Array.Empty<string>(), Code = Array.Empty<string>() };

        /// <summary>The success flag (a boolean, or the strings "true" and "false"); null when the body has none.</summary>
        public string Success { get; internal set; }

        /// <summary>Where the error message may be, first found wins.</summary>
        public IReadOnlyList<string> Message { get; internal set; }

        /// <summary>Where the error code may be, first found wins.</summary>
        public IReadOnlyList<string> Code { get; internal set; }
    }

    /// <summary>How a request body is encoded.</summary>
    internal enum BodyKind
    {
        None,
        Form,
        Json,
    }

    /// <summary>A request described as templates: method, relative path, query, headers, cookies, body.</summary>
    internal class RequestDefinition
    {
        public string Method { get; internal set; }

        public ValueTemplate Path { get; internal set; }

        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Query { get; internal set; }

        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Headers { get; internal set; }

        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Cookies { get; internal set; }

        public BodyKind BodyKind { get; internal set; }

        /// <summary>The form fields of a form body.</summary>
        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Form { get; internal set; }

        /// <summary>A JSON body: a JSON value whose strings are templates.</summary>
        public JsonTemplate Json { get; internal set; }

        /// <summary>HTTP Basic authentication of the request; null for none.</summary>
        public BasicDefinition Basic { get; internal set; }

        /// <summary>The media type the request's headers give its body (Content-Type); null for the body's own.</summary>
        public string ContentType { get; internal set; }
    }

    /// <summary>HTTP Basic authentication (RFC 7617): Authorization: Basic base64(userName:password).</summary>
    internal sealed class BasicDefinition
    {
        public ValueTemplate UserName { get; internal set; }

        public ValueTemplate Password { get; internal set; }
    }

    /// <summary>A request whose answer yields tokens: login or refresh.</summary>
    internal sealed class ExchangeDefinition : RequestDefinition
    {
        /// <summary>The values kept from the answer, by name (used as {token.name}).</summary>
        public IReadOnlyDictionary<string, CaptureDefinition> Captures { get; internal set; }

        /// <summary>Where the account object is in a login answer (null: the answer itself).</summary>
        public string Account { get; internal set; }

        /// <summary>Fields a login answer must have to be this service's answer at all (beyond the captures).</summary>
        public IReadOnlyList<string> Require { get; internal set; }
    }

    /// <summary>Where in an answer a kept value is.</summary>
    internal enum CaptureSource
    {
        Body,
        Header,
        Cookie,
    }

    /// <summary>One value kept from a login or refresh answer.</summary>
    internal sealed class CaptureDefinition
    {
        public string Name { get; internal set; }

        public CaptureSource From { get; internal set; }

        /// <summary>The dotted JSON path, header name or cookie name.</summary>
        public string Location { get; internal set; }

        /// <summary>Whether the value may be shown (a TTL, a user id); secret by default.</summary>
        public bool Secret { get; internal set; } = true;

        /// <summary>Whether an answer without it is still a good one.</summary>
        public bool Optional { get; internal set; }
    }

    /// <summary>How an absolute end of a login is written.</summary>
    internal enum TimeFormat
    {
        UnixSeconds,
        UnixMilliseconds,
        Iso8601,
    }

    /// <summary>How long a login lasts and when to renew it ahead of its end.</summary>
    internal sealed class LifetimeDefinition
    {
        /// <summary>The capture holding the time the login ends; null when <see cref="Ttl"/> or <see cref="Jwt"/> is used.</summary>
        public string ExpiresAt { get; internal set; }

        /// <summary>How <see cref="ExpiresAt"/> is written.</summary>
        public TimeFormat ExpiresAtFormat { get; internal set; }

        /// <summary>The capture holding a time to live; null when <see cref="Jwt"/> is used.</summary>
        public string Ttl { get; internal set; }

        /// <summary>The unit of the time to live.</summary>
        public TimeSpan TtlUnit { get; internal set; } = TimeSpan.FromSeconds(1);

        /// <summary>The capture holding a JWT whose exp claim ends the login; null when <see cref="Ttl"/> is used.</summary>
        public string Jwt { get; internal set; }

        /// <summary>How far ahead of the end a service renews when its definition does not say.</summary>
        public static readonly TimeSpan DefaultRefreshAhead = TimeSpan.FromSeconds(60);

        /// <summary>How long before the end to renew (never more than half the lifetime).</summary>
        public TimeSpan RefreshAhead { get; internal set; } = DefaultRefreshAhead;
    }

    /// <summary>The headers, cookies and query values a call carries.</summary>
    internal sealed class AuthorizationDefinition
    {
        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Headers { get; internal set; }

        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Cookies { get; internal set; }

        /// <summary>Values added to every call's query (an api_key), masked in every message.</summary>
        public IReadOnlyList<KeyValuePair<string, ValueTemplate>> Query { get; internal set; }

        /// <summary>HTTP Basic authentication of every call; null for none.</summary>
        public BasicDefinition Basic { get; internal set; }

        /// <summary>The media type of a call's body unless -ContentType says otherwise; null for the body's own.</summary>
        public string ContentType { get; internal set; }
    }

    /// <summary>Where a login answer lists the service's domains (LivePerson's csdsCollectionResponse.baseURIs).</summary>
    internal sealed class DomainsDefinition
    {
        /// <summary>The path of the array of domains in the login answer.</summary>
        public string List { get; internal set; }

        /// <summary>The path of a domain's name inside an entry.</summary>
        public string Name { get; internal set; }

        /// <summary>The path of a domain's host (host[:port]) inside an entry.</summary>
        public string Host { get; internal set; }
    }

    /// <summary>The accounts of a session: how an account object reads, how accounts join, how they are listed.</summary>
    internal sealed class AccountsDefinition
    {
        /// <summary>Paths inside an account object; null ones are absent.</summary>
        public string Id { get; internal set; }

        /// <summary>Whether ids are text (emails, GUIDs) rather than whole numbers.</summary>
        public bool StringIds { get; internal set; }

        public string Name { get; internal set; }

        public string Type { get; internal set; }

        public string Thumbnail { get; internal set; }

        /// <summary>Set when more accounts log into one session (logging in again with the session's tokens).</summary>
        public JoinDefinition Join { get; internal set; }

        /// <summary>The call that lists the session's accounts; null when the service has none.</summary>
        public ListDefinition List { get; internal set; }
    }

    /// <summary>How a login that joins an existing session shows that session has expired.</summary>
    internal sealed class JoinDefinition
    {
        public AnswerRules Expired { get; internal set; }
    }

    /// <summary>The call that lists a session's accounts.</summary>
    internal sealed class ListDefinition
    {
        public string Method { get; internal set; }

        public ValueTemplate Path { get; internal set; }

        /// <summary>The dotted path of the array of accounts; null to find it (a top-level array, or the one array of objects with an id).</summary>
        public string Items { get; internal set; }
    }

    /// <summary>
    /// The check of a refusal that may be expiry (seed 001: "a 40x HTTP error"): an answer with one of
    /// <see cref="Statuses"/> that no expiry rule explains is followed by this cheap call, as the
    /// session's first account; when it is refused too, the session expired.
    /// </summary>
    internal sealed class ConfirmDefinition
    {
        public IReadOnlyList<int> Statuses { get; internal set; }

        public string Method { get; internal set; }

        public ValueTemplate Path { get; internal set; }
    }

    /// <summary>A sentence added to a failure whose answer matches.</summary>
    internal sealed class HintDefinition
    {
        public AnswerRule Match { get; internal set; }

        public string Text { get; internal set; }
    }
}
