using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security;
using Litmind.PowerShell.Auth;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Hands a session over to a job, a runspace or another process, and rebuilds it there through
    /// the session engine, by the service definition the hand-off names. The hand-off is data that
    /// may have been forged, so a rebuilt session keeps the transport rule (https, or http to this
    /// machine), never takes the unencrypted-authentication permission from the data, and sends a
    /// secret from the environment only to the host the environment names.
    /// </summary>
    internal static class SessionHandOff
    {
        private static readonly object Gate = new object();

        // Keyed on the hand-off object itself (the live one, or the deserialized copy a job holds):
        // a rebuilt session lives as long as that object, and a newer hand-off is a new key, so a
        // stale session id is never reused.
        private static readonly ConditionalWeakTable<object, LitmindSession> Rebuilt = new ConditionalWeakTable<object, LitmindSession>();

        private static readonly ConditionalWeakTable<LitmindSession, HandOffOrigin> Origins = new ConditionalWeakTable<LitmindSession, HandOffOrigin>();

        /// <summary>A hand-off of the session as it is now: its current handle (the server's session id) and its API key.</summary>
        public static LitmindSessionHandOff Create(LitmindSession session)
        {
            var engine = session.Engine;
            engine.ThrowIfDisconnected();
            if (engine.Service.Handle == null)
            {
                throw Failures.InvalidArgument(Messages.CannotResume(engine.Service.Name));
            }

            string handle = engine.Current?.Handle;
            if (string.IsNullOrEmpty(handle))
            {
                throw Failures.Disconnected();
            }

            var carried = CarriedSecret(engine.Service);
            string apiKey = carried == null ? null : engine.Secrets.Reveal(carried.Name);
            return new LitmindSessionHandOff(
                session.Service,
                session.BaseUri,
                session.Handle,
                session.Accounts,
                session.TimeoutSec,
                session.MaximumRetryCount,
                session.RetryIntervalSec,
                SecretText.Protect(handle),
                apiKey == null ? null : SecretText.Protect(apiKey),
                session.AllowUnencryptedAuthentication);
        }

        /// <summary>
        /// The session rebuilt from the hand-off <paramref name="key"/>, rebuilding it (from what
        /// <paramref name="read"/> makes of it) the first time that object is used.
        /// </summary>
        public static LitmindSession Resolve(object key, Func<LitmindSessionHandOff> read, ServiceEnvironment environment)
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

        internal static LitmindSession Rebuild(LitmindSessionHandOff handOff, ServiceEnvironment environment)
        {
            // Only a built-in service: the data never names a definition file to load.
            var service = ServiceCatalog.Get(string.IsNullOrEmpty(handOff.Service) ? ServiceCatalog.DefaultName : handOff.Service);
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

            var carried = CarriedSecret(service);
            bool carriesKey = carried != null && handOff.ApiKey != null && handOff.ApiKey.Length > 0;
            Uri keyBaseUri = EnvironmentBaseUri(service, environment);
            bool environmentNamesHost = keyBaseUri != null
                && Uri.Compare(keyBaseUri, baseUri, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
            var secrets = SecretBag.Resolve(
                service,
                secret => carriesKey && secret == carried ? handOff.ApiKey : null,
                environmentNamesHost ? environment : null);

            string host = baseUri.GetLeftPart(UriPartial.Authority);
            HandOffOrigin origin;
            if (carried == null)
            {
                origin = new HandOffOrigin(Messages.HandOffAuthenticatesTo(host), null);
            }
            else if (carriesKey)
            {
                origin = new HandOffOrigin(Messages.HandOffKeyFromHandOff(host, carried.Label), null);
            }
            else if (secrets.Has(carried.Name))
            {
                origin = new HandOffOrigin(Messages.HandOffKeyFromEnvironment(host, carried.Label, carried.Environment), null);
            }
            else
            {
                var missing = new LitmindException(ErrorIds.MissingApiKey, LitmindErrorKind.InvalidArgument, WhyNoKey(service, carried, environment, host, keyBaseUri));
                origin = new HandOffOrigin(Messages.HandOffWithoutKey(host, carried.Label), missing);
            }

            // A value that would go into a header and cannot (a line break there adds headers) stops
            // every use of the session before anything is sent, as a missing key does.
            string handle = SecretText.Reveal(handOff.SessionId);
            try
            {
                var interpreter = new ServiceInterpreter(service);
                interpreter.CheckHandle(handle, Messages.HandOffValue(nameof(LitmindSessionHandOff.SessionId)));
                interpreter.CheckSecrets(secrets, secret => carriesKey && secret == carried ? Messages.HandOffValue(nameof(LitmindSessionHandOff.ApiKey)) : "$env:" + secret.Environment);
            }
            catch (LitmindException unsendable)
            {
                origin = new HandOffOrigin(origin.Description, unsendable);
            }

            // Out-of-range values (data can say anything) keep the defaults or the cmdlets' bounds.
            var defaults = new CallOptions().With(handOff.TimeoutSec, Math.Min(100, handOff.MaximumRetryCount), Math.Min(3600, handOff.RetryIntervalSec));
            var engine = SessionEngine.Resume(
                service,
                baseUri,
                secrets,
                null,
                handle,
                accounts,
                defaults,
                handOff.AllowUnencryptedAuthentication);
            var session = new LitmindSession(engine);
            Origins.Add(session, origin);
            return session;
        }

        /// <summary>The secret a hand-off carries as its ApiKey: the one Connect-Litmind takes as -ApiKey; null when the service has none.</summary>
        private static SecretDefinition CarriedSecret(ServiceDefinition service) =>
            service.Secrets.Values.FirstOrDefault(secret => secret.Parameter == nameof(LitmindSessionHandOff.ApiKey));

        /// <summary>The API root the environment's secrets belong to; null when the environment names none that can be read.</summary>
        private static Uri EnvironmentBaseUri(ServiceDefinition service, ServiceEnvironment environment)
        {
            try
            {
                return environment.BaseUri(service);
            }
            catch (LitmindException)
            {
                // An unreadable base URI variable names no host, so the secrets go nowhere.
                return null;
            }
        }

        /// <summary>Why a rebuilt session has no key for <paramref name="host"/>, in the names the definition gives.</summary>
        private static string WhyNoKey(ServiceDefinition service, SecretDefinition carried, ServiceEnvironment environment, string host, Uri keyBaseUri)
        {
            if (carried.Environment == null)
            {
                return Messages.HandOffNoKeyInEnvironment(service.Name, carried.Label);
            }

            return string.IsNullOrEmpty(environment.Read(carried.Environment))
                ? Messages.HandOffNoKeyAnywhere(carried.Label, carried.Environment, service.BaseUriEnvironment)
                : Messages.HandOffKeyForOtherHost(host, keyBaseUri?.GetLeftPart(UriPartial.Authority), carried.Label, carried.Environment, service.BaseUriEnvironment);
        }
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
