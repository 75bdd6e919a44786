using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// What a job, another runspace or another process needs to use a session without logging in:
    /// its service (and the definition file of a service of your own), where it points, its
    /// accounts, service values and call defaults, and its secrets (the server's session id, the
    /// other tokens the session keeps, the API key or the client id and secret), each a SecureString.
    /// Get-LitmindSession -HandOff makes one; passed to -Session, it is rebuilt into a session there.
    /// Treat it like a password.
    /// </summary>
    public sealed class LitmindSessionHandOff
    {
        internal LitmindSessionHandOff(
            string service, Uri baseUri, Guid sessionHandle, IEnumerable<LitmindAccount> accounts,
            int timeoutSec, int maximumRetryCount, int retryIntervalSec,
            SecureString serverSessionId, SecureString apiKey, bool allowUnencryptedAuthentication,
            string serviceFile = null, Hashtable tokens = null, DateTime? expiresAt = null,
            SecureString clientId = null, SecureString clientSecret = null, Hashtable parameters = null, bool keyMode = false)
        {
            Service = service;
            ServiceFile = serviceFile;
            BaseUri = baseUri;
            SessionHandle = sessionHandle;
            Accounts = accounts?.ToArray() ?? new LitmindAccount[0];
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            RetryIntervalSec = retryIntervalSec;
            SessionId = serverSessionId;
            Tokens = tokens ?? new Hashtable();
            ExpiresAt = expiresAt;
            ApiKey = apiKey;
            ClientId = clientId;
            ClientSecret = clientSecret;
            Parameters = parameters ?? new Hashtable();
            KeyMode = keyMode;
            AllowUnencryptedAuthentication = allowUnencryptedAuthentication;
        }

        /// <summary>The service the session logs into.</summary>
        public string Service { get; }

        /// <summary>The definition file of a service of your own (-Service path), read again where the session is rebuilt; null for a built-in service.</summary>
        public string ServiceFile { get; }

        /// <summary>The API root of the session.</summary>
        public Uri BaseUri { get; }

        /// <summary>The Handle of the session this hand-off was made from.</summary>
        public Guid SessionHandle { get; }

        /// <summary>The accounts logged into the session, the primary account first.</summary>
        public LitmindAccount[] Accounts { get; }

        /// <summary>The session's default timeout, in seconds.</summary>
        public int TimeoutSec { get; }

        /// <summary>The session's default number of retries.</summary>
        public int MaximumRetryCount { get; }

        /// <summary>The session's default first backoff step, in seconds.</summary>
        public int RetryIntervalSec { get; }

        /// <summary>The server's session id (Litmind's), where the service has one. A SecureString: displays and ConvertTo-Json never show it.</summary>
        public SecureString SessionId { get; }

        /// <summary>The other values the session keeps from its login (a bearer, a csrf token, a cookie, a JWT), by name, each a SecureString.</summary>
        public Hashtable Tokens { get; }

        /// <summary>When the tokens end (UTC), where the service says; the rebuilt session renews ahead of it where the service can refresh.</summary>
        public DateTime? ExpiresAt { get; }

        /// <summary>The session's API key, a SecureString; null when the hand-off leaves it to the receiving side's environment ($env:LITMIND_API_KEY).</summary>
        public SecureString ApiKey { get; }

        /// <summary>The client id of a session in key mode (Hypernative), a SecureString.</summary>
        public SecureString ClientId { get; }

        /// <summary>The client secret of a session in key mode, a SecureString.</summary>
        public SecureString ClientSecret { get; }

        /// <summary>The service values the session was connected with (-AccountId, -OrganizationId, -ServiceParameter), by name.</summary>
        public Hashtable Parameters { get; }

        /// <summary>Whether the session calls with its keys (-ClientId, -ClientSecret) instead of a login's tokens.</summary>
        public bool KeyMode { get; }

        /// <summary>
        /// Kept only while the hand-off stays in this process (a thread of ForEach-Object -Parallel):
        /// a deserialized copy never carries it, so a rebuilt session elsewhere keeps to the
        /// transport rule whatever its data claims.
        /// </summary>
        internal bool AllowUnencryptedAuthentication { get; }

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
