using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Hands a session over to a job, a runspace or another process, and rebuilds it there. The
    /// hand-off is data that may have been forged, so rebuilding it reads no file (a user's
    /// service comes with its definition's text, checked as a file would be), keeps the transport
    /// rule (https, or http to this machine), never takes the unencrypted-authentication permission
    /// from the data, and sends a secret from the environment only for a built-in service and only
    /// to the host the environment names.
    /// </summary>
    internal static class SessionHandOff
    {
        // Keyed on the hand-off object itself (the live one, or the deserialized copy a job holds):
        // a rebuilt session lives as long as that object, and a newer hand-off is a new key, so a
        // stale session id is never reused. Each key rebuilds once (its own lazy), and no lock is
        // held while another key is rebuilt.
        private static readonly ConditionalWeakTable<object, Lazy<LitmindSession>> Rebuilt = new ConditionalWeakTable<object, Lazy<LitmindSession>>();

        private static readonly ConditionalWeakTable<LitmindSession, HandOffOrigin> Origins = new ConditionalWeakTable<LitmindSession, HandOffOrigin>();

        /// <summary>
        /// A hand-off of the session as it is now: its current tokens (the server's session id
        /// apart, as SessionId), its secrets by the Connect-Litmind parameter that takes them, its
        /// service values, and the definition text of a service of your own.
        /// </summary>
        public static LitmindSessionHandOff Create(LitmindSession session)
        {
            var engine = session.Engine;
            engine.State.ThrowIfDisconnected();
            var snapshot = engine.State.Current ?? throw Failures.Disconnected();
            if (!engine.Settings.KeyMode && snapshot.Values.Count == 0)
            {
                throw Failures.Disconnected();
            }

            var tokens = new Hashtable(StringComparer.Ordinal);
            foreach (var pair in snapshot.Values.Where(pair => pair.Key != engine.Service.Definition.Handle))
            {
                tokens[pair.Key] = SecretText.Protect(pair.Value);
            }

            var parameters = new Hashtable(StringComparer.Ordinal);
            foreach (var pair in engine.Settings.Parameters)
            {
                parameters[pair.Key] = pair.Value;
            }

            string handle = snapshot.Handle;
            return new LitmindSessionHandOff
            {
                Service = session.Service,
                ServiceDefinition = engine.Service.IsBuiltIn ? null : engine.Service.Text,
                BaseUri = session.BaseUri,
                SessionHandle = session.Handle,
                Accounts = session.Accounts.ToArray(),
                TimeoutSec = session.TimeoutSec,
                MaximumRetryCount = session.MaximumRetryCount,
                RetryIntervalSec = session.RetryIntervalSec,
                SessionId = handle == null ? null : SecretText.Protect(handle),
                Tokens = tokens,
                ExpiresAt = snapshot.ExpiresAt?.UtcDateTime,
                ApiKey = CarriedSecret(engine, nameof(LitmindSessionHandOff.ApiKey)),
                ClientId = CarriedSecret(engine, nameof(LitmindSessionHandOff.ClientId)),
                ClientSecret = CarriedSecret(engine, nameof(LitmindSessionHandOff.ClientSecret)),
                Parameters = parameters,
                Domains = new Hashtable(engine.Domains.Hosts.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.OrdinalIgnoreCase),
                KeyMode = engine.Settings.KeyMode,
                AllowUnencryptedAuthentication = session.AllowUnencryptedAuthentication,
            };
        }

        /// <summary>
        /// The session rebuilt from the hand-off <paramref name="key"/>, rebuilding it (from what
        /// <paramref name="read"/> makes of it) the first time that object is used.
        /// </summary>
        public static LitmindSession Resolve(object key, Func<LitmindSessionHandOff> read, ServiceEnvironment environment, Func<DateTimeOffset> utcNow = null) =>
            Rebuilt.GetValue(key, _ => new Lazy<LitmindSession>(() => Rebuild(read(), environment, utcNow))).Value;

        /// <summary>How a rebuilt session came to be, or null for a session connected here.</summary>
        public static HandOffOrigin OriginOf(LitmindSession session) =>
            session != null && Origins.TryGetValue(session, out var origin) ? origin : null;

        internal static LitmindSession Rebuild(LitmindSessionHandOff handOff, ServiceEnvironment environment, Func<DateTimeOffset> utcNow = null)
        {
            var service = ServiceOf(handOff);
            var accounts = handOff.Accounts.Where(a => a != null && (service.Definition.Accounts?.Id == null || IsId(service.Accounts.Id(a.Id)))).ToArray();
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
            var parameters = ServiceParameters.Read(service.Definition, handOff.Parameters.Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, object>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value)));

            // A user's service came with the data: it may name any variable, so it reads none.
            var sources = new SecretSources(service, service.IsBuiltIn ? environment : null);
            var secrets = sources.Resolve(secret => Carried(handOff, secret), baseUri);
            var origin = Origin(handOff, service, secrets, environment, sources, baseUri);

            // A value that would go into a header and cannot (a line break there adds headers) stops
            // every use of the session before anything is sent, as a missing key does.
            try
            {
                foreach (var token in tokens ?? new Dictionary<string, string>())
                {
                    string source = Messages.HandOffValue(token.Key == service.Definition.Handle ? nameof(LitmindSessionHandOff.SessionId) : nameof(LitmindSessionHandOff.Tokens) + "." + token.Key);
                    service.CheckToken(token.Key, token.Value, source, Failures.InvalidArgument);
                }

                service.CheckSecrets(secrets, secret => Carried(handOff, secret) != null ? Messages.HandOffValue(secret.Parameter) : "$env:" + secret.Environment);
            }
            catch (LitmindException unsendable)
            {
                origin = new HandOffOrigin(origin.Description, unsendable);
            }

            // Out-of-range values (data can say anything) keep the defaults or the cmdlets' bounds.
            var settings = new SessionSettings(service, baseUri, secrets)
            {
                Parameters = parameters,
                Defaults = new CallOptions().With(Math.Min(CallOptions.MaximumTimeoutSec, handOff.TimeoutSec), Math.Min(100, handOff.MaximumRetryCount), Math.Min(3600, handOff.RetryIntervalSec)),
                AllowUnencryptedAuthentication = handOff.AllowUnencryptedAuthentication,
                Clock = utcNow ?? SessionSettings.SystemClock,
            };
            var expiresAt = handOff.ExpiresAt == null ? (DateTimeOffset?)null : new DateTimeOffset(DateTime.SpecifyKind(handOff.ExpiresAt.Value, DateTimeKind.Utc));
            var session = handOff.KeyMode
                ? SessionFactory.WithKeys(settings, accounts)
                : SessionFactory.Restore(settings, tokens, expiresAt, accounts);

            // Domains are destinations the data names: never for a secret the environment gave.
            bool environmentSecret = service.Definition.Secrets.Values.Any(secret => secrets.Has(secret.Name) && Carried(handOff, secret) == null);
            if (!environmentSecret)
            {
                session.Engine.Domains.Take(handOff.Domains.Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, string>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), Convert.ToString(entry.Value, CultureInfo.InvariantCulture))));
            }

            Origins.Add(session, origin);
            return session;
        }

        /// <summary>An id an account can act as (0 is a service's "no id").</summary>
        private static bool IsId(object id) => id != null && !Equals(id, 0L);

        /// <summary>The service the hand-off names: a built-in one, or a user's from the definition text it carries (never a file).</summary>
        private static CompiledService ServiceOf(LitmindSessionHandOff handOff)
        {
            string name = string.IsNullOrEmpty(handOff.Service) ? ServiceCatalog.DefaultName : handOff.Service;
            if (!string.IsNullOrEmpty(handOff.ServiceDefinition))
            {
                return ServiceCatalog.FromHandOff(name, handOff.ServiceDefinition);
            }

            return ServiceCatalog.Names.Contains(name, StringComparer.OrdinalIgnoreCase)
                ? ServiceCatalog.Get(name)
                : throw Failures.InvalidArgument(Messages.HandOffWithoutDefinition(name));
        }

        /// <summary>The tokens the hand-off carries, in plain text for the rebuilt session's snapshot: the session id under the definition's handle, the others by name.</summary>
        private static Dictionary<string, string> Tokens(LitmindSessionHandOff handOff, CompiledService service)
        {
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in handOff.Tokens)
            {
                if (entry.Value is SecureString value && value.Length > 0)
                {
                    tokens[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)] = SecretText.Reveal(value);
                }
            }

            if (service.Definition.Handle != null && handOff.SessionId != null && handOff.SessionId.Length > 0)
            {
                tokens[service.Definition.Handle] = SecretText.Reveal(handOff.SessionId);
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
        private static HandOffOrigin Origin(LitmindSessionHandOff handOff, CompiledService service, SecretBag secrets, ServiceEnvironment environment, SecretSources sources, Uri baseUri)
        {
            string host = baseUri.GetLeftPart(UriPartial.Authority);
            var definition = service.Definition;
            var needed = definition.Secrets.Values.Where(secret => definition.Uses(ValueReference.Secret, secret.Name, handOff.KeyMode)).ToList();
            var missing = needed.FirstOrDefault(secret => !secrets.Has(secret.Name));
            if (missing != null)
            {
                var failure = Failures.MissingSecret(WhyNoKey(service, missing, environment, sources, host));
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
            var secret = engine.Service.Definition.Secrets.Values.FirstOrDefault(s => s.Parameter == parameter);
            string value = secret == null ? null : engine.Settings.Secrets.Reveal(secret.Name);
            return value == null ? null : SecretText.Protect(value);
        }

        /// <summary>Why a rebuilt session has no key for <paramref name="host"/>, in the names the definition gives.</summary>
        private static string WhyNoKey(CompiledService service, SecretDefinition carried, ServiceEnvironment environment, SecretSources sources, string host)
        {
            if (carried.Environment == null || !service.IsBuiltIn)
            {
                return Messages.HandOffNoKeyInEnvironment(service.Name, carried.Label);
            }

            return string.IsNullOrEmpty(environment.Read(carried.Environment))
                ? Messages.HandOffNoKeyAnywhere(carried.Label, carried.Environment, service.Definition.BaseUriEnvironment)
                : Messages.HandOffKeyForOtherHost(host, sources.EnvironmentRoot?.GetLeftPart(UriPartial.Authority), carried.Label, carried.Environment, service.Definition.BaseUriEnvironment);
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
