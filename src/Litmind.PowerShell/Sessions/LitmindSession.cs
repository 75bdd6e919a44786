using System;
using System.Collections.Generic;
using System.Globalization;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// A logged-in session: where it points, the accounts logged into it and how healthy it is. The
    /// secrets it holds (API key, tokens, credentials for re-login) live in its engine and are never
    /// shown: its display, ToString and serialized form carry only a short hint of the session id.
    /// To hand it to a job or another process, use Get-LitmindSession -HandOff.
    /// Safe to use from many runspaces at once.
    /// </summary>
    public sealed class LitmindSession
    {
        internal LitmindSession(SessionEngine engine, Guid? handle = null)
        {
            Engine = engine;
            Handle = handle ?? Guid.NewGuid();
        }

        /// <summary>A local handle that identifies this session object (not the server's session id).</summary>
        public Guid Handle { get; }

        /// <summary>The service this session logs into.</summary>
        public string Service => Engine.Service.Name;

        /// <summary>The API root every -Path is relative to.</summary>
        public Uri BaseUri => Engine.BaseUri;

        /// <summary>The user name of the primary account (the first one logged in).</summary>
        public string UserName => Engine.PrimaryAccount?.Username;

        /// <summary>The user id of the primary account.</summary>
        public long UserId => Engine.PrimaryAccount?.Id ?? 0;

        /// <summary>Every account of this session, in login order (then those the server listed).</summary>
        public IReadOnlyList<LitmindAccount> Accounts => Engine.Accounts;

        /// <summary>The first characters of the session id, enough to tell sessions apart; never the whole id.</summary>
        public string SessionIdHint => Engine.Current?.Hint ?? string.Empty;

        /// <summary>When this session object was created.</summary>
        public DateTimeOffset CreatedAt => Engine.CreatedAt;

        /// <summary>When a call last used this session.</summary>
        public DateTimeOffset LastUsedAt => Engine.LastUsedAt.ToLocalTime();

        /// <summary>The HTTP status of the last answer, or 0 before any call.</summary>
        public int LastStatusCode => Engine.LastStatusCode;

        /// <summary>How many times the session expired and was logged in again on its own.</summary>
        public int ReconnectCount => Engine.ReconnectCount;

        /// <summary>Whether the session holds the credentials to log in again when it expires.</summary>
        public bool CanReconnect => Engine.CanReconnect;

        /// <summary>False once Disconnect-Litmind has cleared the session.</summary>
        public bool IsConnected => Engine.IsConnected;

        /// <summary>The default timeout of a call, in seconds.</summary>
        public int TimeoutSec => (int)Math.Ceiling(Defaults.Timeout.TotalSeconds);

        /// <summary>The default number of retries for throttled and transient failures.</summary>
        public int MaximumRetryCount => Defaults.MaximumRetryCount;

        /// <summary>The default first backoff step, in seconds.</summary>
        public int RetryIntervalSec => (int)Math.Ceiling(Defaults.RetryInterval.TotalSeconds);

        /// <summary>Whether the user allowed secrets over plain http to a host other than this machine.</summary>
        public bool AllowUnencryptedAuthentication => Engine.AllowUnencryptedAuthentication;

        /// <summary>The engine that logs in, renews and sends calls for this session.</summary>
        internal SessionEngine Engine { get; }

        internal CallOptions Defaults => Engine.Defaults;

        /// <inheritdoc />
        public override string ToString()
        {
            string hint = SessionIdHint;
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} session {1}{2} at {3}",
                Service,
                UserName ?? (Engine.PrimaryAccount?.TypeTitle is string type ? "(" + type + ")" : "(no account)"),
                string.IsNullOrEmpty(hint) ? string.Empty : " [" + hint + "]",
                BaseUri);
        }
    }
}
