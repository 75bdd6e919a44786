using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// An answer whose headers have arrived and whose body is still on the wire. Every read of the
    /// body is charged to the call's <see cref="CallBudget"/> (never the time the caller spends
    /// between reads); cancelling the call (Ctrl+C, the budget running out) aborts a read in
    /// progress by disposing the response.
    /// </summary>
    internal sealed class SentResponse : IDisposable
    {
        private readonly CancellationTokenSource linked;
        private readonly CancellationTokenSource callToken;
        private readonly CancellationTokenRegistration abortOnCancel;
        private byte[] buffered;

        public SentResponse(HttpResponseMessage message, CancellationTokenSource linked, CancellationTokenSource callToken, int retries, CallBudget budget)
        {
            Message = message;
            this.linked = linked;
            this.callToken = callToken;
            Retries = retries;
            Budget = budget;
            abortOnCancel = linked.Token.Register(message.Dispose);
        }

        public HttpResponseMessage Message { get; }

        public int StatusCode => (int)Message.StatusCode;

        /// <summary>The media type the answer declares; null when it declares none.</summary>
        public string MediaType => Message.Content?.Headers.ContentType?.MediaType;

        /// <summary>True when the answer declares a media type that is not JSON (an HTML page, plain text).</summary>
        public bool DeclaresOtherThanJson => MediaType is string type && type.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0;

        /// <summary>How many retries the pipeline spent before this answer.</summary>
        public int Retries { get; }

        /// <summary>The call's time on the server, which the body's reads go on spending.</summary>
        public CallBudget Budget { get; }

        /// <summary>The call's whole timeout, for messages.</summary>
        public TimeSpan Timeout => Budget.Limit;

        /// <summary>Cancelled when the caller stops the call or its timeout passes.</summary>
        public CancellationToken Token => linked.Token;

        /// <summary>True when the call's own budget, not the caller, ended it.</summary>
        public bool TimedOut => callToken.IsCancellationRequested;

        /// <summary>
        /// Reads the whole body now (at most <paramref name="maximumBytes"/>), so that it can be
        /// read again from the start after each <see cref="Rewind"/>: an error answer that is read
        /// for the service's envelope and then written as the answer (-SkipHttpErrorCheck).
        /// </summary>
        public void Buffer(long maximumBytes)
        {
            using (var body = new BoundedStream(OpenBody(), maximumBytes))
            using (var copy = new MemoryStream())
            {
                body.CopyTo(copy);
                buffered = copy.ToArray();
            }

            Rewind();
        }

        /// <summary>After <see cref="Buffer"/>: the body can be read again from its start.</summary>
        public void Rewind()
        {
            var original = Message.Content;
            var content = new ByteArrayContent(buffered);
            if (original != null)
            {
                foreach (var header in original.Headers.Where(header => !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                original.Dispose();
            }

            Message.Content = content;
        }

        public Stream OpenBody() => Message.Content == null
            ? Stream.Null
            : new ReadTimeoutStream(Message.Content.ReadAsStreamAsync().GetAwaiter().GetResult(), callToken, Budget);

        public void Dispose()
        {
            abortOnCancel.Dispose();
            Message.Dispose();
            linked.Dispose();
            callToken.Dispose();
        }
    }
}
