using System;

namespace Litmind.PowerShell.Authentication
{
    /// <summary>
    /// What a login yields that later calls need (a session id, tokens, cookies). Each flow has its
    /// own subclass; the session swaps the whole object on re-login, so readers never see a half
    /// updated state.
    /// </summary>
    internal abstract class AuthenticationState
    {
        /// <summary>A short, safe hint for display; never the secret itself.</summary>
        public abstract string Hint { get; }

        /// <summary>
        /// The handle that identifies the session on the server, for rebuilding it elsewhere
        /// (a job, another process); null when the flow cannot be resumed from a handle.
        /// </summary>
        public abstract string ResumeHandle { get; }

        /// <summary>When the flow knows the session ends (a token's exp, a TTL); null when unknown.</summary>
        public virtual DateTimeOffset? ExpiresAt => null;

        /// <summary>
        /// Set once a call succeeded with this state. A state that never worked and is refused
        /// right after a fresh login means the login did not cure the refusal: no second re-login.
        /// </summary>
        public bool Confirmed
        {
            get => confirmed;
            set => confirmed = value;
        }

        private volatile bool confirmed;

        /// <summary>Forgets the secrets this state holds.</summary>
        public abstract void Clear();
    }
}
