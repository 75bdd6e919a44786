using System;
using System.IO;

namespace Litmind.PowerShell.Http
{
    /// <summary>A read-only view of a stream that fails once more than a set number of bytes has been read.</summary>
    internal sealed class BoundedStream : Stream
    {
        private readonly Stream inner;
        private readonly long limit;
        private long read;

        public BoundedStream(Stream inner, long limit)
        {
            this.inner = inner;
            this.limit = limit;
        }

        public long Limit => limit;

        /// <summary>Starts counting again, so each element of a streamed array has the whole budget.</summary>
        public void ResetCount() => read = 0;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            read += n;
            if (read > limit)
            {
                throw new BodyTooLargeException(limit);
            }

            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Raised by <see cref="BoundedStream"/> when an answer outgrows its limit.</summary>
    internal sealed class BodyTooLargeException : IOException
    {
        public BodyTooLargeException(long limit)
            : base("The answer is larger than " + limit + " bytes.")
        {
            Limit = limit;
        }

        public long Limit { get; }
    }
}
