using System;
using System.Net.Http.Headers;
using System.Text;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A body's Content-Type: the header value exactly as it is sent (a multipart boundary,
    /// odata=verbose and every other parameter kept), its media type, and the encoding text is
    /// written in: the charset it names, UTF-8 when it names none.
    /// </summary>
    internal sealed class BodyContentType
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private BodyContentType(string value, string mediaType, Encoding encoding)
        {
            Value = value;
            MediaType = mediaType;
            Encoding = encoding;
        }

        /// <summary>The Content-Type header as it is sent.</summary>
        public string Value { get; }

        /// <summary>The media type alone ('application/json'), for deciding how to encode a body.</summary>
        public string MediaType { get; }

        /// <summary>What text is encoded in.</summary>
        public Encoding Encoding { get; }

        /// <summary>Whether the media type is <paramref name="mediaType"/> (whatever its parameters).</summary>
        public bool Is(string mediaType) => string.Equals(MediaType, mediaType, StringComparison.OrdinalIgnoreCase);

        /// <summary>A media type the module chose for text it encodes: UTF-8, and the header says so.</summary>
        public static BodyContentType Utf8Text(string mediaType) => new BodyContentType(mediaType + "; charset=utf-8", mediaType, Utf8);

        /// <summary>A media type the module chose for bytes that go as they are: no charset.</summary>
        public static BodyContentType Binary(string mediaType) => new BodyContentType(mediaType, mediaType, Utf8);

        /// <summary>
        /// A -ContentType as the user gave it: sent as written once it is a media type that can go
        /// into a header and names a charset this system can encode (checked before anything is sent).
        /// </summary>
        public static BodyContentType Parse(string value)
        {
            HeaderRules.CheckValue(value, "-ContentType");
            string trimmed = value.Trim();
            if (!MediaTypeHeaderValue.TryParse(trimmed, out var parsed))
            {
                throw Failures.InvalidArgument(Messages.ContentTypeInvalid(trimmed));
            }

            return new BodyContentType(trimmed, parsed.MediaType, EncodingOf(parsed.CharSet));
        }

        /// <summary>
        /// <paramref name="text"/> as bytes in this content type's charset. A character the charset
        /// lacks fails the call before anything is sent, instead of going as '?'.
        /// </summary>
        /// <param name="text">The text.</param>
        /// <param name="what">What the text is, for the message ("-Body").</param>
        public byte[] Encode(string text, string what)
        {
            try
            {
                return Encoding.GetBytes(text);
            }
            catch (EncoderFallbackException ex)
            {
                throw Unencodable(what, ex);
            }
        }

        /// <summary>The failure for a character this content type's charset cannot encode.</summary>
        public LitmindException Unencodable(string what, EncoderFallbackException cause) =>
            Failures.InvalidArgument(Messages.BodyNotEncodable(what, Encoding.WebName, cause.CharUnknown));

        private static Encoding EncodingOf(string charSet)
        {
            string name = charSet?.Trim().Trim('"').Trim();
            if (string.IsNullOrEmpty(name))
            {
                return Utf8;
            }

            try
            {
                // Exception fallbacks: a character the charset lacks is an error, never a '?'.
                return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
            }
            catch (ArgumentException)
            {
                throw Failures.InvalidArgument(Messages.CharSetUnknown(name));
            }
        }
    }
}
