using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;
using Litmind.PowerShell.Http;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services.Definitions
{
    /// <summary>
    /// Reads the requests a definition describes (login, refresh, logout) and what calls carry
    /// (authorize, keyAuthorize): their templates, checked for what a URL, a header or a cookie
    /// can hold, and kept with where each is used for the reference checks that follow.
    /// </summary>
    internal sealed class RequestReader : DefinitionJson
    {
        /// <summary>The methods a definition's requests may use.</summary>
        public static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

        private static readonly string[] RequestFields = { "method", "path", "query", "headers", "cookies", "form", "json", "basic" };

        /// <summary>
        /// Headers the transport owns: a definition that set them could send the session's secrets
        /// to another virtual host behind a shared proxy (Host), or corrupt the message framing.
        /// </summary>
        private static readonly string[] TransportHeaders =
        {
            "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection",
            "TE", "Trailer", "Upgrade", "Proxy-Authenticate", "Proxy-Authorization",
        };
        private static readonly IReadOnlyList<KeyValuePair<string, ValueTemplate>> NoTemplates = new KeyValuePair<string, ValueTemplate>[0];

        private readonly List<UsedTemplate> used = new List<UsedTemplate>();

        public RequestReader(string source)
            : base(source)
        {
        }

        /// <summary>Every template read so far, with where it is used.</summary>
        public IReadOnlyList<UsedTemplate> Used => used;

        /// <summary>A request whose answer yields nothing to keep (a logout).</summary>
        public RequestDefinition ReadRequest(JToken token, TemplateUse use) => ReadRequest(Object(token), new RequestDefinition(), use, RequestFields);

        /// <summary>A login or refresh: a request, and what its answer yields.</summary>
        public ExchangeDefinition ReadExchange(JToken token, TemplateUse use)
        {
            var obj = Object(token);
            var fields = use == TemplateUse.Login ? RequestFields.Concat(new[] { "capture", "account", "require" }) : RequestFields.Concat(new[] { "capture" });
            var exchange = ReadRequest(obj, new ExchangeDefinition(), use, fields.ToArray());
            exchange.Captures = use == TemplateUse.Login
                ? ReadCaptures(Required(obj, "capture"))
                : Optional(obj, "capture", ReadCaptures) ?? new Dictionary<string, CaptureDefinition>();
            exchange.Account = Optional(obj, "account", Path);
            exchange.Require = Optional(obj, "require", Paths) ?? new string[0];
            return exchange;
        }

        private T ReadRequest<T>(JObject obj, T request, TemplateUse use, string[] fields)
            where T : RequestDefinition
        {
            Fields(obj, fields);
            request.Method = OneOf(Required(obj, "method"), Methods);
            request.Path = RelativePath(Required(obj, "path"), use);
            request.Query = Optional(obj, "query", t => Templates(t, use, TemplateKind.Text)) ?? NoTemplates;
            request.Headers = Optional(obj, "headers", t => Headers(t, use, out var contentType)) ?? NoTemplates;
            request.Cookies = Optional(obj, "cookies", t => Templates(t, use, TemplateKind.Cookie)) ?? NoTemplates;
            request.Basic = Optional(obj, "basic", t => ReadBasic(t, use, obj["headers"]));
            if (obj["form"] != null && obj["json"] != null)
            {
                throw Invalid(obj["json"], "a request has a 'form' body or a 'json' body, not both");
            }

            request.Form = Optional(obj, "form", t => Templates(t, use, TemplateKind.Text));
            request.Json = Optional(obj, "json", t => ReadJsonTemplate(t, use));
            request.BodyKind = request.Form != null ? BodyKind.Form : request.Json != null ? BodyKind.Json : BodyKind.None;
            request.ContentType = ContentTypeOf(obj["headers"] as JObject);
            if (request.ContentType != null && request.BodyKind == BodyKind.None)
            {
                throw Invalid(ContentTypeProperty(obj["headers"] as JObject), "'Content-Type' describes a body, and this request has none: give it a 'form' or 'json' body, or leave the header out");
            }

            return request;
        }

        /// <summary>A request's or an authorization's headers: every one but Content-Type, which the body takes (see <see cref="ContentTypeOf"/>).</summary>
        private IReadOnlyList<KeyValuePair<string, ValueTemplate>> Headers(JToken token, TemplateUse use, out string contentType)
        {
            var headers = Object(token);
            contentType = ContentTypeOf(headers);
            var transport = headers.Properties().FirstOrDefault(p => TransportHeaders.Contains(p.Name, StringComparer.OrdinalIgnoreCase));
            if (transport != null)
            {
                throw Invalid(transport, "'" + transport.Name + "' is the transport's to set, never a definition's: sent as written it could take the session's secrets to another host behind a shared proxy, or break the request");
            }

            return Templates(headers, use, TemplateKind.Header).Where(header => !HeaderRules.IsContentType(header.Key)).ToList();
        }

        /// <summary>The Content-Type a definition's headers name: one literal media type, which the body is sent with.</summary>
        private string ContentTypeOf(JObject headers)
        {
            var property = ContentTypeProperty(headers);
            if (property == null)
            {
                return null;
            }

            string value = String(property.Value);
            if (value.IndexOf('{') >= 0 || !MediaTypeHeaderValue.TryParse(value, out _))
            {
                throw Invalid(property.Value, "expected a media type such as 'application/vnd.api+json' (no references): the body is sent with it");
            }

            return value;
        }

        private static JProperty ContentTypeProperty(JObject headers) => headers?.Properties().FirstOrDefault(p => HeaderRules.IsContentType(p.Name));

        /// <summary>HTTP Basic: a user name and a password, sent as Authorization (so no 'Authorization' header beside it).</summary>
        private BasicDefinition ReadBasic(JToken token, TemplateUse use, JToken headers)
        {
            var obj = Object(token);
            Fields(obj, "userName", "password");
            var authorization = (headers as JObject)?.Properties().FirstOrDefault(p => string.Equals(p.Name, "Authorization", StringComparison.OrdinalIgnoreCase));
            if (authorization != null)
            {
                throw Invalid(authorization, "'basic' sends the Authorization header; a second one would replace it");
            }

            var basic = new BasicDefinition
            {
                UserName = Template(Required(obj, "userName"), use, TemplateKind.Header),
                Password = Template(Required(obj, "password"), use, TemplateKind.Header),
            };
            if (basic.UserName.Literal.IndexOf(':') >= 0)
            {
                throw Invalid(obj["userName"], "an HTTP Basic user name cannot hold ':', which separates it from the password");
            }

            return basic;
        }

        private JsonTemplate ReadJsonTemplate(JToken token, TemplateUse use)
        {
            if (!(token is JObject) && !(token is JArray))
            {
                throw Invalid(token, "expected a JSON object or array: the body to send, with {...} references in its strings");
            }

            var templates = new Dictionary<string, ValueTemplate>(StringComparer.Ordinal);
            foreach (var value in ((JContainer)token).DescendantsAndSelf().OfType<JValue>().Where(v => v.Type == JTokenType.String))
            {
                templates[value.Path] = Template(value, use, TemplateKind.Text);
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

        /// <summary>What every call carries once logged in (or in key mode).</summary>
        public AuthorizationDefinition ReadAuthorization(JToken token, TemplateUse use)
        {
            var obj = Object(token);
            Fields(obj, "headers", "cookies", "query", "basic");
            var authorization = new AuthorizationDefinition
            {
                Headers = Optional(obj, "headers", t => Headers(t, use, out _)) ?? NoTemplates,
                Cookies = Optional(obj, "cookies", t => Templates(t, use, TemplateKind.Cookie)) ?? NoTemplates,
                Query = Optional(obj, "query", t => Templates(t, use, TemplateKind.Text)) ?? NoTemplates,
                Basic = Optional(obj, "basic", t => ReadBasic(t, use, obj["headers"])),
                ContentType = ContentTypeOf(obj["headers"] as JObject),
            };
            if (authorization.Headers.Count + authorization.Cookies.Count + authorization.Query.Count == 0 && authorization.Basic == null)
            {
                throw Invalid(obj, "name what every call carries: 'headers', 'cookies', 'query' or 'basic'");
            }

            return authorization;
        }

        /// <summary>What a template's text becomes, and so which characters it may not hold.</summary>
        private enum TemplateKind
        {
            Text,
            Header,
            Cookie,
        }

        private IReadOnlyList<KeyValuePair<string, ValueTemplate>> Templates(JToken token, TemplateUse use, TemplateKind kind)
        {
            return Object(token).Properties()
                .Select(property => new KeyValuePair<string, ValueTemplate>(
                    kind == TemplateKind.Text ? NonEmpty(property) : HeaderName(property),
                    Template(property.Value, use, kind)))
                .ToList();
        }

        private ValueTemplate Template(JToken token, TemplateUse use, TemplateKind kind)
        {
            string text = String(token);
            var template = ValueTemplate.Parse(text, out var problem) ?? throw Invalid(token, problem);
            if (kind != TemplateKind.Text && text.Any(c => (c < ' ' && c != '\t') || c == '\u007f'))
            {
                throw Invalid(token, "a header or cookie value cannot hold CR, LF or NUL (nor any control character but tab)");
            }

            if (kind == TemplateKind.Cookie && template.Literal.IndexOf(';') >= 0)
            {
                throw Invalid(token, "a cookie value cannot hold ';', which would end it and start another cookie");
            }

            used.Add(new UsedTemplate(token, template, use));
            return template;
        }

        /// <summary>A path template relative to the base URI: nothing in it may take a request elsewhere.</summary>
        public ValueTemplate RelativePath(JToken token, TemplateUse use)
        {
            string text = String(token);
            var template = Template(token, use, TemplateKind.Text);
            string literal = template.Literal;
            bool dotSegment = text.Split('/').Any(segment => segment == "." || segment == ".." || UnescapedDots(segment));
            if (text.StartsWith("/", StringComparison.Ordinal) || text.Contains("://") || text.Contains("\\") || text.Any(char.IsWhiteSpace)
                || literal.IndexOfAny(new[] { '?', '#' }) >= 0 || dotSegment)
            {
                throw Invalid(token, "expected a path relative to the base URI, such as 'session/login': no leading '/', scheme, '..', query or fragment (put the query in 'query')");
            }

            return template;
        }

        /// <summary>A segment that a server would read as '.' or '..' once unescaped (%2e%2e, %2E.).</summary>
        private static bool UnescapedDots(string segment)
        {
            string unescaped = Uri.UnescapeDataString(segment);
            return unescaped == "." || unescaped == "..";
        }
    }
}
