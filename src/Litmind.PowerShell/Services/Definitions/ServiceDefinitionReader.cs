using System;
using System.Collections.Generic;
using System.Linq;
using Litmind.PowerShell.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// Reads a service definition from JSON and checks all of it before it is used: unknown fields,
    /// wrong types, malformed templates, references to values nothing provides, rules the engine
    /// could never honour. Every problem is reported with the JSON path of the field (and its line).
    /// </summary>
    internal sealed class ServiceDefinitionReader : DefinitionJson
    {
        private readonly IReadOnlyCollection<string> reservedNames;
        private readonly RequestReader requests;

        private ServiceDefinitionReader(string source, IReadOnlyCollection<string> reservedNames)
            : base(source)
        {
            this.reservedNames = reservedNames ?? new string[0];
            requests = new RequestReader(source);
        }

        /// <summary>
        /// Parses and validates a definition; throws Litmind.InvalidServiceDefinition naming the bad
        /// field. A definition may not take one of <paramref name="reservedNames"/> (the built-in
        /// services'), in any case: a session would then pass for the built-in one.
        /// </summary>
        public static ServiceDefinition Read(string json, string source, IReadOnlyCollection<string> reservedNames = null)
        {
            var reader = new ServiceDefinitionReader(source, reservedNames);
            JObject root;
            try
            {
                using (var text = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None })
                {
                    var token = JToken.ReadFrom(text, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, LineInfoHandling = LineInfoHandling.Load });
                    if (text.Read())
                    {
                        throw reader.Invalid(token, "there is more after the definition's closing brace");
                    }

                    root = token as JObject ?? throw reader.Invalid(token, "a service definition is a JSON object");
                }
            }
            catch (JsonReaderException ex)
            {
                throw new LitmindException(ErrorIds.InvalidServiceDefinition, LitmindErrorKind.InvalidArgument, Messages.InvalidServiceDefinition(source, "$", ex.LineNumber, ex.LinePosition, "it is not valid JSON (" + ex.Message.Split('.')[0] + ")"));
            }

            return reader.ReadDefinition(root);
        }

        private ServiceDefinition ReadDefinition(JObject root)
        {
            Fields(root, "name", "description", "baseUri", "baseUriEnvironment", "secrets", "parameters", "envelope", "login", "handle", "lifetime", "authorize", "keyAuthorize", "refresh", "logout", "expired", "confirm", "accounts", "domains", "paging", "hints", "typeNames");
            var definition = new ServiceDefinition
            {
                Name = ServiceName(Required(root, "name")),
                Source = Source,
                Description = Optional(root, "description", String),
                BaseUri = Optional(root, "baseUri", ReadBaseUri),
                BaseUriEnvironment = Optional(root, "baseUriEnvironment", Name),
                Secrets = Optional(root, "secrets", ReadSecrets) ?? new Dictionary<string, SecretDefinition>(),
                Parameters = Optional(root, "parameters", ReadParameters) ?? new Dictionary<string, ParameterDefinition>(),
                Envelope = Optional(root, "envelope", ReadEnvelope) ?? EnvelopeDefinition.None,
                Login = Optional(root, "login", t => requests.ReadExchange(t, TemplateUse.Login)),
                Authorize = Optional(root, "authorize", t => requests.ReadAuthorization(t, TemplateUse.Authorize)),
                KeyAuthorize = Optional(root, "keyAuthorize", t => requests.ReadAuthorization(t, TemplateUse.KeyAuthorize)),
                Refresh = Optional(root, "refresh", t => requests.ReadExchange(t, TemplateUse.Refresh)),
                Logout = Optional(root, "logout", t => requests.ReadRequest(t, TemplateUse.Logout)),
                Expired = Optional(root, "expired", ReadExpiryRules) ?? new AnswerRules(new[] { new AnswerRule { Statuses = new[] { 401 } } }),
                Confirm = Optional(root, "confirm", ReadConfirm),
                Accounts = Optional(root, "accounts", ReadAccounts),
                Domains = Optional(root, "domains", ReadDomains),
                Paging = Optional(root, "paging", new PagingReader(Source).Read),
                Hints = Optional(root, "hints", ReadHints) ?? new List<HintDefinition>(),
                TypeNames = Optional(root, "typeNames", ReadTypeNames),
            };

            if (definition.Login == null && definition.KeyAuthorize == null)
            {
                throw Invalid(root, "a service needs 'login', 'keyAuthorize' or both");
            }

            if (definition.Login != null && definition.Authorize == null)
            {
                throw Invalid(root, "a service with a 'login' needs 'authorize': the headers or cookies calls carry");
            }

            if (definition.Refresh != null && definition.Login == null)
            {
                throw Invalid(root["refresh"], "'refresh' renews a login, so the service needs a 'login'");
            }

            if (definition.Domains != null && definition.Login == null)
            {
                throw Invalid(root["domains"], "domains are listed by the login answer, so the service needs a 'login'");
            }

            if (definition.Confirm != null && definition.Login == null)
            {
                throw Invalid(root["confirm"], "'confirm' tells an expired login from a refusal, so the service needs a 'login'");
            }

            var captures = Captures(definition);
            definition.Handle = Optional(root, "handle", t => CaptureName(t, captures));
            definition.Lifetime = Optional(root, "lifetime", t => ReadLifetime(t, captures));
            if (definition.Accounts?.Join != null && definition.Login == null)
            {
                throw Invalid(root["accounts"]["join"], "accounts join a session by logging in, so the service needs a 'login'");
            }

            new DefinitionChecks(this, requests.Used).Check(root, definition, captures);
            return definition;
        }

        private string ServiceName(JToken token)
        {
            string name = Name(token);
            return reservedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
                ? throw Invalid(token, "'" + name + "' is the name of a built-in service; give your service a name of its own")
                : name;
        }

        private static HashSet<string> Captures(ServiceDefinition definition) =>
            new HashSet<string>(
                (definition.Login?.Captures.Keys ?? Enumerable.Empty<string>()).Concat(definition.Refresh?.Captures.Keys ?? Enumerable.Empty<string>()),
                StringComparer.Ordinal);

        private Uri ReadBaseUri(JToken token)
        {
            string text = String(token);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw Invalid(token, "expected an absolute http or https URI without query or fragment (and without user information), such as https://example.org/api/v1/");
            }

            return uri;
        }

        private Dictionary<string, SecretDefinition> ReadSecrets(JToken token)
        {
            var secrets = new Dictionary<string, SecretDefinition>(StringComparer.Ordinal);
            foreach (var property in Object(token).Properties())
            {
                var entry = Object(property.Value);
                Fields(entry, "label", "parameter", "environment");
                var secret = new SecretDefinition
                {
                    Name = Identifier(property),
                    Label = String(Required(entry, "label")),
                    Parameter = Optional(entry, "parameter", t => ConnectParameter(t, ConnectParameterNames.Secrets, secrets.Values.Select(s => s.Parameter))),
                    Environment = Optional(entry, "environment", Name),
                };
                if (secret.Parameter == null && secret.Environment == null)
                {
                    throw Invalid(entry, "a secret comes from a Connect-Litmind 'parameter' (" + string.Join(", ", ConnectParameterNames.Secrets) + ") or an 'environment' variable: give at least one");
                }

                secrets[secret.Name] = secret;
            }

            return secrets;
        }

        private Dictionary<string, ParameterDefinition> ReadParameters(JToken token)
        {
            var parameters = new Dictionary<string, ParameterDefinition>(StringComparer.Ordinal);
            foreach (var property in Object(token).Properties())
            {
                var entry = Object(property.Value);
                Fields(entry, "type", "parameter");
                parameters[Identifier(property)] = new ParameterDefinition
                {
                    Name = property.Name,
                    Type = Optional(entry, "type", t => OneOf(t, "string", "number")) == "number" ? ParameterType.Number : ParameterType.String,
                    Parameter = Optional(entry, "parameter", t => ConnectParameter(t, ConnectParameterNames.Values, parameters.Values.Select(p => p.Parameter))),
                };
            }

            return parameters;
        }

        private EnvelopeDefinition ReadEnvelope(JToken token)
        {
            var envelope = Object(token);
            Fields(envelope, "success", "message", "code");
            return new EnvelopeDefinition
            {
                Success = Optional(envelope, "success", Path),
                Message = Optional(envelope, "message", Paths) ?? new string[0],
                Code = Optional(envelope, "code", Paths) ?? new string[0],
            };
        }

        private LifetimeDefinition ReadLifetime(JToken token, HashSet<string> captures)
        {
            var obj = Object(token);
            Fields(obj, "ttl", "unit", "jwt", "expiresAt", "format", "refreshAhead");
            if (new[] { "ttl", "jwt", "expiresAt" }.Count(name => obj[name] != null) != 1)
            {
                throw Invalid(obj, "a lifetime is read from a 'ttl' capture, a 'jwt' capture's exp claim, or an 'expiresAt' capture: give one of them");
            }

            if (obj["ttl"] == null && obj["unit"] != null)
            {
                throw Invalid(obj["unit"], "'unit' applies to 'ttl' only (a JWT's exp is in seconds since 1970; 'expiresAt' has a 'format')");
            }

            if ((obj["expiresAt"] == null) != (obj["format"] == null))
            {
                throw Invalid(obj["format"] ?? obj, "'expiresAt' is read in the 'format' given (unixSeconds, unixMilliseconds or iso8601): give both");
            }

            string unit = Optional(obj, "unit", t => OneOf(t, "milliseconds", "seconds", "minutes")) ?? "seconds";
            string format = Optional(obj, "format", t => OneOf(t, "unixSeconds", "unixMilliseconds", "iso8601"));
            return new LifetimeDefinition
            {
                Ttl = Optional(obj, "ttl", t => CaptureName(t, captures)),
                Jwt = Optional(obj, "jwt", t => CaptureName(t, captures)),
                ExpiresAt = Optional(obj, "expiresAt", t => CaptureName(t, captures)),
                ExpiresAtFormat = format == "unixMilliseconds" ? TimeFormat.UnixMilliseconds : format == "iso8601" ? TimeFormat.Iso8601 : TimeFormat.UnixSeconds,
                TtlUnit = unit == "milliseconds" ? TimeSpan.FromMilliseconds(1) : unit == "minutes" ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1),
                RefreshAhead = Optional(obj, "refreshAhead", t => (double?)Number(t, 0, 86400)) is double ahead ? TimeSpan.FromSeconds(ahead) : LifetimeDefinition.DefaultRefreshAhead,
            };
        }

        private AccountsDefinition ReadAccounts(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "id", "idType", "name", "type", "thumbnail", "join", "list");
            var accounts = new AccountsDefinition
            {
                Id = Optional(obj, "id", Path),
                StringIds = Optional(obj, "idType", t => OneOf(t, "number", "string")) == "string",
                Name = Optional(obj, "name", Path),
                Type = Optional(obj, "type", Path),
                Thumbnail = Optional(obj, "thumbnail", Path),
                Join = Optional(obj, "join", ReadJoin),
                List = Optional(obj, "list", ReadList),
            };
            if (accounts.Id == null && (accounts.Join != null || accounts.List != null))
            {
                throw Invalid(obj, "accounts that join or are listed are told apart by their 'id': give its path");
            }

            return accounts;
        }

        /// <summary>Where the login answer lists the service's domains: the array, and each entry's name and host.</summary>
        private DomainsDefinition ReadDomains(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "list", "name", "host");
            return new DomainsDefinition
            {
                List = Path(Required(obj, "list")),
                Name = Path(Required(obj, "name")),
                Host = Path(Required(obj, "host")),
            };
        }

        private JoinDefinition ReadJoin(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "expired");
            return new JoinDefinition { Expired = Optional(obj, "expired", ReadExpiryRules) ?? AnswerRules.None };
        }

        private ListDefinition ReadList(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "method", "path", "items");
            return new ListDefinition
            {
                Method = Optional(obj, "method", t => OneOf(t, RequestReader.Methods)) ?? "GET",
                Path = requests.RelativePath(Required(obj, "path"), TemplateUse.List),
                Items = Optional(obj, "items", Path),
            };
        }

        /// <summary>
        /// The check of an unexplained refusal: which statuses it applies to (4xx only: throttling is
        /// retried, and any other status is never taken for expiry) and the cheap call that asks.
        /// </summary>
        private ConfirmDefinition ReadConfirm(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "status", "method", "path");
            return new ConfirmDefinition
            {
                Statuses = OneOrMany(Required(obj, "status"), ConfirmStatus),
                Method = Optional(obj, "method", t => OneOf(t, "GET", "HEAD")) ?? "GET",
                Path = requests.RelativePath(Required(obj, "path"), TemplateUse.Confirm),
            };
        }

        private int ConfirmStatus(JToken token)
        {
            int status = Status(token);
            return status >= 400 && status <= 499 && status != 429
                ? status
                : throw Invalid(token, "only a refusal (a 4xx status other than 429) is confirmed with the server");
        }

        private TypeNamesDefinition ReadTypeNames(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "field", "prefix");
            return new TypeNamesDefinition { Field = NonEmptyString(Required(obj, "field")), Prefix = Name(Required(obj, "prefix")) };
        }

        private List<HintDefinition> ReadHints(JToken token)
        {
            return Array(token).Select(item =>
            {
                var obj = Object(item);
                Fields(obj, "match", "text");
                return new HintDefinition { Match = ReadRule(Required(obj, "match"), Status), Text = String(Required(obj, "text")) };
            }).ToList();
        }

        private AnswerRules ReadExpiryRules(JToken token) => new AnswerRules(Array(token).Select(rule => ReadRule(rule, ExpiryStatus)).ToList());

        /// <summary>A redirect is never followed and a 1xx never reaches the engine, so neither can mean expiry.</summary>
        private int ExpiryStatus(JToken token)
        {
            int status = Status(token);
            return status >= 200 && (status < 300 || status > 399)
                ? status
                : throw Invalid(token, "a " + status + " answer is never read for expiry (redirects are refused, 1xx never reach the module)");
        }

        private AnswerRule ReadRule(JToken token, Func<JToken, int> status)
        {
            var obj = Object(token);
            Fields(obj, "status", "code", "field", "equals", "header");
            if (obj.Count == 0)
            {
                throw Invalid(obj, "a rule needs at least one of 'status', 'code', 'field' or 'header'");
            }

            if (obj["equals"] != null && obj["field"] == null)
            {
                throw Invalid(obj["equals"], "'equals' compares the value at 'field': give the field");
            }

            var header = Optional(obj, "header", Object);
            if (header != null)
            {
                Fields(header, "name", "contains");
            }

            return new AnswerRule
            {
                Statuses = Optional(obj, "status", t => OneOrMany(t, status)),
                Codes = Optional(obj, "code", t => OneOrMany(t, Code)),
                Field = Optional(obj, "field", Path),
                EqualsAny = Optional(obj, "equals", t => t is JArray values ? values.ToList() : new List<JToken> { t }),
                Header = header == null ? null : HeaderName(Required(header, "name")),
                HeaderContains = header == null ? null : Optional(header, "contains", NonEmptyString),
            };
        }

        /// <summary>A Connect-Litmind parameter name that binds one entry only.</summary>
        private string ConnectParameter(JToken token, IReadOnlyList<string> allowed, IEnumerable<string> taken)
        {
            string name = OneOf(token, allowed.ToArray());
            return taken.Contains(name, StringComparer.Ordinal) ? throw Invalid(token, "-" + name + " is already bound to another entry; one parameter gives one value") : name;
        }

        private string CaptureName(JToken token, HashSet<string> captures)
        {
            string name = String(token);
            if (!captures.Contains(name))
            {
                throw Invalid(token, "'" + name + "' is not a capture of 'login' or 'refresh'");
            }

            return name;
        }
    }
}
