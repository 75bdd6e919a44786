using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A request body encoded once to bytes and replayable: every retry and every replay after a
    /// re-login sends the same bytes without encoding again.
    /// </summary>
    internal sealed class RequestBody
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly byte[] bytes;
        private readonly MediaTypeHeaderValue contentType;

        private RequestBody(byte[] bytes, string mediaType, string charSet = "utf-8")
            : this(bytes, new MediaTypeHeaderValue(mediaType) { CharSet = charSet })
        {
        }

        private RequestBody(byte[] bytes, MediaTypeHeaderValue contentType)
        {
            this.bytes = bytes;
            this.contentType = contentType;
        }

        public string MediaType => contentType.MediaType;

        public int Length => bytes.Length;

        public HttpContent CreateContent()
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = (MediaTypeHeaderValue)((ICloneable)contentType).Clone();
            return content;
        }

        /// <summary>The same bytes sent as <paramref name="contentType"/>, exactly as written (a service that wants application/vnd.api+json wants no charset).</summary>
        public RequestBody WithContentType(string contentType) => new RequestBody(bytes, MediaTypeHeaderValue.Parse(contentType));

        /// <summary>A form body, as `curl -d name=value` sends it.</summary>
        public static RequestBody Form(IEnumerable<KeyValuePair<string, string>> fields)
        {
            var builder = new StringBuilder();
            foreach (var field in fields)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(FormEscape(field.Key)).Append('=').Append(FormEscape(field.Value ?? string.Empty));
            }

            return new RequestBody(Utf8.GetBytes(builder.ToString()), "application/x-www-form-urlencoded");
        }

        /// <summary>A JSON body, serialized straight to bytes.</summary>
        public static RequestBody Json(object value, string mediaType = "application/json")
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new StreamWriter(buffer, Utf8, 4096, leaveOpen: true))
                using (var json = new JsonTextWriter(writer))
                {
                    JsonSerializer.CreateDefault(JsonSettings).Serialize(json, value);
                }

                return new RequestBody(buffer.ToArray(), mediaType);
            }
        }

        /// <summary>Bytes sent as they are (a file's content, an image), without a charset; copied, so a later change to the array does not alter a replay.</summary>
        public static RequestBody Bytes(byte[] bytes, string mediaType) => new RequestBody((byte[])bytes.Clone(), mediaType, charSet: null);

        /// <summary>Text sent as is (a JSON string the user already built, XML, ...).</summary>
        public static RequestBody Text(string text, string mediaType) => new RequestBody(Utf8.GetBytes(text), mediaType);

        private static readonly JsonSerializerSettings JsonSettings = new JsonSerializerSettings
        {
            // A loop in user objects must fail clearly rather than recurse forever.
            ReferenceLoopHandling = ReferenceLoopHandling.Error,
            MaxDepth = 64,
        };

        /// <summary>A value as a form body carries it (spaces as '+').</summary>
        internal static string FormEscape(string value) => Uri.EscapeDataString(value).Replace("%20", "+");
    }
}
