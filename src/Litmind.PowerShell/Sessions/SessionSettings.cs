using System;
using System.Collections.Generic;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// What a session is made with, whichever way it starts (a login, a resumed session id, a
    /// hand-off, API keys): checked and resolved before anything is sent. The session owns the
    /// secrets from the moment it is made.
    /// </summary>
    internal sealed class SessionSettings
    {
        public SessionSettings(CompiledService service, Uri baseUri, SecretBag secrets)
        {
            Service = service ?? throw new ArgumentNullException(nameof(service));
            BaseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
            Secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        }

        public CompiledService Service { get; }

        /// <summary>The API root every call is relative to, normalized to end with '/'.</summary>
        public Uri BaseUri { get; }

        public SecretBag Secrets { get; }

        /// <summary>The service values (an account id, an organization), by the names the definition gives them.</summary>
        public IReadOnlyDictionary<string, object> Parameters { get; set; } = new Dictionary<string, object>();

        /// <summary>The timeout and retries of a call that gives none.</summary>
        public CallOptions Defaults { get; set; } = new CallOptions();

        /// <summary>Whether the user allowed secrets over plain http to a host other than this machine.</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>Whether calls carry the service's keys instead of a login's tokens.</summary>
        public bool KeyMode { get; set; }

        /// <summary>The clock the session plans renewals by (the system's, unless a test moves time).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = SystemClock;

        /// <summary>The system's clock.</summary>
        public static Func<DateTimeOffset> SystemClock { get; } = () => DateTimeOffset.UtcNow;
    }
}
