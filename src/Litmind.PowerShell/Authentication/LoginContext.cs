using System;

namespace Litmind.PowerShell.Authentication
{
    /// <summary>Everything a flow needs to log one account in.</summary>
    internal sealed class LoginContext
    {
        public LoginContext(Uri baseUri, Http.HttpPipeline pipeline, SessionSecrets secrets, LoginCredential credential, AuthenticationState existing, Http.CallOptions options, Http.IOperationLog log)
        {
            Options = options;
            Log = log;
            BaseUri = baseUri;
            Pipeline = pipeline;
            Secrets = secrets;
            Credential = credential;
            Existing = existing;
        }

        public Uri BaseUri { get; }

        public Http.CallOptions Options { get; }

        public Http.IOperationLog Log { get; }

        public Http.HttpPipeline Pipeline { get; }

        public SessionSecrets Secrets { get; }

        public LoginCredential Credential { get; }

        /// <summary>The session to join, or null to start a new one.</summary>
        public AuthenticationState Existing { get; }
    }

    /// <summary>What a successful login yields: the (new or joined) session state and the account.</summary>
    internal sealed class LoginOutcome
    {
        public LoginOutcome(AuthenticationState state, Sessions.LitmindAccount account)
        {
            State = state;
            Account = account;
        }

        public AuthenticationState State { get; }

        public Sessions.LitmindAccount Account { get; }
    }
}
