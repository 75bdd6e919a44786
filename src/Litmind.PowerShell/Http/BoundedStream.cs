using System;
using System.IO;

namespace Litmind.PowerShell.Http
{
    /// <summary>A read-only view of a stream that fails once more than a set number of bytes has been read.</summary>
    internal sealed class BoundedStream : ReadOnlyStreamView
    {
        private readonly long limit;
        private long read;

        public BoundedStream(Stream inner, long limit)
            : base(inner)
        {
            this.limit = limit;
        }

        public long Limit => limit;

        /// <summary>Starts counting again, so each element of a streamed array has the whole budget.</summary>
        public void ResetCount() => read = 0;

        public override long Position
        {
            get => read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Inner.Read(buffer, offset, count);
            read += n;
            if (read > limit)
            {
                throw new BodyTooLargeException(limit);
            }

            return n;
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
