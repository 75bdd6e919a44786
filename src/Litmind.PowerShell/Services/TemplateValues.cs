using System.Collections.Generic;
using System.Globalization;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// The values a template may refer to at one moment: the session's secrets and parameters, the
    /// credential being logged in, the current token snapshot and the acting account. A required
    /// value that is missing fails here, before anything is sent.
    /// </summary>
    internal sealed class TemplateValues
    {
        private readonly CompiledService service;
        private readonly SecretBag secrets;
        private readonly IReadOnlyDictionary<string, object> parameters;
        private readonly LoginCredential credential;
        private readonly TokenSnapshot token;
        private readonly ServiceAccount account;

        public TemplateValues(CompiledService service, SecretBag secrets, IReadOnlyDictionary<string, object> parameters, LoginCredential credential = null, TokenSnapshot token = null, ServiceAccount account = null)
        {
            this.service = service;
            this.secrets = secrets;
            this.parameters = parameters;
            this.credential = credential;
            this.token = token;
            this.account = account;
        }

        /// <summary>The value of a reference; null for an absent optional one.</summary>
        public object Lookup(ValueReference reference)
        {
            object value = Find(reference);
            if (value == null && !reference.Optional)
            {
                throw Missing(reference);
            }

            return value;
        }

        private object Find(ValueReference reference)
        {
            switch (reference.Source)
            {
                case ValueReference.Secret:
                    return secrets.Reveal(reference.Name);
                case ValueReference.Parameter:
                    return parameters != null && parameters.TryGetValue(reference.Name, out var value) ? value : null;
                case ValueReference.Credential:
                    return credential == null ? null : reference.Name == "password" ? SecretText.Reveal(credential.Password) : credential.UserName;
                case ValueReference.Token:
                    return token?.Get(reference.Name);
                case ValueReference.Account:
                    if (account == null)
                    {
                        return null;
                    }

                    return reference.Name == "id"
                        ? (service.Definition.Accounts?.Id == null ? null : account.IdText)
                        : account.Name;
                default:
                    return null;
            }
        }

        private LitmindException Missing(ValueReference reference)
        {
            var definition = service.Definition;
            switch (reference.Source)
            {
                case ValueReference.Secret:
                    var secret = definition.Secrets[reference.Name];
                    return Failures.MissingSecret(Messages.MissingSecret(definition.Name, secret.Label, secret.Parameter, secret.Environment));
                case ValueReference.Parameter:
                    return Failures.InvalidArgument(Messages.MissingParameter(definition.Name, reference.Name, definition.Parameters[reference.Name].Parameter));
                case ValueReference.Credential:
                    // Only a refresh or a logout asks for the credential without a login giving it.
                    return new LitmindException(ErrorIds.NotConnected, LitmindErrorKind.NotConnected, Messages.SessionKeepsNoCredential(definition.Name));
                default:
                    return new LitmindException(ErrorIds.NotConnected, LitmindErrorKind.NotConnected, Messages.SessionLacksValue(definition.Name, reference.ToString()));
            }
        }
    }
}
