using System;
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
    /// Logs in to Litmind and makes the session this runspace's default; with -Session, logs another
    /// account into that session; with -SessionId, resumes a session without logging in.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Litmind", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(LitmindSession))]
    public sealed class ConnectLitmindCommand : LitmindCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string AddAccountSet = "AddAccount";
        private const string SessionIdSet = "SessionId";

        /// <summary>The Litmind user name or email, and the password.</summary>
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

        /// <summary>The Litmind API key. Defaults to $env:LITMIND_API_KEY.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public SecureString ApiKey { get; set; }

        /// <summary>The API root. Defaults to $env:LITMIND_BASE_URI, then the service's own (https://litmind.com/api/v1).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public Uri BaseUri { get; set; }

        /// <summary>The session's default timeout per call, in seconds.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(1, CallOptions.MaximumTimeoutSec)]
        public int TimeoutSec { get; set; }

        /// <summary>The session's default number of retries for throttling (429) and transient faults (503).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = -1;

        /// <summary>The session's default first backoff step in seconds, when the server gives no Retry-After.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(0, 3600)]
        public int RetryIntervalSec { get; set; } = -1;

        /// <summary>Allow the API key, password and session id over plain http to a host other than this machine.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
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
            var service = ServiceCatalog.Default;
            var baseUri = ResolveBaseUri(service);
            var secrets = ResolveSecrets(service);
            var credential = ToLoginCredential(Credential);
            var engine = Run((log, token) => SessionEngine.ConnectAsync(
                service, baseUri, secrets, null, credential, !NoReconnect.IsPresent,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent, log, token));
            var session = new LitmindSession(engine);
            Store.SetDefault(session);
            WriteObject(session);
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
            var service = ServiceCatalog.Default;
            new ServiceInterpreter(service).CheckHandle(SessionId, "-SessionId");
            var accounts = UserId.Distinct().Select(id => new LitmindAccount(id, null, null, null));
            var engine = SessionEngine.Resume(
                service, ResolveBaseUri(service), ResolveSecrets(service), null, SessionId, accounts,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent);
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

            foreach (var secret in GivenSecrets(session.Engine.Service))
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
        private SecretBag ResolveSecrets(ServiceDefinition service)
        {
            var given = GivenSecrets(service).ToDictionary(pair => pair.Key, pair => pair.Value);
            var secrets = SecretBag.Resolve(service, secret => given.TryGetValue(secret.Name, out var value) ? value : null, ServiceEnvironment.Process);
            try
            {
                new ServiceInterpreter(service).CheckSecrets(secrets, secret => given.ContainsKey(secret.Name) ? "-" + secret.Parameter : "$env:" + secret.Environment);
            }
            catch
            {
                secrets.Dispose();
                throw;
            }

            return secrets;
        }

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

        /// <summary>The secrets bound to this command's parameters (a SecureString, or a string such as a client id), by the names the service gives them.</summary>
        private IEnumerable<KeyValuePair<string, SecureString>> GivenSecrets(ServiceDefinition service) =>
            service.Secrets.Values
                .Where(secret => secret.Parameter != null && MyInvocation.BoundParameters.ContainsKey(secret.Parameter))
                .Select(secret => new KeyValuePair<string, SecureString>(secret.Name, AsSecureString(MyInvocation.BoundParameters[secret.Parameter])))
                .Where(pair => pair.Value != null && pair.Value.Length > 0);

        private static SecureString AsSecureString(object value) =>
            value as SecureString ?? (value is string text && text.Length > 0 ? SecretText.Protect(text) : null);

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
