using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Litmind.PowerShell.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// Reads a service definition from JSON and checks all of it before it is used: unknown fields,
    /// wrong types, malformed templates, references to values nothing provides. Every problem is
    /// reported with the JSON path of the field (and its line), so a user's own file is easy to fix.
    /// </summary>
    internal sealed class ServiceDefinitionReader
    {
        private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };
        private static readonly string[] RequestFields = { "method", "path", "query", "headers", "cookies", "form", "json" };
        private static readonly string[] AccountNames = { "id", "name" };
        private static readonly string[] CredentialNames = { "userName", "password" };

        private static readonly IReadOnlyList<KeyValuePair<string, ValueTemplate>> NoTemplates = new KeyValuePair<string, ValueTemplate>[0];

        private readonly string source;
        private readonly List<UsedTemplate> used = new List<UsedTemplate>();

        private ServiceDefinitionReader(string source)
        {
            this.source = source;
        }

        /// <summary>Where a template may be used, and so which values it may refer to.</summary>
        private enum Use
        {
            Login,
            Refresh,
            Logout,
            Authorize,
            KeyAuthorize,
            List,
        }

        /// <summary>Parses and validates a definition; throws Litmind.InvalidServiceDefinition naming the bad field.</summary>
        public static ServiceDefinition Read(string json, string source)
        {
            var reader = new ServiceDefinitionReader(source);
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

        internal static bool IsIdentifier(string name) =>
            !string.IsNullOrEmpty(name) && char.IsLetter(name[0]) && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_');

        private ServiceDefinition ReadDefinition(JObject root)
        {
            Fields(root, "name", "description", "baseUri", "baseUriEnvironment", "secrets", "parameters", "envelope", "login", "handle", "lifetime", "authorize", "keyAuthorize", "refresh", "logout", "expired", "accounts", "hints", "typeNames");
            var definition = new ServiceDefinition
            {
                Name = Name(Required(root, "name")),
                Source = source,
                Description = Optional(root, "description", String),
                BaseUri = Optional(root, "baseUri", ReadBaseUri),
                BaseUriEnvironment = Optional(root, "baseUriEnvironment", Name),
                Secrets = Optional(root, "secrets", ReadSecrets) ?? new Dictionary<string, SecretDefinition>(),
                Parameters = Optional(root, "parameters", ReadParameters) ?? new Dictionary<string, ParameterDefinition>(),
                Envelope = Optional(root, "envelope", ReadEnvelope) ?? EnvelopeDefinition.None,
                Login = Optional(root, "login", t => ReadExchange(t, Use.Login)),
                Authorize = Optional(root, "authorize", t => ReadAuthorization(t, Use.Authorize)),
                KeyAuthorize = Optional(root, "keyAuthorize", t => ReadAuthorization(t, Use.KeyAuthorize)),
                Refresh = Optional(root, "refresh", t => ReadExchange(t, Use.Refresh)),
                Logout = Optional(root, "logout", t => ReadRequest(Object(t), new RequestDefinition(), Use.Logout, RequestFields)),
                Expired = Optional(root, "expired", ReadRules) ?? new AnswerRules(new[] { new AnswerRule { Statuses = new[] { 401 } } }),
                Accounts = Optional(root, "accounts", ReadAccounts),
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

            var captures = Captures(definition);
            definition.Handle = Optional(root, "handle", t => CaptureName(t, captures));
            definition.Lifetime = Optional(root, "lifetime", t => ReadLifetime(t, captures));
            if (definition.Accounts?.Join != null && definition.Login == null)
            {
                throw Invalid(root["accounts"]["join"], "accounts join a session by logging in, so the service needs a 'login'");
            }

            foreach (var template in used)
            {
                CheckReferences(template, definition, captures);
            }

            // What each way of connecting uses, so Connect-Litmind can refuse a value that would go nowhere.
            definition.UsedWithLogin = UsedValues(use => use != Use.KeyAuthorize, optionalToo: true);
            definition.UsedWithKeys = UsedValues(use => use == Use.KeyAuthorize || use == Use.List, optionalToo: true);
            definition.RequiredWithLogin = UsedValues(use => use != Use.KeyAuthorize, optionalToo: false);
            definition.RequiredWithKeys = UsedValues(use => use == Use.KeyAuthorize || use == Use.List, optionalToo: false);
            CheckKeyMode(root, definition);
            CheckAllUsed(root, "secrets", ValueReference.Secret, definition.Secrets.Keys, definition);
            CheckAllUsed(root, "parameters", ValueReference.Parameter, definition.Parameters.Keys, definition);
            return definition;
        }

        /// <summary>Key mode is entered with -ClientId and -ClientSecret, so its authorization sends a secret bound to each.</summary>
        private void CheckKeyMode(JObject root, ServiceDefinition definition)
        {
            if (definition.KeyAuthorize == null)
            {
                return;
            }

            foreach (var parameter in new[] { ConnectParameterNames.ClientId, ConnectParameterNames.ClientSecret })
            {
                var secret = definition.Secrets.Values.FirstOrDefault(s => s.Parameter == parameter);
                if (secret == null || !definition.Requires(ValueReference.Secret, secret.Name, keyMode: true))
                {
                    throw Invalid(root["keyAuthorize"], "key mode is entered with -ClientId and -ClientSecret: send a secret bound to -" + parameter + " (under 'secrets', \"parameter\": \"" + parameter + "\") in 'keyAuthorize'");
                }
            }
        }

        /// <summary>A declared secret or parameter that nothing sends is a mistake (a misspelt reference, most likely).</summary>
        private void CheckAllUsed(JObject root, string section, string source, IEnumerable<string> names, ServiceDefinition definition)
        {
            var unused = names.FirstOrDefault(name => !definition.Uses(source, name, keyMode: false) && !definition.Uses(source, name, keyMode: true));
            if (unused != null)
            {
                throw Invalid(root[section][unused], "no request or authorization uses {" + source + "." + unused + "}; refer to it or remove it");
            }
        }

        private HashSet<string> UsedValues(Func<Use, bool> mode, bool optionalToo) =>
            new HashSet<string>(
                used.Where(template => mode(template.Use)).SelectMany(template => template.Template.References)
                    .Where(reference => optionalToo || !reference.Optional)
                    .Select(reference => reference.Source + "." + reference.Name),
                StringComparer.Ordinal);

        private static HashSet<string> Captures(ServiceDefinition definition) =>
            new HashSet<string>(
                (definition.Login?.Captures.Keys ?? Enumerable.Empty<string>()).Concat(definition.Refresh?.Captures.Keys ?? Enumerable.Empty<string>()),
                StringComparer.Ordinal);

        private void CheckReferences(UsedTemplate template, ServiceDefinition definition, HashSet<string> captures)
        {
            foreach (var reference in template.Template.References)
            {
                string problem = null;
                switch (reference.Source)
                {
                    case ValueReference.Secret:
                        if (template.Use == Use.List)
                        {
                            problem = "the account list is sent as a call, with the call's authorization; it names no secret";
                        }
                        else if (!definition.Secrets.ContainsKey(reference.Name))
                        {
                            problem = "no secret '" + reference.Name + "' is declared under 'secrets'";
                        }

                        break;
                    case ValueReference.Parameter:
                        if (!definition.Parameters.ContainsKey(reference.Name))
                        {
                            problem = "no parameter '" + reference.Name + "' is declared under 'parameters'";
                        }

                        break;
                    case ValueReference.Credential:
                        if (template.Use != Use.Login)
                        {
                            problem = "the credential is only sent by the login";
                        }
                        else if (!CredentialNames.Contains(reference.Name))
                        {
                            problem = "a credential has 'userName' and 'password'";
                        }

                        break;
                    case ValueReference.Account:
                        if (template.Use != Use.Authorize && template.Use != Use.KeyAuthorize && template.Use != Use.List)
                        {
                            problem = "the acting account is known only when a call is authorized";
                        }
                        else if (!AccountNames.Contains(reference.Name))
                        {
                            problem = "an account has 'id' and 'name'";
                        }
                        else if (reference.Name == "id" && definition.Accounts?.Id == null)
                        {
                            problem = "accounts have no id until 'accounts.id' says where the login answer has it";
                        }

                        break;
                    case ValueReference.Token:
                        if (template.Use == Use.KeyAuthorize)
                        {
                            problem = "key mode has no login, so no tokens";
                        }
                        else if (!captures.Contains(reference.Name))
                        {
                            problem = "no capture '" + reference.Name + "' is declared under 'login.capture' or 'refresh.capture'";
                        }
                        else if (template.Use == Use.Login && !reference.Optional)
                        {
                            problem = "a login has no tokens yet, except when an account joins a session: write {token." + reference.Name + "?}";
                        }

                        break;
                }

                if (problem != null)
                {
                    throw Invalid(template.Token, reference + ": " + problem);
                }
            }
        }

        private Uri ReadBaseUri(JToken token)
        {
            string text = String(token);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                throw Invalid(token, "expected an absolute http or https URI without query or fragment, such as https://example.org/api/v1/");
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

        private ExchangeDefinition ReadExchange(JToken token, Use use)
        {
            var obj = Object(token);
            var fields = use == Use.Login ? RequestFields.Concat(new[] { "capture", "account", "require" }) : RequestFields.Concat(new[] { "capture" });
            var exchange = ReadRequest(obj, new ExchangeDefinition(), use, fields.ToArray());
            exchange.Captures = use == Use.Login
                ? ReadCaptures(Required(obj, "capture"))
                : Optional(obj, "capture", ReadCaptures) ?? new Dictionary<string, CaptureDefinition>();
            exchange.Account = Optional(obj, "account", Path);
            exchange.Require = Optional(obj, "require", Paths) ?? new string[0];
            return exchange;
        }

        private T ReadRequest<T>(JObject obj, T request, Use use, string[] fields)
            where T : RequestDefinition
        {
            Fields(obj, fields);
            request.Method = OneOf(Required(obj, "method"), Methods);
            request.Path = RelativePath(Required(obj, "path"), use);
            request.Query = Optional(obj, "query", t => Templates(t, use, header: false)) ?? NoTemplates;
            request.Headers = Optional(obj, "headers", t => Templates(t, use, header: true)) ?? NoTemplates;
            request.Cookies = Optional(obj, "cookies", t => Templates(t, use, header: true)) ?? NoTemplates;
            if (obj["form"] != null && obj["json"] != null)
            {
                throw Invalid(obj["json"], "a request has a 'form' body or a 'json' body, not both");
            }

            request.Form = Optional(obj, "form", t => Templates(t, use, header: false));
            request.Json = Optional(obj, "json", t => ReadJsonTemplate(t, use));
            request.BodyKind = request.Form != null ? BodyKind.Form : request.Json != null ? BodyKind.Json : BodyKind.None;
            return request;
        }

        private JsonTemplate ReadJsonTemplate(JToken token, Use use)
        {
            if (!(token is JObject) && !(token is JArray))
            {
                throw Invalid(token, "expected a JSON object or array: the body to send, with {...} references in its strings");
            }

            var templates = new Dictionary<string, ValueTemplate>(StringComparer.Ordinal);
            foreach (var value in ((JContainer)token).DescendantsAndSelf().OfType<JValue>().Where(v => v.Type == JTokenType.String))
            {
                templates[value.Path] = Template(value, use, header: false);
            }

            return new JsonTemplate(token, templates);
        }

        private Dictionary<string, CaptureDefinition> ReadCaptures(JToken token)
        {
            var captures = new Dictionary<string, CaptureDefinition>(StringComparer.Ordinal);
            foreach (var property in Object(token).Properties())
            {
                var entry = Object(property.Value);
                Fields(entry, "body", "header", "cookie", "secret", "optional");
                var sources = new[] { "body", "header", "cookie" }.Where(name => entry[name] != null).ToList();
                if (sources.Count != 1)
                {
                    throw Invalid(entry, "a capture reads exactly one of 'body' (a JSON path), 'header' or 'cookie'");
                }

                var from = sources[0] == "body" ? CaptureSource.Body : sources[0] == "header" ? CaptureSource.Header : CaptureSource.Cookie;
                captures[Identifier(property)] = new CaptureDefinition
                {
                    Name = property.Name,
                    From = from,
                    Location = from == CaptureSource.Body ? Path(entry["body"]) : HeaderName(entry[sources[0]]),
                    Secret = Optional(entry, "secret", Boolean) ?? true,
                    Optional = Optional(entry, "optional", Boolean) ?? false,
                };
            }

            if (captures.Count == 0)
            {
                throw Invalid(token, "name at least one value to keep from the answer");
            }

            return captures;
        }

        private LifetimeDefinition ReadLifetime(JToken token, HashSet<string> captures)
        {
            var obj = Object(token);
            Fields(obj, "ttl", "unit", "jwt", "refreshAhead");
            if ((obj["ttl"] == null) == (obj["jwt"] == null))
            {
                throw Invalid(obj, "a lifetime is read from a 'ttl' capture or from a 'jwt' capture's exp claim: give one of them");
            }

            if (obj["jwt"] != null && obj["unit"] != null)
            {
                throw Invalid(obj["unit"], "a JWT's exp is in seconds since 1970; 'unit' applies to 'ttl' only");
            }

            string unit = Optional(obj, "unit", t => OneOf(t, "milliseconds", "seconds", "minutes")) ?? "seconds";
            return new LifetimeDefinition
            {
                Ttl = Optional(obj, "ttl", t => CaptureName(t, captures)),
                Jwt = Optional(obj, "jwt", t => CaptureName(t, captures)),
                TtlUnit = unit == "milliseconds" ? TimeSpan.FromMilliseconds(1) : unit == "minutes" ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1),
                RefreshAhead = Optional(obj, "refreshAhead", t => (double?)Number(t, 0, 86400)) is double ahead ? TimeSpan.FromSeconds(ahead) : LifetimeDefinition.DefaultRefreshAhead,
            };
        }

        private AuthorizationDefinition ReadAuthorization(JToken token, Use use)
        {
            var obj = Object(token);
            Fields(obj, "headers", "cookies");
            var authorization = new AuthorizationDefinition
            {
                Headers = Optional(obj, "headers", t => Templates(t, use, header: true)) ?? NoTemplates,
                Cookies = Optional(obj, "cookies", t => Templates(t, use, header: true)) ?? NoTemplates,
            };
            if (authorization.Headers.Count + authorization.Cookies.Count == 0)
            {
                throw Invalid(obj, "name the 'headers' or 'cookies' every call carries");
            }

            return authorization;
        }

        private AccountsDefinition ReadAccounts(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "id", "name", "type", "thumbnail", "join", "list");
            var accounts = new AccountsDefinition
            {
                Id = Optional(obj, "id", Path),
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

        private JoinDefinition ReadJoin(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "expired");
            return new JoinDefinition { Expired = Optional(obj, "expired", ReadRules) ?? AnswerRules.None };
        }

        private ListDefinition ReadList(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "method", "path", "items");
            return new ListDefinition
            {
                Method = Optional(obj, "method", t => OneOf(t, Methods)) ?? "GET",
                Path = RelativePath(Required(obj, "path"), Use.List),
                Items = Optional(obj, "items", Path),
            };
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
                return new HintDefinition { Match = ReadRule(Required(obj, "match")), Text = String(Required(obj, "text")) };
            }).ToList();
        }

        private AnswerRules ReadRules(JToken token) => new AnswerRules(Array(token).Select(ReadRule).ToList());

        private AnswerRule ReadRule(JToken token)
        {
            var obj = Object(token);
            Fields(obj, "status", "code", "field", "equals");
            if (obj.Count == 0)
            {
                throw Invalid(obj, "a rule needs at least one of 'status', 'code' or 'field'");
            }

            if (obj["equals"] != null && obj["field"] == null)
            {
                throw Invalid(obj["equals"], "'equals' compares the value at 'field': give the field");
            }

            return new AnswerRule
            {
                Statuses = Optional(obj, "status", t => OneOrMany(t, Status)),
                Codes = Optional(obj, "code", t => OneOrMany(t, Code)),
                Field = Optional(obj, "field", Path),
                EqualsAny = Optional(obj, "equals", t => t is JArray values ? values.ToList() : new List<JToken> { t }),
            };
        }

        private IReadOnlyList<KeyValuePair<string, ValueTemplate>> Templates(JToken token, Use use, bool header)
        {
            return Object(token).Properties()
                .Select(property => new KeyValuePair<string, ValueTemplate>(
                    header ? HeaderName(property) : NonEmpty(property),
                    Template(property.Value, use, header)))
                .ToList();
        }

        private ValueTemplate Template(JToken token, Use use, bool header)
        {
            string text = String(token);
            var template = ValueTemplate.Parse(text, out var problem) ?? throw Invalid(token, problem);
            if (header && text.Any(c => c == '\r' || c == '\n' || c == '\0'))
            {
                throw Invalid(token, "a header or cookie value cannot hold CR, LF or NUL");
            }

            used.Add(new UsedTemplate(token, template, use));
            return template;
        }

        private ValueTemplate RelativePath(JToken token, Use use)
        {
            string text = String(token);
            var template = Template(token, use, header: false);
            string literal = string.Concat(text.Split('{').Select(part => part.Contains('}') ? part.Substring(part.IndexOf('}') + 1) : part));
            if (text.StartsWith("/", StringComparison.Ordinal) || text.Contains("://") || text.Contains("\\") || text.Any(char.IsWhiteSpace)
                || literal.IndexOfAny(new[] { '?', '#' }) >= 0 || text.Split('/').Any(segment => segment == "." || segment == ".."))
            {
                throw Invalid(token, "expected a path relative to the base URI, such as 'session/login': no leading '/', scheme, '..', query or fragment (put the query in 'query')");
            }

            return template;
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

        private string HeaderName(JToken token)
        {
            string name = String(token);
            return IsToken(name) ? name : throw Invalid(token, "'" + name + "' is not a valid header or cookie name");
        }

        private string HeaderName(JProperty property) =>
            IsToken(property.Name) ? property.Name : throw Invalid(property, "'" + property.Name + "' is not a valid header or cookie name");

        private string NonEmpty(JProperty property) =>
            property.Name.Length > 0 ? property.Name : throw Invalid(property, "a name cannot be empty");

        private string NonEmptyString(JToken token) =>
            String(token).Length > 0 ? (string)token : throw Invalid(token, "expected a non-empty string");

        private string Identifier(JProperty property) =>
            IsIdentifier(property.Name) ? property.Name : throw Invalid(property, "'" + property.Name + "' is not a name (a letter, then letters, digits and '_')");

        private static bool IsToken(string name) =>
            name.Length > 0 && name.All(c => c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".IndexOf(c) < 0);

        private string Name(JToken token)
        {
            string name = String(token);
            return name.Length > 0 && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_' || c == '-' || c == '.')
                ? name
                : throw Invalid(token, "expected a name of letters, digits, '-', '_' and '.'");
        }

        private string Path(JToken token)
        {
            string path = String(token);
            return JsonPath.IsValid(path) ? path : throw Invalid(token, "expected a JSON path of property names joined by dots, such as 'data.token'");
        }

        private IReadOnlyList<string> Paths(JToken token) => OneOrMany(token, Path);

        private int Status(JToken token) =>
            token.Type == JTokenType.Integer ? (int)Number(token, 100, 599) : throw Invalid(token, "expected an HTTP status code (a whole number from 100 to 599)");

        private string Code(JToken token) =>
            token.Type == JTokenType.String || token.Type == JTokenType.Integer ? ((JValue)token).ToString(CultureInfo.InvariantCulture) : throw Invalid(token, "expected an error code (a string or a whole number)");

        private double Number(JToken token, double minimum, double maximum)
        {
            if ((token.Type != JTokenType.Integer && token.Type != JTokenType.Float) || (double)token < minimum || (double)token > maximum)
            {
                throw Invalid(token, string.Format(CultureInfo.InvariantCulture, "expected a number from {0} to {1}", minimum, maximum));
            }

            return (double)token;
        }

        private string OneOf(JToken token, params string[] allowed)
        {
            string value = String(token);
            return allowed.Contains(value) ? value : throw Invalid(token, "expected one of " + string.Join(", ", allowed) + ", not '" + value + "'");
        }

        private bool? Boolean(JToken token) => token.Type == JTokenType.Boolean ? (bool)token : throw Invalid(token, "expected true or false");

        private string String(JToken token) => token.Type == JTokenType.String ? (string)token : throw Invalid(token, "expected a string");

        private JObject Object(JToken token) => token as JObject ?? throw Invalid(token, "expected a JSON object");

        private JArray Array(JToken token) => token as JArray ?? throw Invalid(token, "expected a JSON array");

        private List<T> OneOrMany<T>(JToken token, Func<JToken, T> read) =>
            token is JArray many ? many.Select(read).ToList() : new List<T> { read(token) };

        private JToken Required(JObject obj, string name) =>
            obj[name] ?? throw Invalid(obj, "the field '" + name + "' is required", Child(obj, name));

        private static T Optional<T>(JObject obj, string name, Func<JToken, T> read) =>
            obj[name] == null || obj[name].Type == JTokenType.Null ? default(T) : read(obj[name]);

        private void Fields(JObject obj, params string[] allowed)
        {
            var unknown = obj.Properties().FirstOrDefault(p => !allowed.Contains(p.Name, StringComparer.Ordinal));
            if (unknown != null)
            {
                throw Invalid(unknown, "unknown field '" + unknown.Name + "'; expected " + string.Join(", ", allowed));
            }
        }

        private static string Child(JToken parent, string name) => JsonPathOf(parent) + "." + name;

        private static string JsonPathOf(JToken token) => token == null || token.Path.Length == 0 ? "$" : "$." + token.Path;

        private LitmindException Invalid(JToken token, string problem, string path = null)
        {
            var line = token as IJsonLineInfo;
            return new LitmindException(
                ErrorIds.InvalidServiceDefinition,
                LitmindErrorKind.InvalidArgument,
                Messages.InvalidServiceDefinition(source, path ?? JsonPathOf(token), line != null && line.HasLineInfo() ? line.LineNumber : 0, line != null && line.HasLineInfo() ? line.LinePosition : 0, problem));
        }

        private sealed class UsedTemplate
        {
            public UsedTemplate(JToken token, ValueTemplate template, Use use)
            {
                Token = token;
                Template = template;
                Use = use;
            }

            public JToken Token { get; }

            public ValueTemplate Template { get; }

            public Use Use { get; }
        }
    }
}
