using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security;
using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Hands a session over to a job, a runspace or another process, and rebuilds it there. The
    /// hand-off is data that may have been forged, so a rebuilt session keeps the transport rule
    /// (https, or http to this machine), never takes the unencrypted-authentication permission from
    /// the data, and sends an API key from the environment only to the host the environment names.
    /// </summary>
    internal static class SessionHandOff
    {
        private static readonly object Gate = new object();

        // Keyed on the hand-off object itself (the live one, or the deserialized copy a job holds):
        // a rebuilt session lives as long as that object, and a newer hand-off is a new key, so a
        // stale session id is never reused.
        private static readonly ConditionalWeakTable<object, LitmindSession> Rebuilt = new ConditionalWeakTable<object, LitmindSession>();

        private static readonly ConditionalWeakTable<LitmindSession, HandOffOrigin> Origins = new ConditionalWeakTable<LitmindSession, HandOffOrigin>();

        /// <summary>A hand-off of the session as it is now: its current session id and its API key.</summary>
        public static LitmindSessionHandOff Create(LitmindSession session)
        {
            session.ThrowIfDisconnected();
            string sessionId = session.State?.ResumeHandle;
            if (string.IsNullOrEmpty(sessionId))
            {
                throw Failures.Disconnected();
            }

            var secrets = session.Secrets;
            return new LitmindSessionHandOff(
                session.Service,
                session.BaseUri,
                session.Handle,
                session.Accounts,
                session.TimeoutSec,
                session.MaximumRetryCount,
                session.RetryIntervalSec,
                SecretText.Protect(sessionId),
                secrets.HasApiKey ? SecretText.Protect(secrets.RevealApiKey()) : null,
                session.AllowUnencryptedAuthentication);
        }

        /// <summary>
        /// The session rebuilt from the hand-off <paramref name="key"/>, rebuilding it (from what
        /// <paramref name="read"/> makes of it) the first time that object is used.
        /// </summary>
        public static LitmindSession Resolve(object key, Func<LitmindSessionHandOff> read, HandOffEnvironment environment)
        {
            lock (Gate)
            {
                if (!Rebuilt.TryGetValue(key, out var session))
                {
                    session = Rebuild(read(), environment);
                    Rebuilt.Add(key, session);
                }

                return session;
            }
        }

        /// <summary>How a rebuilt session came to be, or null for a session connected here.</summary>
        public static HandOffOrigin OriginOf(LitmindSession session) =>
            session != null && Origins.TryGetValue(session, out var origin) ? origin : null;

        internal static LitmindSession Rebuild(LitmindSessionHandOff handOff, HandOffEnvironment environment)
        {
            var accounts = handOff.Accounts.Where(a => a != null && a.Id != 0).ToArray();
            if (handOff.BaseUri == null || handOff.SessionId == null || handOff.SessionId.Length == 0 || accounts.Length == 0)
            {
                throw Failures.InvalidArgument(Messages.HandOffIncomplete);
            }

            var baseUri = EndpointResolver.NormalizeBaseUri(handOff.BaseUri);
            if (!handOff.AllowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(baseUri))
            {
                throw new LitmindException(ErrorIds.InsecureTransport, LitmindErrorKind.InvalidArgument, Messages.HandOffInsecureTransport(baseUri)) { RequestUri = baseUri };
            }

            string host = baseUri.GetLeftPart(UriPartial.Authority);
            SecureString apiKey;
            HandOffOrigin origin;
            if (handOff.ApiKey != null && handOff.ApiKey.Length > 0)
            {
                apiKey = handOff.ApiKey.Copy();
                origin = new HandOffOrigin(Messages.HandOffKeyFromHandOff(host), null);
            }
            else if (environment.ApiKeyFor(baseUri) is SecureString fromEnvironment)
            {
                apiKey = fromEnvironment;
                origin = new HandOffOrigin(Messages.HandOffKeyFromEnvironment(host), null);
            }
            else
            {
                apiKey = null;
                var missing = new LitmindException(ErrorIds.MissingApiKey, LitmindErrorKind.InvalidArgument, environment.WhyNoKeyFor(baseUri));
                origin = new HandOffOrigin(Messages.HandOffWithoutKey(host), missing);
            }

            // Out-of-range values (data can say anything) keep the defaults or the cmdlets' bounds.
            var defaults = new CallOptions().With(handOff.TimeoutSec, Math.Min(100, handOff.MaximumRetryCount), Math.Min(3600, handOff.RetryIntervalSec));
            var session = SessionLogin.Resume(
                LitmindLoginFlow.Instance,
                baseUri,
                new SessionSecrets(apiKey),
                SecretText.Reveal(handOff.SessionId),
                accounts,
                defaults,
                handOff.AllowUnencryptedAuthentication);
            Origins.Add(session, origin);
            return session;
        }
    }

    /// <summary>
    /// What the receiving side's environment offers a rebuilt session: $env:LITMIND_API_KEY, and the
    /// API root it belongs to ($env:LITMIND_BASE_URI, else the service's default).
    /// </summary>
    internal sealed class HandOffEnvironment
    {
        private readonly string apiKey;
        private readonly Uri keyBaseUri;

        /// <param name="apiKey">The API key the environment holds, or null.</param>
        /// <param name="keyBaseUri">The API root the environment names for that key; null when it names none that can be read.</param>
        public HandOffEnvironment(string apiKey, Uri keyBaseUri)
        {
            this.apiKey = apiKey;
            this.keyBaseUri = keyBaseUri;
        }

        /// <summary>The environment's API key when it belongs to the host of <paramref name="baseUri"/>, else null.</summary>
        public SecureString ApiKeyFor(Uri baseUri) =>
            !string.IsNullOrEmpty(apiKey) && BelongsTo(baseUri) ? SecretText.Protect(apiKey) : null;

        /// <summary>Why the environment gives no key for <paramref name="baseUri"/>.</summary>
        public string WhyNoKeyFor(Uri baseUri) =>
            string.IsNullOrEmpty(apiKey)
                ? Messages.HandOffNoKeyAnywhere
                : Messages.HandOffKeyForOtherHost(baseUri.GetLeftPart(UriPartial.Authority), keyBaseUri?.GetLeftPart(UriPartial.Authority));

        private bool BelongsTo(Uri baseUri) =>
            keyBaseUri != null
            && Uri.Compare(keyBaseUri, baseUri, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>How a rebuilt session authenticates (for verbose output) and what stops it before any call.</summary>
    internal sealed class HandOffOrigin
    {
        public HandOffOrigin(string description, LitmindException failure)
        {
            Description = description;
            Failure = failure;
        }

        /// <summary>Which host the session authenticates to, and with which API key; never the key.</summary>
        public string Description { get; }

        /// <summary>The failure every use of the session reports before sending, or null.</summary>
        public LitmindException Failure { get; }
    }
}
