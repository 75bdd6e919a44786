using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
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

        /// <summary>How deep JSON may nest: what ConvertFrom-Json reads by default.</summary>
        public const int MaximumDepth = 1024;

        /// <summary>The most of an error answer that is read to find the server's message.</summary>
        public const long MaximumErrorBytes = 1024 * 1024;

        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>
        /// Reads an error answer: its text (the first <see cref="MaximumErrorBytes"/> characters, in
        /// the declared charset), for $_.ErrorDetails.Message as Invoke-RestMethod gives it, and its
        /// JSON object, for the service to read (null for anything else). A body that cannot be read
        /// gives what was read of it.
        /// </summary>
        public static ErrorBody ReadErrorBody(SentResponse response)
        {
            var text = new StringBuilder();
            try
            {
                using (var reader = new StreamReader(response.OpenBody(), EncodingOf(response), detectEncodingFromByteOrderMarks: true, bufferSize: 4096))
                {
                    var buffer = new char[4096];
                    int read;
                    while (text.Length < MaximumErrorBytes && (read = reader.Read(buffer, 0, (int)Math.Min(buffer.Length, MaximumErrorBytes - text.Length))) > 0)
                    {
                        text.Append(buffer, 0, read);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException || ex is System.Net.Http.HttpRequestException)
            {
                // What arrived is what there is to show.
            }

            string body = text.ToString();
            return new ErrorBody(body, ParseObject(body));
        }

        /// <summary>The JSON object a text holds, or null when it holds anything else.</summary>
        private static JObject ParseObject(string text)
        {
            string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            if (trimmed.Length == 0 || trimmed[0] != '{')
            {
                return null;
            }

            try
            {
                using (var reader = new JsonTextReader(new StringReader(trimmed)) { DateParseHandling = DateParseHandling.None, MaxDepth = MaximumDepth })
                {
                    return reader.Read() ? JObject.Load(reader) : null;
                }
            }
            catch (JsonException)
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
            var result = new ApiResult(response, response);
            try
            {
                ThrowIfHtml(response, method, uri);

                var bounded = new BoundedStream(response.OpenBody(), MaximumDocumentBytes);
                var reader = CreateReader(bounded, response);
                if (!Guard(() => reader.Read(), response, method, uri))
                {
                    reader.Close();
                    return result;
                }

                if (reader.TokenType == JsonToken.StartArray)
                {
                    // Each element is bounded on its own; the array as a whole may be any length.
                    result.Items = ReadElements(reader, bounded, JToken.ReadFrom, () => EnsureEnd(reader, response, method, uri), response, method, uri);
                    return result;
                }

                result.Document = Guard(() => JToken.ReadFrom(reader), response, method, uri);
                EnsureEnd(reader, response, method, uri);
                reader.Close();
                return result;
            }
            catch
            {
                result.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens a successful answer for the pipeline, converted straight from the reader with no
        /// token tree. A top-level array becomes <see cref="ApiResult.Objects"/>, streamed; with
        /// <paramref name="expandProperty"/>, so does the list under that field of the top-level
        /// object, whose other fields are read around it for <see cref="ApiResult.Envelope"/> and
        /// handed to <paramref name="checkEnvelope"/> once the whole body is read. Anything else is
        /// converted whole into <see cref="ApiResult.Value"/>. Only what is kept whole is bounded.
        /// </summary>
        public static ApiResult OpenObjects(SentResponse response, string method, Uri uri, JsonAnswerConverter converter, string expandProperty, Action<JObject> checkEnvelope)
        {
            var result = new ApiResult(response, response);
            JsonTextReader reader = null;
            try
            {
                ThrowIfHtml(response, method, uri);

                var bounded = new BoundedStream(response.OpenBody(), MaximumDocumentBytes);
                reader = CreateReader(bounded, response, parseDates: true);
                T Read<T>(Func<T> read) => Guard(read, response, method, uri);
                if (!Read(reader.Read))
                {
                    reader.Close();
                    return result;
                }

                if (expandProperty == null && reader.TokenType == JsonToken.StartArray)
                {
                    result.Objects = ReadElements(reader, bounded, converter.ReadValue, () => EnsureEnd(reader, response, method, uri), response, method, uri);
                    return result;
                }

                if (expandProperty == null)
                {
                    result.Value = Read(() =>
                    {
                        var value = converter.ReadTop(reader, out var envelope);
                        result.Envelope = envelope;
                        return value;
                    });
                    result.HasValue = true;
                    EnsureEnd(reader, response, method, uri);
                    reader.Close();
                    return result;
                }

                if (reader.TokenType != JsonToken.StartObject)
                {
                    throw Failures.InvalidResponse(method, uri, Messages.ExpandPropertyNotObject(expandProperty), response.StatusCode);
                }

                var fields = new JObject();
                result.Envelope = fields;
                if (!ReadEnvelopeFields(reader, expandProperty, fields, converter, response, method, uri))
                {
                    result.ExpandedMissing = true;
                    EnsureEnd(reader, response, method, uri);
                    reader.Close();
                    return result;
                }

                Action readRest = () =>
                {
                    bounded.ResetCount();
                    ReadEnvelopeFields(reader, null, fields, converter, response, method, uri);
                    EnsureEnd(reader, response, method, uri);
                };
                if (reader.TokenType == JsonToken.StartArray)
                {
                    // The list streams; the fields after it are checked when it has been read.
                    result.Objects = ReadElements(reader, bounded, converter.ReadValue, () => { readRest(); checkEnvelope(fields); }, response, method, uri);
                    return result;
                }

                // Not a list: its value, as Select-Object -ExpandProperty writes it (nothing for null).
                var single = Read(() => converter.ReadValue(reader));
                result.Objects = single == null ? new object[0] : new[] { single };
                readRest();
                reader.Close();
                return result;
            }
            catch
            {
                reader?.Close();
                result.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Reads the whole body as text, for -Raw, within the document size bound; when
        /// <paramref name="envelope"/> asks, the envelope fields of a JSON answer are read from it too.
        /// </summary>
        public static string ReadText(SentResponse response, string method, Uri uri, EnvelopeScan envelope, out JObject fields)
        {
            using (var reader = new StreamReader(new BoundedStream(response.OpenBody(), MaximumDocumentBytes), EncodingOf(response)))
            {
                string text = Guard(() => reader.ReadToEnd(), response, method, uri);
                fields = envelope != null && IsJsonOrUndeclared(response) ? envelope.Read(new StringReader(text)) : null;
                return text;
            }
        }

        /// <summary>
        /// Copies the whole body, as it arrives and of any size, to <paramref name="destination"/>
        /// (-OutFile), emptied first. When <paramref name="envelope"/> asks, the envelope fields of a
        /// JSON answer are read from the bytes as they pass, with no more memory than the fields.
        /// Only the reads are guarded: a failed write is the destination's error, not the server's.
        /// </summary>
        public static JObject CopyBody(SentResponse response, Stream destination, string method, Uri uri, EnvelopeScan envelope)
        {
            if (destination.CanSeek)
            {
                destination.SetLength(0);
            }

            using (var body = new GuardedStream(response.OpenBody(), response, method, uri))
            {
                JObject fields = null;
                if (envelope != null && IsJsonOrUndeclared(response))
                {
                    // The scan reads through a tee, so every byte it takes is written as it is read.
                    var tee = new TeeStream(body, destination);
                    fields = envelope.Read(new StreamReader(tee, EncodingOf(response), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true));
                }

                body.CopyTo(destination, 64 * 1024);
                return fields;
            }
        }

        /// <summary>
        /// Reads the top-level object's fields into <paramref name="fields"/> (those the definition
        /// reads) until the field named <paramref name="stopAt"/> (any case): then the reader is on
        /// that field's value and the answer is true. Without such a field, or with
        /// <paramref name="stopAt"/> null, it reads to the object's end and answers false.
        /// </summary>
        private static bool ReadEnvelopeFields(JsonTextReader reader, string stopAt, JObject fields, JsonAnswerConverter converter, SentResponse response, string method, Uri uri)
        {
            while (Guard(() => JsonAnswerConverter.NextToken(reader), response, method, uri) != JsonToken.EndObject)
            {
                string name = (string)reader.Value;
                Guard(() => JsonAnswerConverter.NextToken(reader), response, method, uri);
                if (stopAt != null && string.Equals(name, stopAt, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                ReadEnvelopeField(reader, name, fields, converter, response, method, uri);
            }

            return false;
        }

        /// <summary>A top-level field beside the expanded list: kept when the definition reads it, skipped otherwise.</summary>
        private static void ReadEnvelopeField(JsonTextReader reader, string name, JObject fields, JsonAnswerConverter converter, SentResponse response, string method, Uri uri)
        {
            if (converter.IsEnvelopeField(name))
            {
                Guard(() => converter.ReadEnvelopeField(reader, name, fields), response, method, uri);
            }
            else
            {
                Guard(
                    () =>
                    {
                        reader.Skip();
                        return true;
                    },
                    response,
                    method,
                    uri);
            }
        }

        /// <summary>The document must end here: a second document after it is an error.</summary>
        internal static void EnsureEnd(JsonTextReader reader, SentResponse response, string method, Uri uri)
        {
            if (Guard(() => reader.Read(), response, method, uri))
            {
                throw Failures.InvalidResponse(method, uri, "there is more data after the JSON document.", response.StatusCode);
            }
        }

        /// <summary>
        /// The elements of the array the reader is at, each read by <paramref name="readElement"/> as it
        /// arrives and bounded on its own; <paramref name="afterArray"/> reads what follows the array.
        /// </summary>
        private static IEnumerable<T> ReadElements<T>(JsonTextReader reader, BoundedStream bounded, Func<JsonReader, T> readElement, Action afterArray, SentResponse response, string method, Uri uri)
        {
            try
            {
                while (true)
                {
                    if (!Guard(() => reader.Read(), response, method, uri))
                    {
                        throw Failures.InvalidResponse(method, uri, "the JSON array ends before it is closed (truncated answer).", response.StatusCode);
                    }

                    if (reader.TokenType == JsonToken.EndArray)
                    {
                        break;
                    }

                    if (reader.TokenType == JsonToken.Comment)
                    {
                        continue;
                    }

                    bounded.ResetCount();
                    yield return Guard(() => readElement(reader), response, method, uri);
                }

                afterArray();
            }
            finally
            {
                reader.Close();
            }
        }

        /// <summary>Runs a read and turns parse, size and transport failures into InvalidResponse or cancellation.</summary>
        internal static T Guard<T>(Func<T> read, SentResponse response, string method, Uri uri)
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
                        throw Failures.Timeout(method, uri, response.Timeout, ex);
                    }

                    throw new OperationCanceledException(response.Token);
                }

                throw Failures.InvalidResponse(method, uri, Describe(ex, response), response.StatusCode, ex);
            }
        }

        private static string Describe(Exception ex, SentResponse response)
        {
            if (ex is BodyTooLargeException tooLarge)
            {
                return Messages.AnswerTooLarge(tooLarge.Limit / (1024 * 1024));
            }

            if (ex is DuplicateKeyException)
            {
                return ex.Message;
            }

            if (ex is JsonReaderException json)
            {
                if (json.Message.StartsWith("The reader's MaxDepth", StringComparison.Ordinal))
                {
                    return "the JSON is nested deeper than " + MaximumDepth + " levels (ConvertFrom-Json's limit). Use -Raw to read it as text.";
                }

                string kind = response.DeclaresOtherThanJson ? " (content type " + response.MediaType + ")" : string.Empty;
                return "the body is not valid JSON" + kind + " at line " + json.LineNumber + ", position " + json.LinePosition + ".";
            }

            return "the connection broke while the answer was read (" + ex.GetType().Name + ").";
        }

        /// <summary>Whether the answer says it is JSON, or says nothing (many APIs leave the type out).</summary>
        private static bool IsJsonOrUndeclared(SentResponse response) => !response.DeclaresOtherThanJson;

        /// <summary>An HTML page (a proxy's, a login form) is refused before it is read as JSON.</summary>
        internal static void ThrowIfHtml(SentResponse response, string method, Uri uri)
        {
            string mediaType = response.MediaType;
            if (mediaType != null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)))
            {
                throw Failures.InvalidResponse(method, uri, "the server sent an HTML page (" + mediaType + ") instead of JSON.", response.StatusCode);
            }
        }

        private static int BufferSize(long? contentLength) =>
            contentLength.HasValue && contentLength.Value < 16 * 1024 ? (int)Math.Max(contentLength.Value, 128) : 16 * 1024;

        /// <summary>The charset the answer declares (JSON is UTF-8 when it names none or an unknown one).</summary>
        private static Encoding EncodingOf(SentResponse response)
        {
            var charset = response.Message.Content?.Headers.ContentType?.CharSet?.Trim('"');
            // The usual charset is answered without Encoding.GetEncoding: PowerShell registers the
            // code-page provider, which is asked first and cost a few microseconds per call.
            if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return Utf8;
            }

            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                return Utf8;
            }
        }

        /// <summary>
        /// A reader of the body in the declared charset. Its buffers are sized to the body when the
        /// length is known and small: most answers are a few KB, and 16 KB of byte and char buffers
        /// per call was most of what a call allocated. With <paramref name="parseDates"/>, ISO 8601
        /// strings are read as DateTime exactly as ConvertFrom-Json reads them (its parser is this
        /// one); the engine's own reading keeps them as text.
        /// </summary>
        internal static JsonTextReader CreateReader(Stream stream, SentResponse response, bool parseDates = false) =>
            new JsonTextReader(new StreamReader(stream, EncodingOf(response), detectEncodingFromByteOrderMarks: true, bufferSize: BufferSize(response.Message.Content?.Headers.ContentLength)))
            {
                DateParseHandling = parseDates ? DateParseHandling.DateTime : DateParseHandling.None,
                DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
                MaxDepth = MaximumDepth,
                CloseInput = true,
                // Lets a second document after the first be seen and reported as such.
                SupportMultipleContent = true,
            };
    }
}
