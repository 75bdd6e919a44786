using System;
using System.IO;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>
    /// A body whose reads turn parse, size and transport failures into the module's errors (or
    /// cancellation), as every read of an answer does.
    /// </summary>
    internal sealed class GuardedStream : ReadOnlyStreamView
    {
        private readonly SentResponse response;
        private readonly string method;
        private readonly Uri uri;

        public GuardedStream(Stream inner, SentResponse response, string method, Uri uri)
            : base(inner)
        {
            this.response = response;
            this.method = method;
            this.uri = uri;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            JsonBody.Guard(() => Inner.Read(buffer, offset, count), response, method, uri);
    }

    /// <summary>
    /// Reads through to another stream: every byte read is written to <c>copy</c> as it passes,
    /// so whatever reads it (an envelope scan) costs the copy no second pass. The copy stays open.
    /// </summary>
    internal sealed class TeeStream : ReadOnlyStreamView
    {
        private readonly Stream copy;

        public TeeStream(Stream inner, Stream copy)
            : base(inner)
        {
            this.copy = copy;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = Inner.Read(buffer, offset, count);
            copy.Write(buffer, offset, read);
            return read;
        }

        // The tee is a view: the body is disposed by its owner, after the rest is copied.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
