using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services.Definitions;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// Fills in a definition's request templates (login, refresh, logout, the account list, the
    /// confirming call) and adds the session's authorization to a call. A missing required value
    /// fails here, before anything is sent.
    /// </summary>
    internal sealed class RequestRenderer
    {
        private readonly CompiledService service;

        public RequestRenderer(CompiledService service)
        {
            this.service = service;
        }

        /// <summary>A request with its templates filled in, ready to be sent as often as the pipeline needs.</summary>
        public RenderedRequest Render(RequestDefinition request, Uri baseUri, TemplateValues values)
        {
            var headers = Render(request.Headers, values);
            string cookie = CookieHeader(request.Cookies, values);
            if (cookie != null)
            {
                headers.Add(new KeyValuePair<string, string>("Cookie", cookie));
            }

            if (request.Basic != null)
            {
                headers.Add(new KeyValuePair<string, string>("Authorization", Basic(request.Basic, values)));
            }

            RequestBody body = null;
            if (request.BodyKind == BodyKind.Form)
            {
                body = RequestBody.Form(Render(request.Form, values));
            }
            else if (request.BodyKind == BodyKind.Json)
            {
                body = RequestBody.Json(request.Json.Render(values.Lookup));
            }

            if (body != null && request.ContentType != null)
            {
                body = body.WithContentType(request.ContentType);
            }

            var uri = EndpointResolver.Resolve(baseUri, RenderPath(request.Path, values), Render(request.Query, values));
            return new RenderedRequest(new HttpMethod(request.Method), uri, headers, body);
        }

        /// <summary>A path template with its values escaped as path segments.</summary>
        public static string RenderPath(ValueTemplate path, TemplateValues values) =>
            path.Render(reference =>
            {
                var value = values.Lookup(reference);
                return value == null ? null : Uri.EscapeDataString(ValueTemplate.Format(value));
            });

        /// <summary>
        /// Adds the session's authorization to a call: its headers and HTTP Basic (replacing any the
        /// user gave under the same names), its cookies (not on a call to another of the service's
        /// domains: cookies stay with the domain that set them), its query values, and the media
        /// type of a body the user gave none for.
        /// </summary>
        public void Authorize(HttpRequestMessage message, TemplateValues values, bool keyMode, CallTarget target)
        {
            var authorization = keyMode ? service.Definition.KeyAuthorize : service.Definition.Authorize;
            var headers = Render(authorization.Headers, values);
            if (authorization.Basic != null)
            {
                headers.Add(new KeyValuePair<string, string>("Authorization", Basic(authorization.Basic, values)));
            }

            foreach (var header in headers)
            {
                message.Headers.Remove(header.Key);
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            string cookie = target.OnOwnDomain ? CookieHeader(authorization.Cookies, values) : null;
            if (cookie != null)
            {
                message.Headers.Remove("Cookie");
                message.Headers.TryAddWithoutValidation("Cookie", cookie);
            }

            var query = Render(authorization.Query, values);
            if (query.Count > 0)
            {
                message.RequestUri = EndpointResolver.WithQuery(message.RequestUri, query);
            }

            if (authorization.ContentType != null && message.Content != null && !target.ContentTypeGiven)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(authorization.ContentType);
            }
        }

        /// <summary>HTTP Basic (RFC 7617): the user name and password, UTF-8, base64.</summary>
        private static string Basic(BasicDefinition basic, TemplateValues values)
        {
            string userName = basic.UserName.Render(values.Lookup) ?? string.Empty;
            if (userName.IndexOf(':') >= 0)
            {
                throw Errors.Failures.InvalidArgument(Messages.BasicUserNameHasColon);
            }

            string password = basic.Password.Render(values.Lookup) ?? string.Empty;
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password));
        }

        private static List<KeyValuePair<string, string>> Render(IReadOnlyList<KeyValuePair<string, ValueTemplate>> templates, TemplateValues values)
        {
            var rendered = new List<KeyValuePair<string, string>>();
            foreach (var pair in templates ?? new KeyValuePair<string, ValueTemplate>[0])
            {
                string value = pair.Value.Render(values.Lookup);
                if (value != null)
                {
                    rendered.Add(new KeyValuePair<string, string>(pair.Key, value));
                }
            }

            return rendered;
        }

        private static string CookieHeader(IReadOnlyList<KeyValuePair<string, ValueTemplate>> cookies, TemplateValues values)
        {
            var rendered = Render(cookies, values);
            return rendered.Count == 0 ? null : string.Join("; ", rendered.Select(c => c.Key + "=" + c.Value));
        }
    }
}
