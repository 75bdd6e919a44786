using System;
using System.IO;
using System.Threading;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A read-only view of an answer's body that gives each read from the server the call's whole
    /// timeout and stops the clock between reads: the time the pipeline spends on the elements of
    /// a streamed array is the caller's, not the server's.
    /// </summary>
    internal sealed class ReadTimeoutStream : Stream
    {
        private readonly Stream inner;
        private readonly CancellationTokenSource timer;
        private readonly TimeSpan timeout;

        /// <param name="inner">The body as it comes off the wire.</param>
        /// <param name="timer">Cancelled when a read outlasts <paramref name="timeout"/>; cancelling it aborts the read.</param>
        /// <param name="timeout">How long one read may wait for the server.</param>
        public ReadTimeoutStream(Stream inner, CancellationTokenSource timer, TimeSpan timeout)
        {
            this.inner = inner;
            this.timer = timer;
            this.timeout = timeout;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            timer.CancelAfter(timeout);
            try
            {
                return inner.Read(buffer, offset, count);
            }
            finally
            {
                timer.CancelAfter(Timeout.InfiniteTimeSpan);
            }
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
}
