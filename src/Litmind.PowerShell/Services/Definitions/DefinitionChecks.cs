using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>Where a template is used, and so which values it may refer to.</summary>
    internal enum TemplateUse
    {
        Login,
        Refresh,
        Logout,
        Authorize,
        KeyAuthorize,
        List,
        Confirm,
    }

    /// <summary>A template as the reader met it: where it stands in the JSON and where it is used.</summary>
    internal sealed class UsedTemplate
    {
        public UsedTemplate(JToken token, ValueTemplate template, TemplateUse use)
        {
            Token = token;
            Template = template;
            Use = use;
        }

        public JToken Token { get; }

        public ValueTemplate Template { get; }

        public TemplateUse Use { get; }
    }

    /// <summary>
    /// The checks of a whole definition once its sections are read: every reference names a value
    /// something provides where it is used, every declared secret and parameter is sent somewhere,
    /// and key mode sends the secrets it is entered with. Each failure names the field at fault.
    /// </summary>
    internal sealed class DefinitionChecks
    {
        private static readonly string[] AccountNames = { "id", "name" };
        private static readonly string[] CredentialNames = { "userName", "password" };

        private readonly DefinitionJson reader;
        private readonly IReadOnlyList<UsedTemplate> used;

        public DefinitionChecks(DefinitionJson reader, IReadOnlyList<UsedTemplate> used)
        {
            this.reader = reader;
            this.used = used;
        }

        /// <summary>Runs every check on <paramref name="definition"/>, and records what each way of connecting sends.</summary>
        public void Check(JObject root, ServiceDefinition definition, ISet<string> captures)
        {
            foreach (var template in used)
            {
                CheckReferences(template, definition, captures);
            }

            // What each way of connecting uses, so Connect-Litmind can refuse a value that would go nowhere.
            definition.UsedWithLogin = UsedValues(IsLoginUse, optionalToo: true);
            definition.UsedWithKeys = UsedValues(IsKeyUse, optionalToo: true);
            definition.RequiredWithLogin = UsedValues(IsLoginUse, optionalToo: false);
            definition.RequiredWithKeys = UsedValues(IsKeyUse, optionalToo: false);
            CheckKeyMode(root, definition);
            CheckAllUsed(root, "secrets", ValueReference.Secret, definition.Secrets.Keys, definition);
            CheckAllUsed(root, "parameters", ValueReference.Parameter, definition.Parameters.Keys, definition);
        }

        private static bool IsLoginUse(TemplateUse use) => use != TemplateUse.KeyAuthorize;

        private static bool IsKeyUse(TemplateUse use) => use == TemplateUse.KeyAuthorize || use == TemplateUse.List;

        /// <summary>
        /// Key mode is entered with the secrets it sends instead of a credential (-ApiKey alone, or
        /// -ClientId and -ClientSecret), so its authorization must send at least one secret.
        /// </summary>
        private void CheckKeyMode(JObject root, ServiceDefinition definition)
        {
            if (definition.KeyAuthorize != null && !definition.Secrets.Keys.Any(name => definition.Requires(ValueReference.Secret, name, keyMode: true)))
            {
                throw reader.Invalid(root["keyAuthorize"], "key mode sends the service's keys instead of a login: send at least one secret (under 'secrets', with the Connect-Litmind 'parameter' that takes it) in 'keyAuthorize'");
            }
        }

        /// <summary>A declared secret or parameter that nothing sends is a mistake (a misspelt reference, most likely).</summary>
        private void CheckAllUsed(JObject root, string section, string source, IEnumerable<string> names, ServiceDefinition definition)
        {
            var unused = names.FirstOrDefault(name => !definition.Uses(source, name, keyMode: false) && !definition.Uses(source, name, keyMode: true));
            if (unused != null)
            {
                throw reader.Invalid(root[section][unused], "no request or authorization uses {" + source + "." + unused + "}; refer to it or remove it");
            }
        }

        private HashSet<string> UsedValues(Func<TemplateUse, bool> mode, bool optionalToo) =>
            new HashSet<string>(
                used.Where(template => mode(template.Use)).SelectMany(template => template.Template.References)
                    .Where(reference => optionalToo || !reference.Optional)
                    .Select(reference => reference.Source + "." + reference.Name),
                StringComparer.Ordinal);

        private void CheckReferences(UsedTemplate template, ServiceDefinition definition, ISet<string> captures)
        {
            foreach (var reference in template.Template.References)
            {
                string problem = Problem(reference, template.Use, definition, captures);
                if (problem != null)
                {
                    throw reader.Invalid(template.Token, reference + ": " + problem);
                }
            }
        }

        private static string Problem(ValueReference reference, TemplateUse use, ServiceDefinition definition, ISet<string> captures)
        {
            bool call = use == TemplateUse.Authorize || use == TemplateUse.KeyAuthorize || use == TemplateUse.List || use == TemplateUse.Confirm;
            switch (reference.Source)
            {
                case ValueReference.Secret:
                    return use == TemplateUse.List || use == TemplateUse.Confirm ? "this request is sent as a call, with the call's authorization; it names no secret"
                        : !definition.Secrets.ContainsKey(reference.Name) ? "no secret '" + reference.Name + "' is declared under 'secrets'"
                        : null;
                case ValueReference.Parameter:
                    return definition.Parameters.ContainsKey(reference.Name) ? null : "no parameter '" + reference.Name + "' is declared under 'parameters'";
                case ValueReference.Credential:
                    return use != TemplateUse.Login && use != TemplateUse.Refresh && use != TemplateUse.Logout ? "the credential is sent by the login, a refresh or a logout only (never with a call)"
                        : !CredentialNames.Contains(reference.Name) ? "a credential has 'userName' and 'password'"
                        : null;
                case ValueReference.Account:
                    return !call ? "the acting account is known only when a call is authorized"
                        : !AccountNames.Contains(reference.Name) ? "an account has 'id' and 'name'"
                        : reference.Name == "id" && definition.Accounts?.Id == null ? "accounts have no id until 'accounts.id' says where the login answer has it"
                        : null;
                case ValueReference.Token:
                    return use == TemplateUse.KeyAuthorize ? "key mode has no login, so no tokens"
                        : !captures.Contains(reference.Name) ? "no capture '" + reference.Name + "' is declared under 'login.capture' or 'refresh.capture'"
                        : use == TemplateUse.Login && !reference.Optional ? "a login has no tokens yet, except when an account joins a session: write {token." + reference.Name + "?}"
                        : null;
                default:
                    return null;
            }
        }
    }
}
