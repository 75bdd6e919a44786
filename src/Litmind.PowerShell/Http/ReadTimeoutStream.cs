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
    internal sealed class ReadTimeoutStream : ReadOnlyStreamView
    {
        private readonly CancellationTokenSource timer;
        private readonly TimeSpan timeout;

        /// <param name="inner">The body as it comes off the wire.</param>
        /// <param name="timer">Cancelled when a read outlasts <paramref name="timeout"/>; cancelling it aborts the read.</param>
        /// <param name="timeout">How long one read may wait for the server.</param>
        public ReadTimeoutStream(Stream inner, CancellationTokenSource timer, TimeSpan timeout)
            : base(inner)
        {
            this.timer = timer;
            this.timeout = timeout;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            timer.CancelAfter(timeout);
            try
            {
                return Inner.Read(buffer, offset, count);
            }
            finally
            {
                timer.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
    }
}
