using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
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

            RequestBody body = null;
            if (request.BodyKind == BodyKind.Form)
            {
                body = RequestBody.Form(Render(request.Form, values));
            }
            else if (request.BodyKind == BodyKind.Json)
            {
                body = RequestBody.Json(request.Json.Render(values.Lookup));
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

        /// <summary>Adds the session's headers and cookies to a call; they replace any the user gave under the same names.</summary>
        public void Authorize(HttpRequestMessage message, TemplateValues values, bool keyMode)
        {
            var authorization = keyMode ? service.Definition.KeyAuthorize : service.Definition.Authorize;
            foreach (var header in Render(authorization.Headers, values))
            {
                message.Headers.Remove(header.Key);
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            string cookie = CookieHeader(authorization.Cookies, values);
            if (cookie != null)
            {
                message.Headers.Remove("Cookie");
                message.Headers.TryAddWithoutValidation("Cookie", cookie);
            }
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
