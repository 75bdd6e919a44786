using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// The values Connect-Litmind was given, typed as its parameters are. A definition binds its
    /// secrets and values to these parameters by name (<see cref="ConnectParameterNames"/>).
    /// </summary>
    internal sealed class ConnectValues
    {
        public SecureString ApiKey { get; set; }

        public string ClientId { get; set; }

        public SecureString ClientSecret { get; set; }

        public string AccountId { get; set; }

        public string OrganizationId { get; set; }

        /// <summary>-ServiceParameter's entries, unwrapped from PowerShell's objects.</summary>
        public IReadOnlyList<KeyValuePair<string, object>> ServiceParameter { get; set; } = new KeyValuePair<string, object>[0];

        /// <summary>The value given to the Connect-Litmind parameter <paramref name="name"/>; null when none was.</summary>
        public object For(string name)
        {
            switch (name)
            {
                case ConnectParameterNames.ApiKey:
                    return ApiKey;
                case ConnectParameterNames.ClientId:
                    return ClientId;
                case ConnectParameterNames.ClientSecret:
                    return ClientSecret;
                case ConnectParameterNames.AccountId:
                    return AccountId;
                case ConnectParameterNames.OrganizationId:
                    return OrganizationId;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// What Connect-Litmind was given, read against a service definition: the service's values
    /// (-AccountId, -OrganizationId, -ServiceParameter) and its secrets (-ApiKey, -ClientId,
    /// -ClientSecret). A value or secret that the chosen way of connecting never sends, or a required
    /// value that is missing, is refused here, before anything is sent.
    /// </summary>
    internal sealed class ConnectArguments
    {
        private readonly CompiledService service;
        private readonly ConnectValues given;

        public ConnectArguments(CompiledService service, ConnectValues given)
        {
            this.service = service;
            this.given = given;
        }

        private ServiceDefinition Definition => service.Definition;

        /// <summary>The service's values, typed by its definition: from the named parameters it binds, then from -ServiceParameter.</summary>
        public IReadOnlyDictionary<string, object> Parameters(bool keyMode)
        {
            var values = new List<KeyValuePair<string, object>>();
            foreach (var name in ConnectParameterNames.Values.Where(name => given.For(name) != null))
            {
                var definition = Definition.Parameters.Values.FirstOrDefault(p => p.Parameter == name)
                    ?? throw Failures.InvalidArgument(Messages.ServiceTakesNoParameter(Definition.Name, name));
                RequireUsed(ValueReference.Parameter, definition.Name, name, keyMode);
                values.Add(new KeyValuePair<string, object>(definition.Name, given.For(name)));
            }

            foreach (var name in ConnectParameterNames.Secrets.Where(name => given.For(name) != null))
            {
                var definition = Definition.Secrets.Values.FirstOrDefault(p => p.Parameter == name)
                    ?? throw Failures.InvalidArgument(Messages.ServiceTakesNoParameter(Definition.Name, name));
                RequireUsed(ValueReference.Secret, definition.Name, name, keyMode);
            }

            foreach (var entry in given.ServiceParameter)
            {
                var read = ServiceParameters.Read(Definition, new[] { entry });
                if (read.Count > 0)
                {
                    RequireUsed(ValueReference.Parameter, read.Keys.Single(), "ServiceParameter " + entry.Key, keyMode);
                }

                values.Add(entry);
            }

            var typed = ServiceParameters.Read(Definition, values);
            var missing = Definition.Parameters.Values.FirstOrDefault(p => Definition.Requires(ValueReference.Parameter, p.Name, keyMode) && !typed.ContainsKey(p.Name));
            return missing == null ? typed : throw Failures.InvalidArgument(Messages.MissingParameter(Definition.Name, missing.Name, missing.Parameter));
        }

        /// <summary>The secrets bound to the command's parameters (a SecureString, or a string such as a client id), by the names the service gives them.</summary>
        public IEnumerable<KeyValuePair<string, SecureString>> GivenSecrets() =>
            Definition.Secrets.Values
                .Where(secret => secret.Parameter != null)
                .Select(secret => new KeyValuePair<string, SecureString>(secret.Name, AsSecureString(given.For(secret.Parameter))))
                .Where(pair => pair.Value != null && pair.Value.Length > 0);

        /// <summary>
        /// The session's secrets at <paramref name="baseUri"/>: each from its parameter when given,
        /// else from its environment variable where the environment serves that root; checked for
        /// what a header can carry and for what this way of connecting needs. The caller owns the bag.
        /// </summary>
        public SecretBag ResolveSecrets(Uri baseUri, ServiceEnvironment environment, bool keyMode)
        {
            var sources = new SecretSources(service, environment);
            var parameters = GivenSecrets().ToDictionary(pair => pair.Key, pair => pair.Value);
            var secrets = sources.Resolve(secret => parameters.TryGetValue(secret.Name, out var value) ? value : null, baseUri);
            try
            {
                service.CheckSecrets(secrets, secret => parameters.ContainsKey(secret.Name) ? "-" + secret.Parameter : "$env:" + secret.Environment);
                sources.Require(secrets, baseUri, keyMode);
            }
            catch
            {
                secrets.Dispose();
                throw;
            }

            return secrets;
        }

        private void RequireUsed(string source, string name, string parameter, bool keyMode)
        {
            if (!Definition.Uses(source, name, keyMode))
            {
                throw Failures.InvalidArgument(Messages.ValueUnusedInMode(Definition.Name, parameter, keyMode));
            }
        }

        private static SecureString AsSecureString(object value) =>
            value as SecureString ?? (value is string text && text.Length > 0 ? SecretText.Protect(text) : null);
    }
}
