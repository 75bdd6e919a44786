using System;
using System.Threading;
using System.Threading.Tasks;

namespace Litmind.PowerShell.Sessions
{
    /// <summary>
    /// Waiting on work that several callers share (a renewal, a confirming call): it runs on the
    /// session's lifetime, and each caller's Ctrl+C ends only that caller's wait.
    /// </summary>
    internal static class SharedTask
    {
        /// <summary>The task's result, or OperationCanceledException when <paramref name="cancellationToken"/> stops the wait first.</summary>
        public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!task.IsCompleted && cancellationToken.CanBeCanceled)
            {
                var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => stopped.TrySetResult(true)))
                {
                    if (await Task.WhenAny(task, stopped.Task).ConfigureAwait(false) != task)
                    {
                        Observe(task);
                        throw new OperationCanceledException(cancellationToken);
                    }
                }
            }

            return await task.ConfigureAwait(false);
        }

        /// <summary>Work nobody waits for any more: its failure is seen here, so it never surfaces as an unobserved exception.</summary>
        public static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
