using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Errors;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// Sends requests on a shared HttpClient, bounded by the call's <see cref="CallBudget"/>, and
    /// rides out throttling and transient faults: 429 and 503 wait as Retry-After says (or back off
    /// exponentially with jitter); a gateway's 502 and 504 and connection failures are retried for
    /// idempotent methods only.
    /// Nothing here knows about a service; authentication and expiry live a layer above.
    /// </summary>
    internal sealed class HttpPipeline
    {
        private static readonly Random Jitter = new Random();

        private readonly HttpClient client;

        /// <summary>A pipeline to the host of <paramref name="endpoint"/>, on that host's shared client.</summary>
        public HttpPipeline(Uri endpoint)
            : this(HttpClientCache.For(endpoint ?? throw new ArgumentNullException(nameof(endpoint))))
        {
        }

        /// <summary>A pipeline on the given client (tests give one whose handler plays what no server can).</summary>
        internal HttpPipeline(HttpClient client)
        {
            this.client = client;
        }

        /// <summary>
        /// Sends the request made by <paramref name="createRequest"/> (called again for each retry,
        /// since a request message cannot be sent twice) and returns the answer with its headers
        /// read; the body is read by the caller, still on <paramref name="budget"/> (a new one of
        /// the options' timeout when null).
        /// </summary>
        public async Task<SentResponse> SendAsync(Func<HttpRequestMessage> createRequest, CallOptions options, CallBudget budget, IOperationLog log, CancellationToken cancellationToken)
        {
            budget = budget ?? new CallBudget(options.Timeout);
            for (int attempt = 0; ; attempt++)
            {
                var request = createRequest();
                try
                {
                    // A User-Agent the call names (-Headers) stands; every other request names the module.
                    if (!request.Headers.Contains("User-Agent"))
                    {
                        request.Headers.TryAddWithoutValidation("User-Agent", ClientIdentity.UserAgent);
                    }

                    HeaderRules.Check(request);
                }
                catch
                {
                    request.Dispose();
                    throw;
                }

                string method = request.Method.Method;
                Uri uri = request.RequestUri;
                var callToken = new CancellationTokenSource();
                var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callToken.Token);
                HttpResponseMessage response;
                try
                {
                    if (budget.IsSpent)
                    {
                        throw new OperationCanceledException();
                    }

                    using (budget.Begin(callToken))
                    {
                        response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is HttpRequestException || ex is IOException)
                {
                    // Only this call's own budget makes a timeout; any other cancellation that is not
                    // the caller's is a connection that was cut off.
                    bool timedOut = callToken.IsCancellationRequested || budget.IsSpent;
                    linked.Dispose();
                    callToken.Dispose();
                    request.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (timedOut)
                    {
                        throw Failures.Timeout(method, uri, budget.Limit);
                    }

                    if (IsIdempotent(request.Method) && attempt < options.MaximumRetryCount)
                    {
                        TimeSpan wait = Backoff(attempt, options);
                        log.Verbose(Messages.RetryingAfterConnectionFailure(method, attempt + 1, options.MaximumRetryCount, wait));
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw Failures.ConnectionFailed(method, uri, ex, attempt);
                }

                request.Dispose();
                if (IsTransient(response.StatusCode, request.Method) && attempt < options.MaximumRetryCount)
                {
                    TimeSpan? retryAfter = RetryAfter(response);
                    if (retryAfter == null || retryAfter <= options.MaximumRetryAfter)
                    {
                        TimeSpan wait = retryAfter ?? Backoff(attempt, options);
                        log.Verbose(Messages.RetryingAfterStatus((int)response.StatusCode, retryAfter != null, attempt + 1, options.MaximumRetryCount, wait));
                        response.Dispose();
                        linked.Dispose();
                        callToken.Dispose();
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                return new SentResponse(response, linked, callToken, attempt, budget);
            }
        }

        /// <summary>The wait a server asked for with Retry-After, as seconds or as an HTTP date.</summary>
        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null)
            {
                return null;
            }

            if (header.Delta.HasValue)
            {
                return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
            }

            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        /// <summary>Capped exponential backoff with jitter, so parallel callers do not retry in step.</summary>
        internal static TimeSpan Backoff(int attempt, CallOptions options)
        {
            double exponential = options.RetryInterval.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
            double capped = Math.Min(exponential, options.MaximumBackoff.TotalMilliseconds);
            double factor;
            lock (Jitter)
            {
                factor = 0.5 + (Jitter.NextDouble() / 2);
            }

            return TimeSpan.FromMilliseconds(capped * factor);
        }

        /// <summary>
        /// Whether an answer is worth another attempt. 429 and 503 say the server did not take the
        /// call on, so any method is retried. A gateway's 502 or 504 does not say whether the server
        /// behind it acted, so only a method that may run twice (<see cref="IsIdempotent"/>) is.
        /// </summary>
        internal static bool IsTransient(HttpStatusCode status, HttpMethod method)
        {
            int code = (int)status;
            if (code == 429 || code == 503)
            {
                return true;
            }

            return (code == 502 || code == 504) && IsIdempotent(method);
        }

        internal static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Delete || method == HttpMethod.Options;
    }
}
