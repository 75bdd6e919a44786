using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A stream the caller owns (a -Body stream), seen through a view that passes everything on
    /// but disposing: HttpClient disposes a request's content after sending it, and the user's
    /// stream must stay open for the user (and for the next attempt).
    /// </summary>
    internal sealed class CallerOwnedStream : Stream
    {
        private readonly Stream inner;

        public CallerOwnedStream(Stream inner)
        {
            this.inner = inner;
        }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // Dispose(bool) is not overridden to close anything: the stream is the caller's.
    }
}
