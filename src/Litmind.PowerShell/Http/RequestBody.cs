using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A request body that can be sent once per attempt: every retry and every replay after a
    /// re-login gets a fresh content (a request message and its content cannot be sent twice).
    /// Text, forms and JSON are encoded once to bytes; the Content-Type goes exactly as given.
    /// </summary>
    internal sealed class RequestBody
    {
        private readonly Func<HttpContent> createContent;

        private RequestBody(Func<HttpContent> createContent, string contentType)
        {
            this.createContent = createContent;
            ContentType = contentType;
        }

        /// <summary>The Content-Type header as it is sent; null when the content brings its own (multipart's boundary).</summary>
        public string ContentType { get; }

        /// <summary>The media type alone, such as 'application/json'.</summary>
        public string MediaType => ContentType == null ? null : MediaTypeHeaderValue.Parse(ContentType).MediaType;

        /// <summary>The content for one attempt, its Content-Type set.</summary>
        public HttpContent CreateContent()
        {
            var content = createContent();
            if (ContentType != null)
            {
                // As written: parsing and writing it again would reformat the user's parameters.
                content.Headers.Remove("Content-Type");
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            return content;
        }

        /// <summary>The same body sent as <paramref name="contentType"/>, exactly as written (a service that wants application/vnd.api+json wants no charset).</summary>
        public RequestBody WithContentType(string contentType) => new RequestBody(createContent, MediaTypeHeaderValue.Parse(contentType).ToString());

        /// <summary>
        /// A form body, as `curl -d name=value` sends it: each name and value percent-encoded as
        /// bytes of the content type's charset (UTF-8 when none), spaces as '+'.
        /// </summary>
        public static RequestBody Form(IEnumerable<KeyValuePair<string, string>> fields, BodyContentType contentType = null)
        {
            contentType = contentType ?? BodyContentType.Utf8Text("application/x-www-form-urlencoded");
            var builder = new StringBuilder();
            foreach (var field in fields)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(FormEscape(field.Key, contentType, "-Body")).Append('=').Append(FormEscape(field.Value ?? string.Empty, contentType, "-Body"));
            }

            // Percent-encoded: ASCII whatever the charset.
            return Bytes(Encoding.ASCII.GetBytes(builder.ToString()), contentType.Value, copy: false);
        }

        /// <summary>A JSON body, serialized straight to bytes in the content type's charset (UTF-8 when none).</summary>
        public static RequestBody Json(object value, BodyContentType contentType = null)
        {
            contentType = contentType ?? BodyContentType.Utf8Text("application/json");
            using (var buffer = new MemoryStream())
            {
                try
                {
                    using (var writer = new StreamWriter(buffer, contentType.Encoding, 4096, leaveOpen: true))
                    using (var json = new JsonTextWriter(writer))
                    {
                        JsonSerializer.CreateDefault(JsonSettings).Serialize(json, value);
                    }
                }
                catch (EncoderFallbackException ex)
                {
                    throw contentType.Unencodable("-Body", ex);
                }

                return Bytes(WithoutPreamble(buffer, contentType.Encoding), contentType.Value, copy: false);
            }
        }

        /// <summary>Bytes sent as they are (a file's content, an image), the Content-Type as given (no charset added); copied, so a later change to the array does not alter a replay.</summary>
        public static RequestBody Bytes(byte[] bytes, string contentType) => Bytes(bytes, contentType, copy: true);

        /// <summary>Text sent as is (a JSON string the user already built, XML, ...), in the content type's charset.</summary>
        public static RequestBody Text(string text, BodyContentType contentType) => Bytes(contentType.Encode(text, "-Body"), contentType.Value, copy: false);

        /// <summary>A body whose content <paramref name="createContent"/> makes anew for each attempt.</summary>
        internal static RequestBody Of(Func<HttpContent> createContent, string contentType) => new RequestBody(createContent, contentType);

        private static RequestBody Bytes(byte[] bytes, string contentType, bool copy)
        {
            byte[] sent = copy ? (byte[])bytes.Clone() : bytes;
            return new RequestBody(() => new ByteArrayContent(sent), contentType);
        }

        private static readonly JsonSerializerSettings JsonSettings = new JsonSerializerSettings
        {
            // A loop in user objects must fail clearly rather than recurse forever.
            ReferenceLoopHandling = ReferenceLoopHandling.Error,
            MaxDepth = 64,
        };

        /// <summary>The written bytes without the byte order mark a StreamWriter puts first for some encodings (UTF-16): a body starts with its text.</summary>
        private static byte[] WithoutPreamble(MemoryStream buffer, Encoding encoding)
        {
            byte[] written = buffer.ToArray();
            byte[] preamble = encoding.GetPreamble();
            if (preamble.Length == 0 || written.Length < preamble.Length)
            {
                return written;
            }

            for (int i = 0; i < preamble.Length; i++)
            {
                if (written[i] != preamble[i])
                {
                    return written;
                }
            }

            byte[] text = new byte[written.Length - preamble.Length];
            Buffer.BlockCopy(written, preamble.Length, text, 0, text.Length);
            return text;
        }

        /// <summary>A value as a UTF-8 form body carries it (spaces as '+').</summary>
        internal static string FormEscape(string value) => Uri.EscapeDataString(value).Replace("%20", "+");

        /// <summary>A value as a form body in <paramref name="contentType"/>'s charset carries it: unreserved ASCII as is, a space as '+', every other byte as %XX.</summary>
        private static string FormEscape(string value, BodyContentType contentType, string what)
        {
            var escaped = new StringBuilder(value.Length);
            foreach (byte b in contentType.Encode(value, what))
            {
                char c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
                {
                    escaped.Append(c);
                }
                else if (c == ' ')
                {
                    escaped.Append('+');
                }
                else
                {
                    escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return escaped.ToString();
        }
    }
}
