using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
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
        /// <summary>The default API root when neither -BaseUri nor $env:LITMIND_BASE_URI is given.</summary>
        public const string DefaultBaseUri = "https://litmind.com/api/v1";

        /// <summary>The environment variable -ApiKey falls back to.</summary>
        public const string ApiKeyVariable = "LITMIND_API_KEY";

        /// <summary>The environment variable -BaseUri falls back to.</summary>
        public const string BaseUriVariable = "LITMIND_BASE_URI";

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

        /// <summary>The Litmind API key (X-Key). Defaults to $env:LITMIND_API_KEY.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AddAccountSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        public SecureString ApiKey { get; set; }

        /// <summary>The API root. Defaults to $env:LITMIND_BASE_URI, then https://litmind.com/api/v1.</summary>
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
            Mask.AddToken(() => SecretText.Reveal(ApiKey));
            Mask.AddToken(() => Environment.GetEnvironmentVariable(ApiKeyVariable));
            Mask.AddToken(() => SessionId);
            Mask.AddPassword(() => SecretText.Reveal(Credential?.Password));
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
            var baseUri = ResolveBaseUri();
            var secrets = ResolveSecrets();
            var credential = ToLoginCredential(Credential);
            var session = Run((log, token) => SessionLogin.ConnectAsync(
                LitmindLoginFlow.Instance, baseUri, secrets, credential, !NoReconnect.IsPresent,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent, log, token));
            Store.SetDefault(session);
            WriteObject(session);
        }

        private void AddAccount()
        {
            var session = ResolveSession(Session);
            CheckSameApi(session);
            var credential = ToLoginCredential(Credential);
            Run((log, token) => SessionLogin.AddAccountAsync(session, credential, !NoReconnect.IsPresent, log, token));
            Store.SetDefault(session);
            WriteObject(session);
        }

        private void Resume()
        {
            HeaderRules.CheckValue(SessionId, "-SessionId");
            var accounts = UserId.Distinct().Select(id => new LitmindAccount(id, null, null, null));
            var session = SessionLogin.Resume(
                LitmindLoginFlow.Instance, ResolveBaseUri(), ResolveSecrets(), SessionId, accounts,
                CallDefaults(), AllowUnencryptedAuthentication.IsPresent);
            Store.SetDefault(session);
            WriteObject(session);
        }

        /// <summary>
        /// An account joins a session on that session's API with its key: -BaseUri and -ApiKey may be
        /// given (scripts pass them out of habit) but must not point elsewhere.
        /// </summary>
        private void CheckSameApi(LitmindSession session)
        {
            if (BaseUri != null && EndpointResolver.NormalizeBaseUri(BaseUri) != session.BaseUri)
            {
                throw Failures.InvalidArgument(Messages.JoinOtherBaseUri(BaseUri, session.BaseUri));
            }

            if (ApiKey != null && ApiKey.Length > 0 && !string.Equals(SecretText.Reveal(ApiKey), session.Secrets.RevealApiKey(), StringComparison.Ordinal))
            {
                throw Failures.InvalidArgument(Messages.JoinOtherApiKey);
            }
        }

        private Uri ResolveBaseUri()
        {
            if (BaseUri != null)
            {
                return BaseUri;
            }

            string fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return new Uri(DefaultBaseUri);
            }

            if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out var uri))
            {
                throw Failures.InvalidArgument(Messages.BaseUriNotAbsolute(fromEnvironment));
            }

            return uri;
        }

        private SessionSecrets ResolveSecrets()
        {
            var key = ApiKey;
            if (key == null || key.Length == 0)
            {
                string fromEnvironment = Environment.GetEnvironmentVariable(ApiKeyVariable);
                if (string.IsNullOrEmpty(fromEnvironment))
                {
                    throw Failures.MissingApiKey();
                }

                HeaderRules.CheckValue(fromEnvironment, "$env:" + ApiKeyVariable);
                return new SessionSecrets(SecretText.Protect(fromEnvironment));
            }

            HeaderRules.CheckValue(SecretText.Reveal(key), "-ApiKey");
            return new SessionSecrets(key.Copy());
        }

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
