using System;
using System.Diagnostics;
using System.Threading;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// How long one call may wait on the server in all (-TimeoutSec): connecting, the headers and
    /// every read of the body, over its retries and replays. Only time spent waiting on the server
    /// counts: a retry's backoff and the time the pipeline spends on a streamed answer's objects
    /// are the caller's. A server that trickles a byte at a time cannot hold a runbook past it.
    /// </summary>
    internal sealed class CallBudget
    {
        private readonly object gate = new object();
        private long spentTicks;

        public CallBudget(TimeSpan limit)
        {
            Limit = limit;
        }

        /// <summary>The whole budget, as the user gave it.</summary>
        public TimeSpan Limit { get; }

        /// <summary>What is left of it; zero once spent.</summary>
        public TimeSpan Remaining
        {
            get
            {
                lock (gate)
                {
                    long left = Limit.Ticks - spentTicks;
                    return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
                }
            }
        }

        /// <summary>Whether the budget is spent.</summary>
        public bool IsSpent => Remaining <= TimeSpan.Zero;

        /// <summary>
        /// Starts a wait on the server: <paramref name="timer"/> fires when the rest of the budget
        /// runs out, and disposing the returned wait stops it and charges the time waited.
        /// </summary>
        public Wait Begin(CancellationTokenSource timer)
        {
            timer.CancelAfter(Remaining);
            return new Wait(this, timer, Stopwatch.GetTimestamp());
        }

        private void Spend(long stopwatchTicks)
        {
            long ticks = (long)(stopwatchTicks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            lock (gate)
            {
                spentTicks += ticks;
            }
        }

        /// <summary>One wait on the server; disposing it stops the timer and charges the budget.</summary>
        public struct Wait : IDisposable
        {
            private readonly CallBudget budget;
            private readonly CancellationTokenSource timer;
            private readonly long started;

            internal Wait(CallBudget budget, CancellationTokenSource timer, long started)
            {
                this.budget = budget;
                this.timer = timer;
                this.started = started;
            }

            public void Dispose()
            {
                if (budget == null)
                {
                    return;
                }

                budget.Spend(Stopwatch.GetTimestamp() - started);
                try
                {
                    timer.CancelAfter(Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                    // The answer was disposed while a read was under way (Ctrl+C): nothing left to stop.
                }
            }
        }
    }
}
