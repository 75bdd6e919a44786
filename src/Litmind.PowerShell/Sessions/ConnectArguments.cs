using System.Collections.Generic;
using System.Linq;
using System.Security;
using Litmind.PowerShell.Auth;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// What Connect-Litmind was given, read against a service definition: the service's values
    /// (-AccountId, -OrganizationId, -ServiceParameter) and its secrets (-ApiKey, -ClientId,
    /// -ClientSecret). A value or secret that the chosen way of connecting never sends, or a required
    /// value that is missing, is refused here, before anything is sent.
    /// </summary>
    internal sealed class ConnectArguments
    {
        private readonly ServiceDefinition service;
        private readonly IDictionary<string, object> bound;

        /// <param name="service">The service connected to.</param>
        /// <param name="bound">The command's bound parameters, by parameter name.</param>
        public ConnectArguments(ServiceDefinition service, IDictionary<string, object> bound)
        {
            this.service = service;
            this.bound = bound;
        }

        /// <summary>
        /// The service's values, typed by its definition: from the named parameters it binds, then
        /// from -ServiceParameter's entries (already unwrapped from PowerShell's objects).
        /// </summary>
        public IReadOnlyDictionary<string, object> Parameters(IEnumerable<KeyValuePair<string, object>> serviceParameter, bool keyMode)
        {
            var given = new List<KeyValuePair<string, object>>();
            foreach (var name in ConnectParameterNames.Values.Where(bound.ContainsKey))
            {
                var definition = service.Parameters.Values.FirstOrDefault(p => p.Parameter == name)
                    ?? throw Failures.InvalidArgument(Messages.ServiceTakesNoParameter(service.Name, name));
                RequireUsed(ValueReference.Parameter, definition.Name, name, keyMode);
                given.Add(new KeyValuePair<string, object>(definition.Name, bound[name]));
            }

            foreach (var name in ConnectParameterNames.Secrets.Where(bound.ContainsKey))
            {
                var definition = service.Secrets.Values.FirstOrDefault(p => p.Parameter == name)
                    ?? throw Failures.InvalidArgument(Messages.ServiceTakesNoParameter(service.Name, name));
                RequireUsed(ValueReference.Secret, definition.Name, name, keyMode);
            }

            foreach (var entry in serviceParameter)
            {
                var read = ServiceParameters.Read(service, new[] { entry });
                if (read.Count > 0)
                {
                    RequireUsed(ValueReference.Parameter, read.Keys.Single(), "ServiceParameter " + entry.Key, keyMode);
                }

                given.Add(entry);
            }

            var values = ServiceParameters.Read(service, given);
            var missing = service.Parameters.Values.FirstOrDefault(p => service.Requires(ValueReference.Parameter, p.Name, keyMode) && !values.ContainsKey(p.Name));
            return missing == null ? values : throw Failures.InvalidArgument(Messages.MissingParameter(service.Name, missing.Name, missing.Parameter));
        }

        /// <summary>The secrets bound to the command's parameters (a SecureString, or a string such as a client id), by the names the service gives them.</summary>
        public IEnumerable<KeyValuePair<string, SecureString>> GivenSecrets() =>
            service.Secrets.Values
                .Where(secret => secret.Parameter != null && bound.ContainsKey(secret.Parameter))
                .Select(secret => new KeyValuePair<string, SecureString>(secret.Name, AsSecureString(bound[secret.Parameter])))
                .Where(pair => pair.Value != null && pair.Value.Length > 0);

        /// <summary>The service's secrets: each from its parameter (-ApiKey) when given, else from its environment variable.</summary>
        public SecretBag ResolveSecrets()
        {
            var given = GivenSecrets().ToDictionary(pair => pair.Key, pair => pair.Value);
            var secrets = SecretBag.Resolve(service, secret => given.TryGetValue(secret.Name, out var value) ? value : null, ServiceEnvironment.Process);
            try
            {
                new ServiceInterpreter(service).CheckSecrets(secrets, secret => given.ContainsKey(secret.Name) ? "-" + secret.Parameter : "$env:" + secret.Environment);
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
            if (!service.Uses(source, name, keyMode))
            {
                throw Failures.InvalidArgument(Messages.ValueUnusedInMode(service.Name, parameter, keyMode));
            }
        }

        private static SecureString AsSecureString(object value) =>
            value as SecureString ?? (value is string text && text.Length > 0 ? SecretText.Protect(text) : null);
    }
}
