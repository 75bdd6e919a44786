using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Litmind.PowerShell.Conversion;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services.Definitions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>What a refused answer means for the session.</summary>
    internal enum Refusal
    {
        /// <summary>The answer stands: an error for the caller.</summary>
        Final,

        /// <summary>The session expired: the server did not act on the call, which is replayed once renewed.</summary>
        Expired,

        /// <summary>The status may mean expiry or a real refusal: the definition's confirming call decides.</summary>
        Unconfirmed,
    }

    /// <summary>What an exchange's answer must have for a body.</summary>
    internal enum ExchangeBody
    {
        /// <summary>A JSON object: the exchange keeps values from it.</summary>
        Json,

        /// <summary>A JSON object, or nothing (a refresh or a logout may answer empty).</summary>
        JsonOrEmpty,

        /// <summary>Anything: the exchange keeps only headers and cookies; a JSON object is still read for its envelope.</summary>
        Unread,
    }

    /// <summary>
    /// A call's answer as read: its result, or the failure it reports and what that means for the
    /// session. A refusal of a call that takes error answers as answers (-SkipHttpErrorCheck)
    /// keeps the answer until it is taken or the outcome is disposed.
    /// </summary>
    internal sealed class AnswerOutcome : IDisposable
    {
        private SentResponse kept;
        private Func<SentResponse, ApiResult> readKept;

        private AnswerOutcome(ApiResult result, ServiceAnswer answer, LitmindException failure, Refusal refusal)
        {
            Result = result;
            Answer = answer;
            Failure = failure;
            Refusal = refusal;
        }

        /// <summary>The result of a successful answer; null when refused.</summary>
        public ApiResult Result { get; }

        public ServiceAnswer Answer { get; }

        /// <summary>The error a refused answer reports; null on success.</summary>
        public LitmindException Failure { get; }

        public Refusal Refusal { get; }

        public static AnswerOutcome Success(ApiResult result, ServiceAnswer answer) => new AnswerOutcome(result, answer, null, Refusal.Final);

        public static AnswerOutcome Refused(ServiceAnswer answer, LitmindException failure, Refusal refusal) => new AnswerOutcome(null, answer, failure, refusal);

        /// <summary>A refusal whose answer is kept, to be written as the answer if the refusal stands.</summary>
        public static AnswerOutcome RefusedKeepingAnswer(ServiceAnswer answer, LitmindException failure, Refusal refusal, SentResponse sent, Func<SentResponse, ApiResult> read) =>
            new AnswerOutcome(null, answer, failure, refusal) { kept = sent, readKept = read };

        /// <summary>The refused answer as the call's result (-SkipHttpErrorCheck); null when none was kept.</summary>
        public ApiResult TakeAnswer()
        {
            var sent = kept;
            kept = null;
            return sent == null ? null : readKept(sent);
        }

        /// <summary>Releases a kept answer nobody took (the call is replayed, or fails otherwise).</summary>
        public void Dispose()
        {
            kept?.Dispose();
            kept = null;
        }
    }

    /// <summary>
    /// The one reader of answers, as the service definition says: status, envelope, expiry, the
    /// refusals to confirm, hints. Every output mode of a call (objects, -ExpandProperty, -Raw,
    /// -OutFile, the engine's own token trees) and every exchange (login, refresh, logout) is read
    /// here, so no mode writes a reported failure as success or skips a renewal.
    /// </summary>
    internal sealed class AnswerReader
    {
        private readonly CompiledService service;
        private readonly EnvelopeScan scan;
        private readonly IReadOnlyCollection<string> pagePaths;

        public AnswerReader(CompiledService service)
        {
            this.service = service;

            // Text and file bodies are scanned only where the envelope can report a failure.
            string success = service.Definition.Envelope.Success;
            scan = success == null ? null : new EnvelopeScan(service.AnswerFields, success.Split('.')[0]);

            // What a page keeps besides its items: the body paths its paging reads.
            var paging = service.Definition.Paging;
            pagePaths = paging == null ? new string[0]
                : new[] { paging.Total, paging.NextCursor }.Where(value => value?.From == CaptureSource.Body).Select(value => value.Location)
                    .Concat(paging.NextLink == null ? new string[0] : new[] { paging.NextLink }).ToList();
        }

        private ServiceDefinition Definition => service.Definition;

        /// <summary>
        /// Reads a call's answer into what <paramref name="request"/> asks for. A successful
        /// outcome owns the response until its result is disposed; a refused one has released it.
        /// </summary>
        public AnswerOutcome ReadCall(SentResponse sent, ApiRequest request, Uri uri)
        {
            string method = request.Method.Method;
            if (IsRedirect(sent.StatusCode))
            {
                using (sent)
                {
                    throw AnswerFailures.Redirected(sent, method, uri);
                }
            }

            if (!IsSuccess(sent.StatusCode))
            {
                return ReadRefusal(sent, request, uri);
            }

            var (result, envelope) = ReadBody(sent, request, uri);
            var read = Read(sent, envelope);
            if (!read.ReportsFailure)
            {
                if (result.ExpandedMissing)
                {
                    result.Dispose();
                    throw Failures.InvalidResponse(method, uri, Messages.ExpandPropertyMissing(request.ExpandProperty), sent.StatusCode);
                }

                return AnswerOutcome.Success(result, read);
            }

            result.Dispose();
            return AnswerOutcome.Refused(read, AnswerFailures.ReportedFailure(sent, method, uri, read, Definition.Envelope.Success, HintFor(read)), RefusalOf(read));
        }

        /// <summary>
        /// An answer with an error status: the failure it reports, with the server's text. A call
        /// that takes error answers as answers (-SkipHttpErrorCheck) reads the body once into
        /// memory, so the service can read its envelope and it can still be written as the answer.
        /// </summary>
        private AnswerOutcome ReadRefusal(SentResponse sent, ApiRequest request, Uri uri)
        {
            string method = request.Method.Method;
            if (!request.SkipHttpErrorCheck)
            {
                using (sent)
                {
                    var body = JsonBody.ReadErrorBody(sent);
                    var answer = Read(sent, body.Document);
                    return AnswerOutcome.Refused(answer, AnswerFailures.HttpFailure(sent, method, uri, answer, HintFor(answer), body.Text), RefusalOf(answer));
                }
            }

            try
            {
                JsonBody.Guard(
                    () =>
                    {
                        sent.Buffer(JsonBody.MaximumDocumentBytes);
                        return true;
                    },
                    sent,
                    method,
                    uri);
                var body = JsonBody.ReadErrorBody(sent);
                sent.Rewind();
                var answer = Read(sent, body.Document);
                return AnswerOutcome.RefusedKeepingAnswer(answer, AnswerFailures.HttpFailure(sent, method, uri, answer, HintFor(answer), body.Text), RefusalOf(answer), sent, kept => ReadErrorAsAnswer(kept, request, uri, body.Text));
            }
            catch
            {
                sent.Dispose();
                throw;
            }
        }

        /// <summary>
        /// An error answer written as the answer (-SkipHttpErrorCheck), in the shape the call asks
        /// for: JSON as objects, anything else (an HTML error page, plain text) as its text, as
        /// Invoke-RestMethod writes it; an empty body writes nothing. The envelope is not checked:
        /// the status already says it failed, and the caller asked to see it anyway.
        /// </summary>
        private ApiResult ReadErrorAsAnswer(SentResponse sent, ApiRequest request, Uri uri, string text)
        {
            if (request.Shape == AnswerShape.Objects && sent.DeclaresOtherThanJson)
            {
                using (sent)
                {
                    return new ApiResult(sent, null) { Text = JsonBody.ReadText(sent, request.Method.Method, uri, null, out _) };
                }
            }

            try
            {
                return ReadBody(sent, request, uri).Result;
            }
            catch (LitmindException) when (request.Shape == AnswerShape.Objects)
            {
                // Not JSON after all (the reader released the answer): its text, as Invoke-RestMethod
                // writes what it cannot parse.
                return new ApiResult(sent, null) { Text = text };
            }
        }

        /// <summary>Reads a body in the shape the call asks for, and the envelope fields it holds.</summary>
        private (ApiResult Result, JToken Envelope) ReadBody(SentResponse sent, ApiRequest request, Uri uri)
        {
            string method = request.Method.Method;
            ApiResult result;
            JToken envelope;
            switch (request.Shape)
            {
                case AnswerShape.File:
                    using (sent)
                    {
                        envelope = JsonBody.CopyBody(sent, request.OutFile, method, uri, scan);
                        result = new ApiResult(sent, null);
                    }

                    break;
                case AnswerShape.Text:
                    using (sent)
                    {
                        result = new ApiResult(sent, null) { Text = JsonBody.ReadText(sent, method, uri, scan, out var fields) };
                        envelope = fields;
                    }

                    break;
                case AnswerShape.Tree:
                    result = JsonBody.Open(sent, method, uri);
                    envelope = result.Document;
                    RequireBody(result, request, sent, uri);
                    break;
                case AnswerShape.Page:
                    using (sent)
                    {
                        var page = JsonPage.Read(sent, method, uri, Converter(request), Definition.Paging.Items, pagePaths);
                        result = new ApiResult(sent, null) { Page = page };
                        envelope = page.Fields;
                    }

                    break;
                default:
                    result = JsonBody.OpenObjects(sent, method, uri, Converter(request), request.ExpandProperty, fields => ThrowIfReportsFailure(sent, method, uri, fields));
                    envelope = result.Envelope;
                    RequireBody(result, request, sent, uri);
                    break;
            }

            return (result, envelope);
        }

        /// <summary>A converter of this call's answer to objects (or ordered dictionaries, for -AsHashtable).</summary>
        private JsonAnswerConverter Converter(ApiRequest request) =>
            new JsonAnswerConverter(Definition.TypeNames?.Field, Definition.TypeNames?.Prefix, service.AnswerFields, request.MaskAnswerText, request.AsHashtable);

        /// <summary>
        /// Reads a login, refresh or logout answer: an error status is read as the service's error,
        /// a success as one JSON object, as <paramref name="body"/> allows otherwise (empty, or
        /// anything at all when the exchange keeps nothing from its body). The caller owns the response.
        /// </summary>
        public ServiceAnswer ReadExchange(SentResponse sent, RenderedRequest request, string exchange, ExchangeBody body)
        {
            string method = request.Method.Method;
            if (IsRedirect(sent.StatusCode))
            {
                throw AnswerFailures.Redirected(sent, method, request.Uri);
            }

            if (!IsSuccess(sent.StatusCode))
            {
                return Read(sent, JsonBody.ReadErrorBody(sent).Document);
            }

            if (body == ExchangeBody.Unread)
            {
                // Headers and cookies are all it keeps: a body that is not JSON (a welcome page, nothing) is no error.
                return Read(sent, sent.DeclaresOtherThanJson ? null : JsonBody.ReadErrorBody(sent).Document);
            }

            using (var result = JsonBody.Open(sent, method, request.Uri))
            {
                if (result.Items != null)
                {
                    throw Failures.InvalidResponse(method, request.Uri, Messages.AnswerIsArray(exchange), sent.StatusCode);
                }

                if (result.Document == null && body == ExchangeBody.JsonOrEmpty)
                {
                    return Read(sent, null);
                }

                if (!(result.Document is JObject))
                {
                    throw Failures.InvalidResponse(method, request.Uri, result.Document == null ? Messages.EmptyBody : Messages.AnswerNotObject(exchange), sent.StatusCode);
                }

                return Read(sent, result.Document);
            }
        }

        /// <summary>Throws the failure a refresh or logout answer reports.</summary>
        public void ThrowIfFailed(SentResponse sent, RenderedRequest request, ServiceAnswer answer)
        {
            if (!IsSuccess(sent.StatusCode))
            {
                throw AnswerFailures.HttpFailure(sent, request.Method.Method, request.Uri, answer, HintFor(answer), null);
            }

            if (answer.ReportsFailure)
            {
                throw AnswerFailures.ReportedFailure(sent, request.Method.Method, request.Uri, answer, Definition.Envelope.Success, HintFor(answer));
            }
        }

        /// <summary>Reads an answer's envelope: its success flag (true, false, "true" or "false"), error message and code.</summary>
        public ServiceAnswer Read(int status, JToken body) => Read(status, body, null);

        private ServiceAnswer Read(SentResponse sent, JToken body) => Read(sent.StatusCode, body, sent.Message);

        private ServiceAnswer Read(int status, JToken body, System.Net.Http.HttpResponseMessage response)
        {
            var envelope = Definition.Envelope;
            bool? success = envelope.Success == null || body == null ? null : ReadFlag(JsonPath.Find(body, envelope.Success));
            return new ServiceAnswer(
                status,
                body,
                success,
                body == null ? null : envelope.Message.Select(path => JsonPath.FindText(body, path)).FirstOrDefault(text => text != null),
                body == null ? null : envelope.Code.Select(path => JsonPath.FindText(body, path)).FirstOrDefault(text => text != null),
                response);
        }

        /// <summary>The definition's advice for this answer, or null.</summary>
        public string HintFor(ServiceAnswer answer) =>
            Definition.Hints.FirstOrDefault(hint => answer.Matches(hint.Match))?.Text;

        /// <summary>Whether an answer means the session expired, by the statuses, codes and fields the definition names.</summary>
        public bool IsExpired(ServiceAnswer answer) => answer.Matches(Definition.Expired);

        internal static bool IsSuccess(int status) => status >= 200 && status <= 299;

        private static bool IsRedirect(int status) => status >= 300 && status <= 399;

        /// <summary>
        /// A write (POST, PUT, PATCH, DELETE), a HEAD, or a 202, 204 or 205 may have no body: a write
        /// the server carried out is done, and reading it as a failure would make a runbook that
        /// retries act twice. A GET's answer must have one: an empty list is '[]', not nothing.
        /// </summary>
        private static bool AllowsEmptyBody(HttpMethod method, int statusCode) =>
            method != HttpMethod.Get || statusCode == 204 || statusCode == 205 || statusCode == 202;

        private Refusal RefusalOf(ServiceAnswer answer) =>
            IsExpired(answer) ? Refusal.Expired
            : Definition.Confirm != null && Definition.Confirm.Statuses.Contains(answer.Status) ? Refusal.Unconfirmed
            : Refusal.Final;

        private static void RequireBody(ApiResult result, ApiRequest request, SentResponse sent, Uri uri)
        {
            // An error answer kept as the answer (-SkipHttpErrorCheck) may be empty: it writes nothing.
            if (result.Document == null && result.Items == null && !result.HasValue && result.Objects == null && !result.ExpandedMissing && IsSuccess(sent.StatusCode) && !AllowsEmptyBody(request.Method, sent.StatusCode))
            {
                result.Dispose();
                throw Failures.InvalidResponse(request.Method.Method, uri, Messages.EmptyBody, sent.StatusCode);
            }
        }

        /// <summary>The check of an envelope whose last fields came after a streamed list: a failure it reports is an error still.</summary>
        private void ThrowIfReportsFailure(SentResponse sent, string method, Uri uri, JObject fields)
        {
            var answer = Read(sent, fields);
            if (answer.ReportsFailure)
            {
                throw AnswerFailures.ReportedFailure(sent, method, uri, answer, Definition.Envelope.Success, HintFor(answer));
            }
        }

        private static bool? ReadFlag(JToken token)
        {
            if (token?.Type == JTokenType.Boolean)
            {
                return (bool)token;
            }

            // Some servers send the flag as text; "false" must not pass for success.
            if (token?.Type == JTokenType.String && bool.TryParse(((string)token).Trim(), out var flag))
            {
                return flag;
            }

            return null;
        }
    }
}
