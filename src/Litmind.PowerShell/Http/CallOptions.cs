using System;

namespace Litmind.PowerShell.Http
{
    /// <summary>How one call is bounded: its timeout and its retries for throttling and transient faults.</summary>
    internal sealed class CallOptions
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

        /// <summary>
        /// The longest -TimeoutSec: a timer takes at most int.MaxValue milliseconds on .NET
        /// Framework (a little more on .NET), and a longer one fails instead of waiting.
        /// </summary>
        public const int MaximumTimeoutSec = int.MaxValue / 1000;

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>How many times a throttled or transient failure is tried again.</summary>
        public int MaximumRetryCount { get; set; } = 3;

        /// <summary>The first backoff step when the server gives no Retry-After; later steps double.</summary>
        public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest a single backoff step waits.</summary>
        public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The longest a server's Retry-After is honoured; beyond it the call fails.</summary>
        public TimeSpan MaximumRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// A copy with the given cmdlet parameters applied; a value the user did not give (0 for the
        /// timeout, negative for the retry settings) keeps this one's.
        /// </summary>
        public CallOptions With(int timeoutSec, int maximumRetryCount, int retryIntervalSec)
        {
            var options = (CallOptions)MemberwiseClone();
            if (timeoutSec > 0)
            {
                options.Timeout = TimeSpan.FromSeconds(timeoutSec);
            }

            if (maximumRetryCount >= 0)
            {
                options.MaximumRetryCount = maximumRetryCount;
            }

            if (retryIntervalSec >= 0)
            {
                options.RetryInterval = TimeSpan.FromSeconds(retryIntervalSec);
            }

            return options;
        }
    }
}
