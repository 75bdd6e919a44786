using System.Net;
using System.Net.Http.Headers;
using Litmind.PowerShell.Conversion;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class HttpPipelineTests
{
    [Fact]
    public void Backoff_doubles_with_jitter_and_stays_under_the_cap()
    {
        var options = new CallOptions { RetryInterval = TimeSpan.FromSeconds(1), MaximumBackoff = TimeSpan.FromSeconds(5) };
        for (int i = 0; i < 50; i++)
        {
            Assert.InRange(HttpPipeline.Backoff(0, options).TotalSeconds, 0.5, 1);
            Assert.InRange(HttpPipeline.Backoff(1, options).TotalSeconds, 1, 2);
            Assert.InRange(HttpPipeline.Backoff(10, options).TotalSeconds, 2.5, 5);
        }
    }

    [Fact]
    public void Backoff_is_jittered()
    {
        var options = new CallOptions();
        var waits = Enumerable.Range(0, 20).Select(_ => HttpPipeline.Backoff(2, options)).Distinct().Count();
        Assert.True(waits > 1);
    }

    [Fact]
    public void Retry_After_reads_seconds_and_dates()
    {
        using var seconds = new HttpResponseMessage((HttpStatusCode)429);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), HttpPipeline.RetryAfter(seconds));

        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.InRange(HttpPipeline.RetryAfter(date)!.Value.TotalSeconds, 25, 31);

        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(TimeSpan.Zero, HttpPipeline.RetryAfter(past));

        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(HttpPipeline.RetryAfter(none));
    }

    [Theory]
    [InlineData(429, "POST", true)]
    [InlineData(503, "POST", true)]
    [InlineData(502, "GET", true)]
    [InlineData(504, "PUT", true)]
    [InlineData(502, "POST", false)]
    [InlineData(504, "PATCH", false)]
    [InlineData(500, "GET", false)]
    [InlineData(400, "GET", false)]
    [InlineData(404, "GET", false)]
    [InlineData(409, "PUT", false)]
    [InlineData(422, "POST", false)]
    public void Throttling_and_unavailability_are_transient_and_a_gateway_error_for_idempotent_methods(int status, string method, bool transient) =>
        Assert.Equal(transient, HttpPipeline.IsTransient((HttpStatusCode)status, new HttpMethod(method)));

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void Connection_failures_are_retried_only_for_idempotent_methods(string method, bool idempotent) =>
        Assert.Equal(idempotent, HttpPipeline.IsIdempotent(new HttpMethod(method)));

    [Fact]
    public async Task A_cancellation_the_timer_did_not_cause_is_a_broken_connection_not_a_timeout()
    {
        // What a client disposed under a call in flight does: the send ends as cancelled at once.
        using var client = new HttpClient(new PlayedHandler((_, _) => throw new TaskCanceledException("The client was disposed.")));
        var pipeline = new HttpPipeline(client);

        var failure = await Assert.ThrowsAsync<LitmindException>(() => pipeline.SendAsync(Get, new CallOptions { MaximumRetryCount = 0 }, null, new SilentLog(), CancellationToken.None));

        Assert.Equal(ErrorIds.ConnectionFailed, failure.ErrorId);
    }

    [Fact]
    public async Task A_call_the_timer_ends_is_a_timeout()
    {
        using var client = new HttpClient(new PlayedHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("not reached");
        }));
        var pipeline = new HttpPipeline(client);

        var failure = await Assert.ThrowsAsync<LitmindException>(() => pipeline.SendAsync(Get, new CallOptions { Timeout = TimeSpan.FromMilliseconds(50) }, null, new SilentLog(), CancellationToken.None));

        Assert.Equal(ErrorIds.Timeout, failure.ErrorId);
    }

    [Fact]
    public async Task A_body_that_stops_coming_times_out_while_time_between_reads_does_not_count()
    {
        var body = new StallingStream("[1,"u8.ToArray(), "2,"u8.ToArray());
        using var client = new HttpClient(new PlayedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) })));
        var pipeline = new HttpPipeline(client);
        var sent = await pipeline.SendAsync(Get, new CallOptions { Timeout = TimeSpan.FromMilliseconds(200) }, null, new SilentLog(), CancellationToken.None);
        using var result = JsonBody.Open(sent, "GET", new Uri("https://litmind.test/api/v1/models/featured"));
        using var items = result.Items!.GetEnumerator();

        Assert.True(items.MoveNext());
        Thread.Sleep(400); // the consumer takes longer than the timeout: not the server's time
        Assert.True(items.MoveNext());
        var failure = Assert.Throws<LitmindException>(() => items.MoveNext());

        Assert.Equal(ErrorIds.Timeout, failure.ErrorId);
    }

    private static HttpRequestMessage Get() => new(HttpMethod.Get, "https://litmind.test/api/v1/session/list");

    /// <summary>A handler that plays what no server can make a client do.</summary>
    private sealed class PlayedHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> play) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => play(request, cancellationToken);
    }

    /// <summary>A body that sends a few chunks, one per read, and then nothing until the response is disposed.</summary>
    private sealed class StallingStream(params byte[][] chunks) : Stream
    {
        private readonly ManualResetEventSlim disposed = new();
        private int next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (next == chunks.Length)
            {
                disposed.Wait();
            }

            // Like a socket's stream: once the response is disposed, nothing more can be read.
            ObjectDisposedException.ThrowIf(disposed.IsSet, this);
            var chunk = chunks[next++];
            Array.Copy(chunk, 0, buffer, offset, chunk.Length);
            return chunk.Length;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            disposed.Set();
            base.Dispose(disposing);
        }
    }

    private sealed class SilentLog : IOperationLog
    {
        public bool IsEnabled => false;

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
