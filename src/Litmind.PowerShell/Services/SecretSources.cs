using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// Where a session's secrets come from: each from the parameter (or hand-off) that gives it,
    /// else from the environment variable the definition names, and from the environment only for
    /// the API root that environment belongs to: its base URI variable ($env:LITMIND_BASE_URI), else
    /// the definition's own baseUri. $env:LITMIND_API_KEY never follows a -BaseUri elsewhere.
    /// </summary>
    internal sealed class SecretSources
    {
        private readonly CompiledService service;
        private readonly ServiceEnvironment environment;

        /// <param name="service">The service the secrets are for.</param>
        /// <param name="environment">The environment secrets may come from; null when none may (a user's service rebuilt from a hand-off).</param>
        public SecretSources(CompiledService service, ServiceEnvironment environment)
        {
            this.service = service;
            this.environment = environment;
        }

        /// <summary>The API root the environment's secrets belong to; null when the environment names none that can be read.</summary>
        public Uri EnvironmentRoot
        {
            get
            {
                if (environment == null)
                {
                    return null;
                }

                try
                {
                    return environment.BaseUri(service.Definition);
                }
                catch (LitmindException)
                {
                    // An unreadable base URI variable, or none at all, names no host: the secrets go nowhere.
                    return null;
                }
            }
        }

        /// <summary>Whether the environment's secrets may go to <paramref name="baseUri"/>: it is on the host the environment names.</summary>
        public bool EnvironmentServes(Uri baseUri) => EnvironmentRoot is Uri root && SameOrigin(root, baseUri);

        /// <summary>
        /// The secrets of a session at <paramref name="baseUri"/>: each <paramref name="given"/>
        /// (copied, so the caller's stays the caller's), else from its environment variable when the
        /// environment serves that root. The caller owns the bag.
        /// </summary>
        public SecretBag Resolve(Func<SecretDefinition, SecureString> given, Uri baseUri)
        {
            bool fromEnvironment = EnvironmentServes(baseUri);
            return new SecretBag(service.Definition.Secrets.Values.Select(secret => new KeyValuePair<string, SecureString>(
                secret.Name,
                given(secret)?.Copy() ?? (fromEnvironment ? Protect(environment.Read(secret.Environment)) : null))));
        }

        /// <summary>
        /// Fails with Litmind.MissingApiKey, before anything is sent, when a secret this way of
        /// connecting needs is in neither place; the message says why the environment's did not count.
        /// </summary>
        public void Require(SecretBag secrets, Uri baseUri, bool keyMode)
        {
            var missing = service.Definition.Secrets.Values.FirstOrDefault(secret => service.Definition.Requires(ValueReference.Secret, secret.Name, keyMode) && !secrets.Has(secret.Name));
            if (missing == null)
            {
                return;
            }

            string standing = environment?.Read(missing.Environment);
            string message = string.IsNullOrEmpty(standing) || EnvironmentServes(baseUri)
                ? Messages.MissingSecret(service.Name, missing.Label, missing.Parameter, missing.Environment)
                : Messages.EnvironmentSecretForOtherHost(missing.Label, missing.Environment, EnvironmentRoot?.GetLeftPart(UriPartial.Authority), baseUri.GetLeftPart(UriPartial.Authority), missing.Parameter, service.Definition.BaseUriEnvironment);
            throw Failures.MissingSecret(message);
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

        private static SecureString Protect(string value) => string.IsNullOrEmpty(value) ? null : SecretText.Protect(value);
    }
}
