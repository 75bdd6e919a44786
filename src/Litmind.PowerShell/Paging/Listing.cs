using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Paging
{
    /// <summary>
    /// Walks a list page by page for the pipeline: hands out one page's items (after -Skip, up to
    /// -First) and, as it does, starts fetching the next page, so the next page travels while the
    /// pipeline writes this one. One page ahead, no more, and none beyond what -First needs. Each
    /// page is an ordinary call of the session: expiry renews and replays it, throttling is
    /// retried. A failure ends the listing after the items already handed out.
    /// </summary>
    internal sealed class Listing : IDisposable
    {
        private readonly Func<ApiRequest, IOperationLog, CancellationToken, Task<ApiResult>> send;
        private readonly PageRequests pages;
        private readonly CancellationTokenSource stop;
        private readonly bool keepHeaders;
        private ulong toSkip;
        private ulong remaining;
        private ApiRequest next;
        private LitmindException nextFailure;
        private Task<ApiResult> ahead;
        private BufferedLog aheadLog;

        /// <param name="send">Sends one page's call through the session.</param>
        /// <param name="pages">The listing's requests.</param>
        /// <param name="skip">-Skip: items not to hand out (those the first request skips on the server are not read at all).</param>
        /// <param name="first">-First: the most items to hand out.</param>
        /// <param name="cancellation">Stops the listing and the page fetched ahead (Ctrl+C).</param>
        /// <param name="keepHeaders">Keep each page's headers (<see cref="LastHeaders"/>): -ResponseHeadersVariable.</param>
        public Listing(Func<ApiRequest, IOperationLog, CancellationToken, Task<ApiResult>> send, PageRequests pages, ulong skip, ulong first, CancellationToken cancellation, bool keepHeaders = false)
        {
            this.keepHeaders = keepHeaders;
            this.send = send;
            this.pages = pages;
            toSkip = skip - Math.Min(skip, pages.SkippedByServer);
            remaining = first;
            next = pages.First;
            stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        }

        /// <summary>How many pages have been read.</summary>
        public long PagesRead { get; private set; }

        /// <summary>The HTTP status of the last page read.</summary>
        public int LastStatusCode { get; private set; }

        /// <summary>The headers of the last page read (secret ones redacted); null unless kept.</summary>
        public IReadOnlyList<KeyValuePair<string, string[]>> LastHeaders { get; private set; }

        /// <summary>How many items the whole list has, as the first page states; null when it does not.</summary>
        public long? Total { get; private set; }

        /// <summary>How many pages the list has, when its total and the page size are known.</summary>
        public long? PageCount => Total.HasValue && pages.Size.HasValue ? (Total.Value + pages.Size.Value - 1) / pages.Size.Value : (long?)null;

        /// <summary>
        /// The next page's items to write, or null when the listing is over. The page after it is
        /// fetched meanwhile; its verbose messages are handed to <paramref name="log"/> when it is taken.
        /// </summary>
        public async Task<IReadOnlyList<object>> NextAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            if (nextFailure != null)
            {
                var failure = nextFailure;
                nextFailure = null;
                throw failure;
            }

            if (remaining == 0 || (next == null && ahead == null))
            {
                return null;
            }

            ApiResult result;
            if (ahead != null)
            {
                var fetched = ahead;
                var fetchedLog = aheadLog;
                ahead = null;
                try
                {
                    result = await SharedTask.WaitAsync(fetched, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    fetchedLog.HandTo(log);
                }
            }
            else
            {
                result = await send(next, log, stop.Token).ConfigureAwait(false);
            }

            using (result)
            {
                pages.CheckNotRepeated(result);
                PagesRead++;
                LastStatusCode = result.StatusCode;
                LastHeaders = keepHeaders ? result.ResponseHeaders : null;
                if (PagesRead == 1)
                {
                    Total = pages.Total(result);
                }

                try
                {
                    next = pages.Next(result);
                }
                catch (LitmindException failure)
                {
                    // Written after this page's items: what was listed stays listed.
                    next = null;
                    nextFailure = failure;
                }

                var items = Take(result.Page.Items);
                if (next != null && remaining > 0)
                {
                    FetchAhead(log.IsEnabled);
                }

                return items;
            }
        }

        /// <summary>Stops the page fetched ahead, if any; its answer is released when it arrives.</summary>
        public void Dispose()
        {
            stop.Cancel();
            if (ahead == null)
            {
                stop.Dispose();
                return;
            }

            ahead.ContinueWith(
                finished =>
                {
                    if (finished.Status == TaskStatus.RanToCompletion)
                    {
                        finished.Result.Dispose();
                    }
                    else
                    {
                        _ = finished.Exception;
                    }

                    stop.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            ahead = null;
        }

        /// <summary>This page's items after what -Skip still skips, and no more than -First still wants.</summary>
        private IReadOnlyList<object> Take(IReadOnlyList<object> items)
        {
            int skipped = (int)Math.Min(toSkip, (ulong)items.Count);
            toSkip -= (ulong)skipped;
            int taken = (int)Math.Min(remaining, (ulong)(items.Count - skipped));
            remaining -= (ulong)taken;
            return skipped == 0 && taken == items.Count ? items : items.Skip(skipped).Take(taken).ToList();
        }

        private void FetchAhead(bool logged)
        {
            var request = next;
            var log = new BufferedLog(logged);
            aheadLog = log;
            ahead = Task.Run(() => send(request, log, stop.Token));
        }

        /// <summary>The messages of a page fetched ahead, kept until the pipeline thread takes the page and writes them.</summary>
        private sealed class BufferedLog : IOperationLog
        {
            private readonly ConcurrentQueue<KeyValuePair<bool, string>> messages = new ConcurrentQueue<KeyValuePair<bool, string>>();

            public BufferedLog(bool enabled)
            {
                IsEnabled = enabled;
            }

            public bool IsEnabled { get; }

            public void Verbose(string message) => messages.Enqueue(new KeyValuePair<bool, string>(true, message));

            public void Debug(string message) => messages.Enqueue(new KeyValuePair<bool, string>(false, message));

            public void HandTo(IOperationLog log)
            {
                while (messages.TryDequeue(out var message))
                {
                    if (message.Key)
                    {
                        log.Verbose(message.Value);
                    }
                    else
                    {
                        log.Debug(message.Value);
                    }
                }
            }
        }
    }
}
