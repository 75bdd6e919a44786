using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Litmind.PowerShell.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Reads JSON answers straight from the response stream: no intermediate string, a size bound
    /// so a runaway answer cannot exhaust memory, and a top-level array handed out element by
    /// element so large lists flow to the pipeline as they arrive.
    /// </summary>
    internal static class JsonBody
    {
        /// <summary>The most a single JSON document (not a streamed array) may weigh.</summary>
        public const long MaximumDocumentBytes = 32L * 1024 * 1024;

        /// <summary>The most of an error answer that is read to find the server's message.</summary>
        public const long MaximumErrorBytes = 1024 * 1024;

        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>Parses an error answer's JSON object, for the service to read; anything else yields null.</summary>
        public static JObject ReadErrorDocument(SentResponse response)
        {
            try
            {
                using (var reader = CreateReader(new BoundedStream(response.OpenBody(), MaximumErrorBytes)))
                {
                    return reader.Read() && reader.TokenType == JsonToken.StartObject ? JObject.Load(reader) : null;
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>
        /// Opens a successful answer: a top-level array becomes <see cref="ApiResult.Items"/>,
        /// anything else is parsed whole into <see cref="ApiResult.Document"/>.
        /// </summary>
        public static ApiResult Open(SentResponse response, string method, Uri uri)
        {
            string mediaType = response.Message.Content?.Headers.ContentType?.MediaType;
            var result = new ApiResult(response.StatusCode, response.Message.Headers, mediaType, response);
            try
            {
                if (IsHtml(mediaType))
                {
                    throw Failures.InvalidResponse(method, uri, "the server sent an HTML page (" + mediaType + ") instead of JSON.", response.StatusCode);
                }

                var bounded = new BoundedStream(response.OpenBody(), MaximumDocumentBytes);
                var reader = CreateReader(bounded);
                if (!Guard(() => reader.Read(), response, method, uri, mediaType))
                {
                    reader.Close();
                    return result;
                }

                if (reader.TokenType == JsonToken.StartArray)
                {
                    // Each element is bounded on its own; the array as a whole may be any length.
                    result.Items = ReadElements(reader, bounded, response, method, uri, mediaType);
                    return result;
                }

                result.Document = Guard(() => JToken.ReadFrom(reader), response, method, uri, mediaType);
                if (Guard(() => reader.Read(), response, method, uri, mediaType))
                {
                    throw Failures.InvalidResponse(method, uri, "there is more data after the JSON document.", response.StatusCode);
                }

                reader.Close();
                return result;
            }
            catch
            {
                result.Dispose();
                throw;
            }
        }

        /// <summary>Reads the whole body as text, for -Raw, within the document size bound.</summary>
        public static string ReadText(SentResponse response, string method, Uri uri)
        {
            var charset = response.Message.Content?.Headers.ContentType?.CharSet;
            Encoding encoding = Utf8;
            if (!string.IsNullOrEmpty(charset))
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset.Trim('"'));
                }
                catch (ArgumentException)
                {
                    encoding = Utf8;
                }
            }

            using (var reader = new StreamReader(new BoundedStream(response.OpenBody(), MaximumDocumentBytes), encoding))
            {
                return Guard(() => reader.ReadToEnd(), response, method, uri, response.Message.Content?.Headers.ContentType?.MediaType);
            }
        }

        /// <summary>
        /// Copies the whole body, as it arrives and of any size, to <paramref name="destination"/>
        /// (-OutFile). Only the reads are guarded: a failed write is the destination's error, not the server's.
        /// </summary>
        public static void CopyBody(SentResponse response, Stream destination, string method, Uri uri)
        {
            string mediaType = response.Message.Content?.Headers.ContentType?.MediaType;
            var buffer = new byte[64 * 1024];
            using (var body = response.OpenBody())
            {
                int read;
                while ((read = Guard(() => body.Read(buffer, 0, buffer.Length), response, method, uri, mediaType)) > 0)
                {
                    destination.Write(buffer, 0, read);
                }
            }
        }

        private static IEnumerable<JToken> ReadElements(JsonTextReader reader, BoundedStream bounded, SentResponse response, string method, Uri uri, string mediaType)
        {
            try
            {
                while (true)
                {
                    if (!Guard(() => reader.Read(), response, method, uri, mediaType))
                    {
                        throw Failures.InvalidResponse(method, uri, "the JSON array ends before it is closed (truncated answer).", response.StatusCode);
                    }

                    if (reader.TokenType == JsonToken.EndArray)
                    {
                        break;
                    }

                    bounded.ResetCount();
                    yield return Guard(() => JToken.ReadFrom(reader), response, method, uri, mediaType);
                }

                if (Guard(() => reader.Read(), response, method, uri, mediaType))
                {
                    throw Failures.InvalidResponse(method, uri, "there is more data after the JSON array.", response.StatusCode);
                }
            }
            finally
            {
                reader.Close();
            }
        }

        /// <summary>Runs a read and turns parse, size and transport failures into InvalidResponse or cancellation.</summary>
        private static T Guard<T>(Func<T> read, SentResponse response, string method, Uri uri, string mediaType)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is JsonException || ex is InvalidOperationException || ex is System.Net.Http.HttpRequestException)
            {
                if (response.Token.IsCancellationRequested)
                {
                    if (response.TimedOut)
                    {
                        throw Failures.Describe(new LitmindException(ErrorIds.Timeout, LitmindErrorKind.Timeout, Messages.Timeout(method, EndpointResolver.WithoutQuery(uri), response.Timeout), ex), method, uri);
                    }

                    throw new OperationCanceledException(response.Token);
                }

                throw Failures.InvalidResponse(method, uri, Describe(ex, mediaType), response.StatusCode, ex);
            }
        }

        private static string Describe(Exception ex, string mediaType)
        {
            if (ex is BodyTooLargeException tooLarge)
            {
                return "the answer is larger than " + (tooLarge.Limit / (1024 * 1024)) + " MB.";
            }

            if (ex is JsonReaderException json)
            {
                string kind = mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0
                    ? " (content type " + mediaType + ")"
                    : string.Empty;
                return "the body is not valid JSON" + kind + " at line " + json.LineNumber + ", position " + json.LinePosition + ".";
            }

            return "the connection broke while the answer was read (" + ex.GetType().Name + ").";
        }

        private static bool IsHtml(string mediaType) =>
            mediaType != null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

        private static JsonTextReader CreateReader(Stream stream) =>
            new JsonTextReader(new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = 128,
                CloseInput = true,
                // Lets a second document after the first be seen and reported as such.
                SupportMultipleContent = true,
            };
    }
}
