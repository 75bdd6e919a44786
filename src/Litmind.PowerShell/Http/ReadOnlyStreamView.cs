using System;
using System.IO;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A forward-only, read-only view of another stream that a subclass watches read by read;
    /// disposing the view disposes the stream it wraps.
    /// </summary>
    internal abstract class ReadOnlyStreamView : Stream
    {
        protected ReadOnlyStreamView(Stream inner)
        {
            Inner = inner;
        }

        protected Stream Inner { get; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
