using System;
using System.Collections;
using System.Globalization;
using System.Security;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// What a job, another runspace or another process needs to use a session without logging in:
    /// its service (and the definition of a service of your own), where it points, its accounts,
    /// service values and call defaults, and its secrets (the server's session id, the other tokens
    /// the session keeps, the API key or the client id and secret), each a SecureString.
    /// Get-LitmindSession -HandOff makes one; passed to -Session, it is rebuilt into a session there.
    /// Treat it like a password.
    /// </summary>
    public sealed class LitmindSessionHandOff
    {
        internal LitmindSessionHandOff()
        {
        }

        /// <summary>The service the session logs into.</summary>
        public string Service { get; internal set; }

        /// <summary>
        /// The definition of a service of your own (-Service path), as it was validated when the
        /// session connected: the session is rebuilt from this text, never from a file. Null for a
        /// built-in service.
        /// </summary>
        public string ServiceDefinition { get; internal set; }

        /// <summary>The API root of the session.</summary>
        public Uri BaseUri { get; internal set; }

        /// <summary>The Handle of the session this hand-off was made from.</summary>
        public Guid SessionHandle { get; internal set; }

        /// <summary>The accounts logged into the session, the primary account first.</summary>
        public LitmindAccount[] Accounts { get; internal set; } = new LitmindAccount[0];

        /// <summary>The session's default timeout, in seconds.</summary>
        public int TimeoutSec { get; internal set; }

        /// <summary>The session's default number of retries.</summary>
        public int MaximumRetryCount { get; internal set; } = -1;

        /// <summary>The session's default first backoff step, in seconds.</summary>
        public int RetryIntervalSec { get; internal set; } = -1;

        /// <summary>The server's session id (Litmind's), where the service has one. A SecureString: displays and ConvertTo-Json never show it.</summary>
        public SecureString SessionId { get; internal set; }

        /// <summary>The other values the session keeps from its login (a bearer, a csrf token, a cookie, a JWT), by name, each a SecureString.</summary>
        public Hashtable Tokens { get; internal set; } = new Hashtable();

        /// <summary>When the tokens end (UTC), where the service says; the rebuilt session renews ahead of it where the service can refresh.</summary>
        public DateTime? ExpiresAt { get; internal set; }

        /// <summary>The session's API key, a SecureString; null when the hand-off leaves it to the receiving side's environment ($env:LITMIND_API_KEY).</summary>
        public SecureString ApiKey { get; internal set; }

        /// <summary>The client id of a session in key mode (Hypernative), a SecureString.</summary>
        public SecureString ClientId { get; internal set; }

        /// <summary>The client secret of a session in key mode, a SecureString.</summary>
        public SecureString ClientSecret { get; internal set; }

        /// <summary>The service's other domains the session may call (-Domain), each host[:port] by name.</summary>
        public Hashtable Domains { get; internal set; } = new Hashtable();

        /// <summary>The service values the session was connected with (-AccountId, -OrganizationId, -ServiceParameter), by name.</summary>
        public Hashtable Parameters { get; internal set; } = new Hashtable();

        /// <summary>Whether the session calls with its keys (-ClientId, -ClientSecret) instead of a login's tokens.</summary>
        public bool KeyMode { get; internal set; }

        /// <summary>
        /// Kept only while the hand-off stays in this process (a thread of ForEach-Object -Parallel):
        /// a deserialized copy never carries it, so a rebuilt session elsewhere keeps to the
        /// transport rule whatever its data claims.
        /// </summary>
        internal bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>The secret the hand-off carries for a Connect-Litmind parameter (ApiKey, ClientId, ClientSecret); null when it carries none.</summary>
        internal SecureString SecretFor(string parameter) =>
            parameter == nameof(ApiKey) ? ApiKey : parameter == nameof(ClientId) ? ClientId : parameter == nameof(ClientSecret) ? ClientSecret : null;

        /// <inheritdoc />
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "Hand-off of the {0} session {1} at {2}",
            Service,
            Accounts.Length == 0 ? "(no account)" : Accounts[0].ToString(),
            BaseUri);
    }
}
