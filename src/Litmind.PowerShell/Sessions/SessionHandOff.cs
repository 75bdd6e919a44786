using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
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

        /// <summary>
        /// A hand-off of the session as it is now: its current tokens (the server's session id
        /// apart, as SessionId), its secrets by the Connect-Litmind parameter that takes them, its
        /// service values, and the definition file of a service of your own.
        /// </summary>
        public static LitmindSessionHandOff Create(LitmindSession session)
        {
            var engine = session.Engine;
            engine.ThrowIfDisconnected();
            var snapshot = engine.Current ?? throw Failures.Disconnected();
            if (!engine.KeyMode && snapshot.Values.Count == 0)
            {
                throw Failures.Disconnected();
            }

            var tokens = new Hashtable(StringComparer.Ordinal);
            foreach (var pair in snapshot.Values.Where(pair => pair.Key != engine.Service.Handle))
            {
                tokens[pair.Key] = SecretText.Protect(pair.Value);
            }

            var parameters = new Hashtable(StringComparer.Ordinal);
            foreach (var pair in engine.Parameters)
            {
                parameters[pair.Key] = pair.Value;
            }

            string handle = snapshot.Handle;
            return new LitmindSessionHandOff(
                session.Service,
                session.BaseUri,
                session.Handle,
                session.Accounts,
                session.TimeoutSec,
                session.MaximumRetryCount,
                session.RetryIntervalSec,
                handle == null ? null : SecretText.Protect(handle),
                CarriedSecret(engine, nameof(LitmindSessionHandOff.ApiKey)),
                session.AllowUnencryptedAuthentication,
                engine.Service.File,
                tokens,
                snapshot.ExpiresAt?.UtcDateTime,
                CarriedSecret(engine, nameof(LitmindSessionHandOff.ClientId)),
                CarriedSecret(engine, nameof(LitmindSessionHandOff.ClientSecret)),
                parameters,
                engine.KeyMode);
        }

        /// <summary>
        /// The session rebuilt from the hand-off <paramref name="key"/>, rebuilding it (from what
        /// <paramref name="read"/> makes of it) the first time that object is used.
        /// </summary>
        public static LitmindSession Resolve(object key, Func<LitmindSessionHandOff> read, ServiceEnvironment environment, Func<DateTimeOffset> utcNow = null)
        {
            lock (Gate)
            {
                if (!Rebuilt.TryGetValue(key, out var session))
                {
                    session = Rebuild(read(), environment, utcNow);
                    Rebuilt.Add(key, session);
                }

                return session;
            }
        }

        /// <summary>How a rebuilt session came to be, or null for a session connected here.</summary>
        public static HandOffOrigin OriginOf(LitmindSession session) =>
            session != null && Origins.TryGetValue(session, out var origin) ? origin : null;

        internal static LitmindSession Rebuild(LitmindSessionHandOff handOff, ServiceEnvironment environment, Func<DateTimeOffset> utcNow = null)
        {
            var service = ServiceOf(handOff);
            var accounts = handOff.Accounts.Where(a => a != null && (a.Id != 0 || service.Accounts?.Id == null)).ToArray();
            var tokens = handOff.KeyMode ? null : Tokens(handOff, service);
            if (handOff.BaseUri == null || (!handOff.KeyMode && (tokens.Count == 0 || accounts.Length == 0)))
            {
                throw Failures.InvalidArgument(Messages.HandOffIncomplete);
            }

            var baseUri = EndpointResolver.NormalizeBaseUri(handOff.BaseUri);
            if (!handOff.AllowUnencryptedAuthentication && !EndpointResolver.IsSecureTransport(baseUri))
            {
                throw new LitmindException(ErrorIds.InsecureTransport, LitmindErrorKind.InvalidArgument, Messages.HandOffInsecureTransport(baseUri)) { RequestUri = baseUri };
            }

            // The data can claim anything: its values are checked against the definition as a user's would be.
            var parameters = ServiceParameters.Read(service, handOff.Parameters.Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, object>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value)));
            Uri keyBaseUri = EnvironmentBaseUri(service, environment);
            bool environmentNamesHost = keyBaseUri != null
                && Uri.Compare(keyBaseUri, baseUri, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
            var secrets = SecretBag.Resolve(service, secret => Carried(handOff, secret), environmentNamesHost ? environment : null);
            var origin = Origin(handOff, service, secrets, environment, baseUri, keyBaseUri);

            // A value that would go into a header and cannot (a line break there adds headers) stops
            // every use of the session before anything is sent, as a missing key does.
            try
            {
                var interpreter = new ServiceInterpreter(service);
                foreach (var token in tokens ?? new Dictionary<string, string>())
                {
                    interpreter.CheckToken(token.Key, token.Value, Messages.HandOffValue(token.Key == service.Handle ? nameof(LitmindSessionHandOff.SessionId) : nameof(LitmindSessionHandOff.Tokens) + "." + token.Key));
                }

                interpreter.CheckSecrets(secrets, secret => Carried(handOff, secret) != null ? Messages.HandOffValue(secret.Parameter) : "$env:" + secret.Environment);
            }
            catch (LitmindException unsendable)
            {
                origin = new HandOffOrigin(origin.Description, unsendable);
            }

            // Out-of-range values (data can say anything) keep the defaults or the cmdlets' bounds.
            var defaults = new CallOptions().With(Math.Min(CallOptions.MaximumTimeoutSec, handOff.TimeoutSec), Math.Min(100, handOff.MaximumRetryCount), Math.Min(3600, handOff.RetryIntervalSec));
            var engine = handOff.KeyMode
                ? SessionEngine.WithKeys(service, baseUri, secrets, parameters, accounts, defaults, handOff.AllowUnencryptedAuthentication, utcNow)
                : SessionEngine.Restore(
                    service,
                    baseUri,
                    secrets,
                    parameters,
                    tokens,
                    handOff.ExpiresAt == null ? (DateTimeOffset?)null : new DateTimeOffset(DateTime.SpecifyKind(handOff.ExpiresAt.Value, DateTimeKind.Utc)),
                    accounts,
                    defaults,
                    handOff.AllowUnencryptedAuthentication,
                    utcNow);
            var session = new LitmindSession(engine);
            Origins.Add(session, origin);
            return session;
        }

        /// <summary>
        /// The definition the hand-off names: a built-in one, or the file of a service of your own,
        /// read and validated again here (it must still define the service the hand-off names).
        /// </summary>
        private static ServiceDefinition ServiceOf(LitmindSessionHandOff handOff)
        {
            string name = string.IsNullOrEmpty(handOff.Service) ? ServiceCatalog.DefaultName : handOff.Service;
            if (string.IsNullOrEmpty(handOff.ServiceFile))
            {
                return ServiceCatalog.Get(name);
            }

            var service = ServiceCatalog.Load(handOff.ServiceFile);
            return string.Equals(service.Name, name, StringComparison.Ordinal)
                ? service
                : throw Failures.InvalidArgument(Messages.HandOffOtherService(handOff.ServiceFile, service.Name, name));
        }

        /// <summary>The tokens the hand-off carries, in plain text for the rebuilt session's snapshot: the session id under the definition's handle, the others by name.</summary>
        private static Dictionary<string, string> Tokens(LitmindSessionHandOff handOff, ServiceDefinition service)
        {
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in handOff.Tokens)
            {
                if (entry.Value is SecureString value && value.Length > 0)
                {
                    tokens[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)] = SecretText.Reveal(value);
                }
            }

            if (service.Handle != null && handOff.SessionId != null && handOff.SessionId.Length > 0)
            {
                tokens[service.Handle] = SecretText.Reveal(handOff.SessionId);
            }

            return tokens;
        }

        /// <summary>The secret the hand-off carries for <paramref name="secret"/> (by the Connect-Litmind parameter that takes it); null when it carries none.</summary>
        private static SecureString Carried(LitmindSessionHandOff handOff, SecretDefinition secret) =>
            secret.Parameter != null && handOff.SecretFor(secret.Parameter) is SecureString carried && carried.Length > 0 ? carried : null;

        /// <summary>
        /// How the rebuilt session authenticates, for verbose output, and the failure every use of it
        /// reports when a secret its way of calling needs is neither carried nor in the environment.
        /// </summary>
        private static HandOffOrigin Origin(LitmindSessionHandOff handOff, ServiceDefinition service, SecretBag secrets, ServiceEnvironment environment, Uri baseUri, Uri keyBaseUri)
        {
            string host = baseUri.GetLeftPart(UriPartial.Authority);
            var needed = service.Secrets.Values.Where(secret => service.Uses(ValueReference.Secret, secret.Name, handOff.KeyMode)).ToList();
            var missing = needed.FirstOrDefault(secret => !secrets.Has(secret.Name));
            if (missing != null)
            {
                var failure = new LitmindException(ErrorIds.MissingApiKey, LitmindErrorKind.InvalidArgument, WhyNoKey(service, missing, environment, host, keyBaseUri));
                return new HandOffOrigin(Messages.HandOffWithoutKey(host, missing.Label), failure);
            }

            var fromEnvironment = needed.FirstOrDefault(secret => Carried(handOff, secret) == null);
            return needed.Count == 0 ? new HandOffOrigin(Messages.HandOffAuthenticatesTo(host), null)
                : fromEnvironment != null ? new HandOffOrigin(Messages.HandOffKeyFromEnvironment(host, fromEnvironment.Label, fromEnvironment.Environment), null)
                : new HandOffOrigin(Messages.HandOffKeyFromHandOff(host, string.Join(" and ", needed.Select(secret => secret.Label))), null);
        }

        /// <summary>The secret bound to a Connect-Litmind parameter, protected for the hand-off; null when the service has none or the session holds none.</summary>
        private static SecureString CarriedSecret(SessionEngine engine, string parameter)
        {
            var secret = engine.Service.Secrets.Values.FirstOrDefault(s => s.Parameter == parameter);
            string value = secret == null ? null : engine.Secrets.Reveal(secret.Name);
            return value == null ? null : SecretText.Protect(value);
        }

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
