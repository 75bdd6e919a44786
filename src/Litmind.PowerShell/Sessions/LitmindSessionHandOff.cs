using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// What a job, another runspace or another process needs to use a session without logging in:
    /// where it points, its accounts and call defaults, and its two secrets (the server's session id
    /// and the API key), each a SecureString. Get-LitmindSession -HandOff makes one; passed to
    /// -Session, it is rebuilt into a session there. Treat it like a password.
    /// </summary>
    public sealed class LitmindSessionHandOff
    {
        internal LitmindSessionHandOff(
            string service, Uri baseUri, Guid sessionHandle, IEnumerable<LitmindAccount> accounts,
            int timeoutSec, int maximumRetryCount, int retryIntervalSec,
            SecureString serverSessionId, SecureString apiKey, bool allowUnencryptedAuthentication)
        {
            Service = service;
            BaseUri = baseUri;
            SessionHandle = sessionHandle;
            Accounts = accounts?.ToArray() ?? new LitmindAccount[0];
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            RetryIntervalSec = retryIntervalSec;
            SessionId = serverSessionId;
            ApiKey = apiKey;
            AllowUnencryptedAuthentication = allowUnencryptedAuthentication;
        }

        /// <summary>The service the session logs into.</summary>
        public string Service { get; }

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

        /// <summary>The server's session id. A SecureString: displays and ConvertTo-Json never show it.</summary>
        public SecureString SessionId { get; }

        /// <summary>The session's API key, a SecureString; null when the hand-off leaves it to the receiving side's $env:LITMIND_API_KEY.</summary>
        public SecureString ApiKey { get; }

        /// <summary>
        /// Kept only while the hand-off stays in this process (a thread of ForEach-Object -Parallel):
        /// a deserialized copy never carries it, so a rebuilt session elsewhere keeps to the
        /// transport rule whatever its data claims.
        /// </summary>
        internal bool AllowUnencryptedAuthentication { get; }

        /// <inheritdoc />
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "Hand-off of the {0} session {1} at {2}",
            Service,
            Accounts.Length == 0 ? "(no account)" : Accounts[0].ToString(),
            BaseUri);
    }
}
