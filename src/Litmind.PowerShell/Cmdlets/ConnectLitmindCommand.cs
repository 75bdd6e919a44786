using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Litmind.PowerShell.Auth;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// Logs in to a service (Litmind by default, -Service for another) and makes the session this
    /// runspace's default; with -ClientId and -ClientSecret, connects with an API key instead of a
    /// login; with -Session, logs another account into that session; with -SessionId, resumes a
    /// session without logging in.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Litmind", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(LitmindSession))]
    public sealed class ConnectLitmindCommand : LitmindCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string KeySet = "Key";
        private const string AddAccountSet = "AddAccount";
        private const string SessionIdSet = "SessionId";

        /// <summary>
        /// The service: a built-in name (Litmind, the default; LivePerson; RailsToken; Hypernative) or
        /// the path of a service definition file.
        /// </summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ServiceCompleter))]
        public string Service { get; set; }

        /// <summary>The user name or email, and the password.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AddAccountSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>
        /// An existing session to log this account into (Litmind's multi-user sessions). The account
        /// joins with the session's own API key, base URI and defaults; -ApiKey and -BaseUri, when
        /// given, must match them.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AddAccountSet)]
        [LitmindSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public LitmindSession Session { get; set; }

        /// <summary>Keep no credential: an expired session then fails instead of logging in again.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        public SwitchParameter NoReconnect { get; set; }

        /// <summary>The id of a session to resume without logging in.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public string SessionId { get; set; }

        /// <summary>The user id(s) logged into the resumed session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public long[] UserId { get; set; }

        /// <summary>The client id of an API key (Hypernative): connect with the key instead of a login.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>The client secret of the API key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>The Litmind API key. Defaults to $env:LITMIND_API_KEY.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public SecureString ApiKey { get; set; }

        /// <summary>
        /// The API root. Defaults to the service's own (Litmind: $env:LITMIND_BASE_URI, then
        /// https://litmind.com/api/v1; Hypernative: https://api.hypernative.xyz); LivePerson and
        /// RailsToken have none.
        /// </summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public Uri BaseUri { get; set; }

        /// <summary>The account in the service's URLs (LivePerson's account id, or site id).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        /// <summary>The organization to log into (Hypernative, for users in several organizations).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public string OrganizationId { get; set; }

        /// <summary>Values a service definition names under 'parameters', by name: @{ tenant = 'acme' }.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNull]
        public Hashtable ServiceParameter { get; set; }

        /// <summary>The session's default timeout per call, in seconds.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(1, CallOptions.MaximumTimeoutSec)]
        public int TimeoutSec { get; set; }

        /// <summary>The session's default number of retries for throttling (429) and transient faults (503).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = -1;

        /// <summary>The session's default first backoff step in seconds, when the server gives no Retry-After.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(0, 3600)]
        public int RetryIntervalSec { get; set; } = -1;

        /// <summary>Allow the API key, password, tokens and client secret over plain http to a host other than this machine.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            MaskWhatWasGiven(Session?.Engine.Service ?? ServiceCatalog.Default);
            try
            {
                if (ParameterSetName == SessionIdSet)
                {
                    Resume();
                }
                else if (ParameterSetName == AddAccountSet)
                {
                    AddAccount();
                }
                else if (ParameterSetName == KeySet)
                {
                    ConnectWithKeys();
                }
                else
                {
                    Connect();
                }
            }
            catch (LitmindException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, (object)BaseUri ?? Session?.BaseUri ?? failure.RequestUri ?? (object)Credential?.UserName));
            }
        }

        private void Connect()
        {
            var service = ResolveService();
            var parameters = ResolveParameters(service, keyMode: false);
            var baseUri = ResolveBaseUri(service);
            var secrets = ResolveSecrets(service);
            var credential = ToLoginCredential(Credential);
            var clock = Store.UtcNow;
            var engine = Run((log, token) => SessionEngine.ConnectAsync(
                service, baseUri, secrets, parameters, credential, !NoReconnect.IsPresent,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent, log, token, clock));
            var session = new LitmindSession(engine);
            Store.SetDefault(session);
            WriteObject(session);
        }

        /// <summary>Key mode: no login; every call carries the keys (Hypernative's client id and secret).</summary>
        private void ConnectWithKeys()
        {
            var service = ResolveService();
            if (service.KeyAuthorize == null)
            {
                throw Failures.InvalidArgument(Messages.ServiceHasNoKeyMode(service.Name));
            }

            var parameters = ResolveParameters(service, keyMode: true);
            var engine = SessionEngine.WithKeys(
                service, ResolveBaseUri(service), ResolveSecrets(service), parameters, null,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent, Store.UtcNow);
            StartWithoutLogin(engine);
        }

        private void AddAccount()
        {
            var session = ResolveSession(Session);
            CheckSameApi(session);
            var credential = ToLoginCredential(Credential);
            Run((log, token) => session.Engine.AddAccountAsync(credential, !NoReconnect.IsPresent, log, token));
            Store.SetDefault(session);
            WriteObject(session);
        }

        private void Resume()
        {
            var service = ResolveService();
            var parameters = ResolveParameters(service, keyMode: false);
            new ServiceInterpreter(service).CheckHandle(SessionId, "-SessionId");
            var accounts = UserId.Distinct().Select(id => new LitmindAccount(id, null, null, null));
            var engine = SessionEngine.Resume(
                service, ResolveBaseUri(service), ResolveSecrets(service), parameters, SessionId, accounts,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent, Store.UtcNow);
            StartWithoutLogin(engine);
        }

        /// <summary>A session that did not log in: its secrets are checked now, since no request has tried them.</summary>
        private void StartWithoutLogin(SessionEngine engine)
        {
            try
            {
                engine.RequireSecrets();
            }
            catch
            {
                engine.Disconnect();
                throw;
            }

            var session = new LitmindSession(engine);
            Store.SetDefault(session);
            WriteObject(session);
        }

        /// <summary>-Service as a built-in name or a definition file (relative to the current PowerShell location); Litmind when not given.</summary>
        private ServiceDefinition ResolveService()
        {
            if (Service == null)
            {
                return ServiceCatalog.Default;
            }

            return ServiceCatalog.IsPath(Service)
                ? ServiceCatalog.Load(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Service))
                : ServiceCatalog.Get(Service);
        }

        /// <summary>
        /// The service's values from -AccountId, -OrganizationId and -ServiceParameter, checked against
        /// its definition; a value or secret parameter this way of connecting never sends is refused.
        /// </summary>
        private IReadOnlyDictionary<string, object> ResolveParameters(ServiceDefinition service, bool keyMode)
        {
            var serviceParameter = (ServiceParameter ?? new Hashtable()).Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, object>(
                LanguagePrimitives.ConvertTo<string>(entry.Key),
                entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value));
            return Arguments(service).Parameters(serviceParameter, keyMode);
        }

        /// <summary>
        /// An account joins a session on that session's API with its secrets: -BaseUri and the secret
        /// parameters (-ApiKey) may be given (scripts pass them out of habit) but must not differ.
        /// </summary>
        private void CheckSameApi(LitmindSession session)
        {
            if (BaseUri != null && EndpointResolver.NormalizeBaseUri(BaseUri) != session.BaseUri)
            {
                throw Failures.InvalidArgument(Messages.JoinOtherBaseUri(BaseUri, session.BaseUri));
            }

            foreach (var secret in Arguments(session.Engine.Service).GivenSecrets())
            {
                if (!session.Engine.Secrets.Matches(secret.Key, secret.Value))
                {
                    throw Failures.InvalidArgument(Messages.JoinOtherApiKey);
                }
            }
        }

        /// <summary>-BaseUri, else the service's environment variable ($env:LITMIND_BASE_URI), else its default.</summary>
        private Uri ResolveBaseUri(ServiceDefinition service) => BaseUri ?? ServiceEnvironment.Process.BaseUri(service);

        /// <summary>The service's secrets: each from its parameter (-ApiKey) when given, else from its environment variable.</summary>
        private SecretBag ResolveSecrets(ServiceDefinition service) => Arguments(service).ResolveSecrets();

        /// <summary>
        /// Masks what this command was given or may read (each secret parameter and its environment
        /// variable, -SessionId, the password) in all it writes, also after a failed login has
        /// disposed the session's copies.
        /// </summary>
        private void MaskWhatWasGiven(ServiceDefinition service)
        {
            foreach (var secret in service.Secrets.Values)
            {
                Mask.AddToken(() => secret.Parameter != null && MyInvocation.BoundParameters.TryGetValue(secret.Parameter, out var value)
                    ? (value is SecureString secure ? SecretText.Reveal(secure) : value as string)
                    : null);
                Mask.AddToken(() => ServiceEnvironment.Process.Read(secret.Environment));
            }

            Mask.AddToken(() => SessionId);
            Mask.AddPassword(() => SecretText.Reveal(Credential?.Password));
        }

        private ConnectArguments Arguments(ServiceDefinition service) => new ConnectArguments(service, MyInvocation.BoundParameters);

        private CallOptions CallDefaults() => new CallOptions().With(TimeoutSec, MaximumRetryCount, RetryIntervalSec);

        private static LoginCredential ToLoginCredential(PSCredential credential)
        {
            if (string.IsNullOrWhiteSpace(credential.UserName))
            {
                throw Failures.InvalidArgument(Messages.CredentialWithoutUserName);
            }

            // PSCredential prefixes a domain-less name with '\' when typed as "\name" in the prompt.
            return new LoginCredential(credential.UserName.TrimStart('\\'), credential.Password.Copy());
        }
    }
}
