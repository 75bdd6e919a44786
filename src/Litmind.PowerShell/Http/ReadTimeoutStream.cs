using System.IO;
using System.Threading;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// A read-only view of an answer's body whose every read from the server is charged to the
    /// call's <see cref="CallBudget"/>: the clock runs while a read waits and stops between reads,
    /// so the time the pipeline spends on the elements of a streamed array is the caller's, not the
    /// server's, while a server that trickles its answer still runs out of time.
    /// </summary>
    internal sealed class ReadTimeoutStream : ReadOnlyStreamView
    {
        private readonly CancellationTokenSource timer;
        private readonly CallBudget budget;

        /// <param name="inner">The body as it comes off the wire.</param>
        /// <param name="timer">Cancelled when a read outlasts what is left of the budget; cancelling it aborts the read.</param>
        /// <param name="budget">The call's time on the server.</param>
        public ReadTimeoutStream(Stream inner, CancellationTokenSource timer, CallBudget budget)
            : base(inner)
        {
            this.timer = timer;
            this.budget = budget;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            using (budget.Begin(timer))
            {
                return Inner.Read(buffer, offset, count);
            }
        }
    }
}
