using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
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
        private const string AddAccountSet = "AddAccount";
        private const string SessionIdSet = "SessionId";

        /// <summary>
        /// The service: a built-in name (Litmind, the default; LivePerson; RailsToken; Hypernative) or
        /// the path of a service definition file.
        /// </summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ServiceCompleter))]
        public string Service { get; set; }

        /// <summary>
        /// The user name or email, and the password. Without it, keys given (-ApiKey, -ClientId,
        /// -ClientSecret) connect in key mode, as a service with no login does; else it is asked for.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = CredentialSet)]
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

        /// <summary>The id(s) of the accounts logged into the resumed session, as the service has ids (whole numbers for Litmind).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public object[] UserId { get; set; }

        /// <summary>The client id of an API key (Hypernative): connect with the key instead of a login.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>The client secret of the API key.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>The Litmind API key. Defaults to $env:LITMIND_API_KEY.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public SecureString ApiKey { get; set; }

        /// <summary>
        /// The API root. Defaults to the service's own (Litmind: $env:LITMIND_BASE_URI, then
        /// https://litmind.com/api/v1; Hypernative: https://api.hypernative.xyz); LivePerson and
        /// RailsToken have none.
        /// </summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public Uri BaseUri { get; set; }

        /// <summary>The account in the service's URLs (LivePerson's account id, or site id).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; }

        /// <summary>The organization to log into (Hypernative, for users in several organizations).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNullOrEmpty]
        public string OrganizationId { get; set; }

        /// <summary>Values a service definition names under 'parameters', by name: @{ tenant = 'acme' }.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateNotNull]
        public Hashtable ServiceParameter { get; set; }

        /// <summary>The session's default timeout per call, in seconds.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(1, CallOptions.MaximumTimeoutSec)]
        public int TimeoutSec { get; set; }

        /// <summary>The session's default number of retries for throttling (429) and transient faults (503; 502 and 504 for idempotent methods).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = -1;

        /// <summary>The session's default first backoff step in seconds, when the server gives no Retry-After.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(0, 3600)]
        public int RetryIntervalSec { get; set; } = -1;

        /// <summary>Allow the API key, password, tokens and client secret over plain http to a host other than this machine.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            // The service comes first: what is a secret, and what to mask, is the service's to say.
            CompiledService service = null;
            LitmindSession joined = null;
            try
            {
                joined = ParameterSetName == AddAccountSet ? ResolveSession(Session) : null;
                service = joined?.CompiledService ?? ResolveService();
            }
            catch (LitmindException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, (object)Service ?? MyInvocation.MyCommand.Name));
            }

            MaskWhatWasGiven(service);
            try
            {
                var session = ParameterSetName == SessionIdSet ? Resume(service)
                    : ParameterSetName == AddAccountSet ? AddAccount(joined)
                    : UsesKeys(service) ? ConnectWithKeys(service)
                    : Connect(service);
                Store.SetDefault(session);
                WriteObject(session);
            }
            catch (LitmindException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, (object)BaseUri ?? Session?.BaseUri ?? failure.RequestUri ?? (object)Credential?.UserName));
            }
        }

        private LitmindSession Connect(CompiledService service)
        {
            if (service.Definition.Login == null)
            {
                throw Failures.InvalidArgument(Messages.ServiceHasNoLogin(service.Name));
            }

            var given = Credential ?? AskForCredential(service);
            var settings = Settings(service, keyMode: false);
            var credential = ToLoginCredential(given);
            return Run((log, token) => SessionFactory.ConnectAsync(settings, credential, !NoReconnect.IsPresent, log, token));
        }

        /// <summary>
        /// Whether the user connects with keys instead of a login: no -Credential, and either a key
        /// given as a parameter or a service with no login at all. A service that has both asks for
        /// the credential when nothing says keys, as an admin typing Connect-Litmind expects.
        /// </summary>
        private bool UsesKeys(CompiledService service) =>
            Credential == null
            && (ClientId != null || ClientSecret != null
                || (service.Definition.KeyAuthorize != null && (ApiKey != null || service.Definition.Login == null)));

        /// <summary>Key mode: no login; every call carries the keys (an API key, Hypernative's client id and secret).</summary>
        private LitmindSession ConnectWithKeys(CompiledService service)
        {
            if (service.Definition.KeyAuthorize == null)
            {
                throw Failures.InvalidArgument(Messages.ServiceHasNoKeyMode(service.Name));
            }

            return SessionFactory.WithKeys(Settings(service, keyMode: true), null);
        }

        /// <summary>
        /// The credential of a login nobody gave one for: asked for as PowerShell asks for a
        /// mandatory one, where a user can answer; a runbook is told to pass it instead of waiting.
        /// </summary>
        private PSCredential AskForCredential(CompiledService service)
        {
            PSCredential asked = null;
            try
            {
                asked = Host?.UI?.PromptForCredential(MyInvocation.MyCommand.Name, Messages.CredentialPrompt(service.Name), null, null);
            }
            catch (Exception ex) when (ex is NotImplementedException || ex is System.Management.Automation.Host.HostException || ex is PSInvalidOperationException || ex is InvalidOperationException)
            {
                // No one to ask (a runbook, -NonInteractive, a host without a UI).
            }

            return asked ?? throw Failures.InvalidArgument(Messages.CredentialNotGiven(service.Name));
        }

        private LitmindSession AddAccount(LitmindSession session)
        {
            session.CheckJoinedWith(BaseUri, Arguments(session.CompiledService).GivenSecrets());
            var credential = ToLoginCredential(Credential);
            Run((log, token) => session.AddAccountAsync(credential, !NoReconnect.IsPresent, log, token));
            return session;
        }

        private LitmindSession Resume(CompiledService service)
        {
            service.CheckHandle(SessionId, "-SessionId");
            var accounts = UserId.Select(id => ResumedAccountId(service, id)).Distinct().Select(id => new LitmindAccount(id, null, null, null)).ToList();
            return SessionFactory.Resume(Settings(service, keyMode: false), SessionId, accounts);
        }

        /// <summary>
        /// What the session is made with, checked in the order that sends and copies nothing
        /// before it must: the service's values, the base URI and its transport, then the secrets
        /// (copied last, owned by the session from here on).
        /// </summary>
        private SessionSettings Settings(CompiledService service, bool keyMode)
        {
            var arguments = Arguments(service);
            var parameters = arguments.Parameters(keyMode);
            var baseUri = SessionFactory.CheckBaseUri(BaseUri ?? ServiceEnvironment.Process.BaseUri(service.Definition), AllowUnencryptedAuthentication.IsPresent);
            return new SessionSettings(service, baseUri, arguments.ResolveSecrets(baseUri, ServiceEnvironment.Process, keyMode))
            {
                Parameters = parameters,
                Defaults = new CallOptions().With(TimeoutSec, MaximumRetryCount, RetryIntervalSec),
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication.IsPresent,
                Clock = Store.UtcNow,
            };
        }

        /// <summary>-Service as a built-in name or a definition file (relative to the current PowerShell location); Litmind when not given.</summary>
        private CompiledService ResolveService()
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
        /// Masks what this command was given or may read for the service (each secret parameter and
        /// its environment variable, -SessionId, the password) in all it writes, also after a failed
        /// login has disposed the session's copies.
        /// </summary>
        private void MaskWhatWasGiven(CompiledService service)
        {
            if (service != null)
            {
                var values = Values();
                foreach (var secret in service.Definition.Secrets.Values)
                {
                    Mask.AddToken(() => secret.Parameter == null ? null : values.For(secret.Parameter) is SecureString secure ? SecretText.Reveal(secure) : values.For(secret.Parameter) as string);
                    Mask.AddToken(() => ServiceEnvironment.Process.Read(secret.Environment));
                }
            }

            Mask.AddToken(() => SessionId);
            Mask.AddPassword(() => SecretText.Reveal(Credential?.Password));
        }

        private ConnectArguments Arguments(CompiledService service) => new ConnectArguments(service, Values());

        /// <summary>The parameters a service definition may bind, as typed values.</summary>
        private ConnectValues Values() => new ConnectValues
        {
            ApiKey = ApiKey,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AccountId = AccountId,
            OrganizationId = OrganizationId,
            ServiceParameter = (ServiceParameter ?? new Hashtable()).Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, object>(
                LanguagePrimitives.ConvertTo<string>(entry.Key),
                entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value)).ToList(),
        };

        /// <summary>An id -UserId gives for a resumed session, as the service has ids: a whole number must be positive.</summary>
        private static object ResumedAccountId(CompiledService service, object given)
        {
            var raw = given is PSObject wrapped ? wrapped.BaseObject : given;
            var id = service.Accounts.Id(raw);
            bool number = service.Definition.Accounts?.StringIds != true;
            return id == null || (number && (long)id < 1)
                ? throw Failures.InvalidArgument(Messages.NotAnAccountId(System.Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), service.Name, !number) + (number ? " " + Messages.AccountIdsArePositive : string.Empty))
                : id;
        }

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
