using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services.Definitions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>Reads accounts from a login answer and from the account list, by the definition's paths.</summary>
    internal sealed class AccountReader
    {
        private readonly CompiledService service;

        public AccountReader(CompiledService service)
        {
            this.service = service;
        }

        private ServiceDefinition Definition => service.Definition;

        /// <summary>
        /// Reads the accounts of a list answer: from the array the definition names, else a
        /// top-level array, else the one array of objects with an id under any property.
        /// </summary>
        public IReadOnlyList<ServiceAccount> ReadList(JToken document, string method, Uri uri, int status)
        {
            var accounts = Definition.Accounts;
            JArray items;
            if (accounts.List.Items != null)
            {
                items = JsonPath.Find(document, accounts.List.Items) as JArray
                    ?? throw Failures.InvalidResponse(method, uri, Messages.AccountListMissing(accounts.List.Items), status);
            }
            else if (document is JArray array)
            {
                items = array;
            }
            else
            {
                var candidates = (document as JObject)?.Properties()
                    .Where(p => p.Value is JArray list && list.Count > 0 && list.All(item => item is JObject && JsonPath.Find(item, accounts.Id) != null))
                    .ToList() ?? new List<JProperty>();
                if (candidates.Count != 1)
                {
                    throw Failures.InvalidResponse(method, uri, candidates.Count == 0 ? Messages.AccountListNotFound(accounts.Id) : Messages.AccountListAmbiguous(candidates.Select(p => p.Name), accounts.Id), status);
                }

                items = (JArray)candidates[0].Value;
            }

            return items.Select(item => Read(item) ?? throw Failures.InvalidResponse(method, uri, Messages.AccountWithoutId(accounts.Id), status)).ToList();
        }

        /// <summary>The account a login answer names; one named after the credential when the service has no accounts.</summary>
        public ServiceAccount ReadLogin(JToken document, LoginCredential credential, RenderedRequest request, int status)
        {
            if (Definition.Accounts == null)
            {
                return new ServiceAccount(0L, credential.UserName, null, null);
            }

            var found = Read(Definition.Login.Account == null ? document : JsonPath.Find(document, Definition.Login.Account))
                ?? throw Failures.InvalidResponse(request.Method.Method, request.Uri, Messages.LoginAnswerMissingAccount(Definition.Login.Account, Definition.Accounts.Id), status);
            return found.Name != null ? found : new ServiceAccount(found.Id, credential.UserName, found.Type, found.Thumbnail);
        }

        /// <summary>An account object read by the definition's paths; null when its id is missing or not of the service's kind.</summary>
        public ServiceAccount Read(JToken account)
        {
            var accounts = Definition.Accounts;
            if (!(account is JObject))
            {
                return null;
            }

            object id = 0L;
            if (accounts.Id != null)
            {
                var token = JsonPath.Find(account, accounts.Id);
                id = token is JValue value && (value.Type == JTokenType.Integer || value.Type == JTokenType.String) ? Id(value.Value) : null;
                if (id == null)
                {
                    return null;
                }
            }

            return new ServiceAccount(id, Text(account, accounts.Name), Text(account, accounts.Type), Text(account, accounts.Thumbnail));
        }

        /// <summary>
        /// An account id as the service has it, from what a user or a server gave: a whole number as
        /// an Int64 (from any integer type or its digits), or, where the service's ids are text, a
        /// non-empty string. Null when it is neither.
        /// </summary>
        public object Id(object given)
        {
            if (Definition.Accounts?.StringIds == true)
            {
                string text = Convert.ToString(given, CultureInfo.InvariantCulture)?.Trim();
                return string.IsNullOrEmpty(text) ? null : text;
            }

            switch (given)
            {
                case long whole:
                    return whole;
                case int _:
                case short _:
                case byte _:
                case uint _:
                case ushort _:
                case sbyte _:
                    return Convert.ToInt64(given, CultureInfo.InvariantCulture);
                case ulong big:
                    return big <= long.MaxValue ? (object)(long)big : null;
                case decimal number:
                    return number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue ? (object)(long)number : null;
                case double number:
                    return number == Math.Truncate(number) && Math.Abs(number) < 9e15 ? (object)(long)number : null;
                case string text:
                    return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? (object)parsed : null;
                default:
                    return null;
            }
        }

        private static string Text(JToken account, string path) => path == null ? null : JsonPath.FindText(account, path);
    }
}
