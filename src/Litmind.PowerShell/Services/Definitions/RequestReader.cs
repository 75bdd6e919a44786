using System;
using System.Collections.Generic;
using System.Linq;
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

        private static readonly string[] RequestFields = { "method", "path", "query", "headers", "cookies", "form", "json" };
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
            request.Headers = Optional(obj, "headers", t => Templates(t, use, TemplateKind.Header)) ?? NoTemplates;
            request.Cookies = Optional(obj, "cookies", t => Templates(t, use, TemplateKind.Cookie)) ?? NoTemplates;
            if (obj["form"] != null && obj["json"] != null)
            {
                throw Invalid(obj["json"], "a request has a 'form' body or a 'json' body, not both");
            }

            request.Form = Optional(obj, "form", t => Templates(t, use, TemplateKind.Text));
            request.Json = Optional(obj, "json", t => ReadJsonTemplate(t, use));
            request.BodyKind = request.Form != null ? BodyKind.Form : request.Json != null ? BodyKind.Json : BodyKind.None;
            return request;
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
            Fields(obj, "headers", "cookies");
            var authorization = new AuthorizationDefinition
            {
                Headers = Optional(obj, "headers", t => Templates(t, use, TemplateKind.Header)) ?? NoTemplates,
                Cookies = Optional(obj, "cookies", t => Templates(t, use, TemplateKind.Cookie)) ?? NoTemplates,
            };
            if (authorization.Headers.Count + authorization.Cookies.Count == 0)
            {
                throw Invalid(obj, "name the 'headers' or 'cookies' every call carries");
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
