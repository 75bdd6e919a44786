using System.Diagnostics;
using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>Expiry and re-login, throttling, transient faults, timeouts and cancellation.</summary>
public sealed class ResilienceTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0\n";
    private const string ConnectAgencyAndAva = """
        $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
        Connect-Litmind -Credential $AvaCred -Session $s | Out-Null

        """;

    private readonly EmulatorFixture fixture;

    public ResilienceTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(419)]
    [InlineData(440)]
    public void An_expired_session_logs_in_again_and_replays_the_call(int status)
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect + "Invoke-LitmindRequest 'session/list' | Out-Null").ShouldSucceed();
        State.ExpireAllSessions(status);

        var result = ps.Run("(Invoke-LitmindRequest 'account/status/notifications' -Verbose).entity; $s.ReconnectCount", verbose: true).ShouldSucceed();

        Assert.Equal(new object[] { "Notifications", 1 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, State.Logins);
        Assert.Contains(result.Verbose, v => v.Contains("logging in again") && v.Contains(status.ToString()));
    }

    [Fact]
    public void Every_account_is_logged_into_the_renewed_session()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndAva).ShouldSucceed();
        string oldId = Assert.Single(State.Sessions).SessionId;
        State.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest 'account/status/notifications' -UserId 240101).entity").ShouldSucceed();

        Assert.Equal("Notifications", result.Output.Single().BaseObject);
        Assert.Equal(4, State.Logins);
        var renewed = State.Sessions.Single(s => s.SessionId != oldId);
        Assert.Equal(new long[] { 240001, 240101 }, renewed.UserIds);
        Assert.Equal(renewed.SessionId, State.RecentRequests.Last().Header("X-SessionId"));
    }

    [Fact]
    public void An_envelope_with_an_expiry_code_is_expiry_too()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Your session has expired.","errorCode":"SessionExpired"}""" });

        ps.Run("Invoke-LitmindRequest 'session/list' | Out-Null").ShouldSucceed();
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void A_403_that_persists_after_a_fresh_login_is_a_real_error_not_a_loop()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 403, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Session not allowed here.","errorCode":"SessionExpired"}""", Count = 10 });

        var error = ps.Run("Invoke-LitmindRequest 'session/list'").SingleError;

        // The fresh session is refused too, and so is the confirming call with it (the server says
        // it is gone, as under churn): one more renewal, then the refusal stands.
        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.PermissionDenied);
        Assert.Equal(3, State.Logins);
        Assert.Equal(4, State.RequestCount("session/list"));
    }

    [Fact]
    public void A_plain_refusal_costs_no_login()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        ErrorAssert.Is(ps.Run("Invoke-LitmindRequest 'agency/models'").SingleError, "Litmind.HttpError", ErrorCategory.PermissionDenied);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void NoReconnect_fails_clearly_on_expiry()
    {
        using var ps = fixture.NewRunner();
        ps.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -NoReconnect").ShouldSucceed();
        State.ExpireAllSessions();

        var error = ps.Run("Invoke-LitmindRequest 'session/list'").SingleError;

        ErrorAssert.Is(error, "Litmind.SessionExpired", ErrorCategory.AuthenticationError);
        Assert.Contains("-NoReconnect", error.Exception.Message);
        Assert.Contains("Connect-Litmind", error.Exception.Message);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void A_resumed_session_fails_clearly_on_expiry()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        ps.Set("sid", Assert.Single(State.Sessions).SessionId);
        State.ExpireAllSessions();

        var error = ps.Run("Connect-Litmind -SessionId $sid -UserId 138829 -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null; Invoke-LitmindRequest 'session/list'").SingleError;

        ErrorAssert.Is(error, "Litmind.SessionExpired", ErrorCategory.AuthenticationError);
        Assert.Contains("resumed", error.Exception.Message);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void Retry_After_in_seconds_is_honoured()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "1" });

        var clock = Stopwatch.StartNew();
        var result = ps.Run("Invoke-LitmindRequest 'session/list' | Out-Null", verbose: true).ShouldSucceed();

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
        Assert.Equal(2, State.RequestCount("session/list"));
        Assert.Contains(result.Verbose, v => v.Contains("HTTP 429") && v.Contains("Retry-After"));
    }

    [Fact]
    public void Retry_After_as_an_http_date_is_honoured()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 503, RetryAfter = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R") });

        var clock = Stopwatch.StartNew();
        ps.Run("Invoke-LitmindRequest 'session/list' | Out-Null").ShouldSucceed();

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
        Assert.Equal(2, State.RequestCount("session/list"));
    }

    [Fact]
    public void Exhausted_retries_give_a_clear_error_with_the_count()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "0", Count = 5 });

        var error = ps.Run("Invoke-LitmindRequest 'session/list' -MaximumRetryCount 2").SingleError;

        ErrorAssert.Is(error, "Litmind.RetriesExhausted", ErrorCategory.LimitsExceeded);
        Assert.Contains("after 2 retries", error.Exception.Message);
        Assert.Equal(3, State.RequestCount("session/list"));
    }

    [Theory]
    [InlineData(400, ErrorCategory.InvalidArgument)]
    [InlineData(404, ErrorCategory.ObjectNotFound)]
    [InlineData(409, ErrorCategory.InvalidArgument)]
    [InlineData(422, ErrorCategory.InvalidArgument)]
    public void Client_errors_are_never_retried(int status, ErrorCategory category)
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = status, Count = 5, PathPrefix = "castings" });

        ErrorAssert.Is(ps.Run("Invoke-LitmindRequest 'castings'").SingleError, "Litmind.HttpError", category);
        Assert.Equal(1, State.RequestCount("castings"));
        Assert.Equal(1, State.Logins);

        // A 400 or 404 may be Litmind's expiry: one confirming call (answered) decides it is not.
        Assert.Equal(status is 400 or 404 ? 1 : 0, State.RequestCount("session/list"));
    }

    [Fact]
    public void A_dropped_connection_is_retried_for_GET()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { DropConnection = true, PathPrefix = "/api/v1/session/list" });

        ps.Run("Invoke-LitmindRequest 'session/list' | Out-Null").ShouldSucceed();
        Assert.Equal(2, State.RequestCount("session/list"));
    }

    [Fact]
    public void A_dropped_connection_is_not_retried_for_POST()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { DropConnection = true, PathPrefix = "/api/v1/castings" });

        var error = ps.Run("Invoke-LitmindRequest 'castings/501/candidates/240101/shortlist' -Method POST").SingleError;

        ErrorAssert.Is(error, "Litmind.ConnectionFailed", ErrorCategory.ConnectionError);
        Assert.Equal(1, State.RequestCount("castings/501/candidates/240101/shortlist"));
    }

    [Theory]
    [InlineData(502, "GET")]
    [InlineData(504, "GET")]
    [InlineData(502, "PUT")]
    [InlineData(504, "DELETE")]
    public void A_gateway_error_is_retried_for_an_idempotent_method(int status, string method)
    {
        using var ps = fixture.NewRunner();
        var notification = ps.Run(Connect + "(Invoke-LitmindRequest 'account/status/notifications').items[0].id").ShouldSucceed().Output.Single();
        string path = method switch
        {
            "GET" => "session/list",
            "PUT" => "_emulator/echo",
            _ => "account/status/notifications/" + notification,
        };
        string call = $"Invoke-LitmindRequest '{path}' -Method {method}" + (method == "PUT" ? " -Body 'x'" : string.Empty);
        State.EnqueueFault(new Fault { StatusCode = status, Count = 1, PathPrefix = "/api/v1/" + path });

        var result = ps.Run(call + " -StatusCodeVariable code | Out-Null; $code", verbose: true);

        Assert.Equal(2, State.RequestCount(path));
        Assert.Contains(result.Verbose, v => v.Contains("HTTP " + status, StringComparison.Ordinal) && v.Contains("retry 1", StringComparison.Ordinal));
        Assert.NotEqual(status, result.Output.Single().BaseObject);
    }

    [Theory]
    [InlineData(502, ErrorCategory.InvalidResult)]
    [InlineData(504, ErrorCategory.OperationTimeout)]
    public void A_gateway_error_is_not_retried_for_POST_which_the_server_may_have_acted_on(int status, ErrorCategory category)
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = status, Count = 1, PathPrefix = "/api/v1/_emulator/echo" });

        var error = ps.Run("Invoke-LitmindRequest '_emulator/echo' -Method POST -Body 'x'").SingleError;

        ErrorAssert.Is(error, "Litmind.HttpError", category);
        Assert.Equal(1, State.RequestCount("_emulator/echo"));
    }

    [Fact]
    public void A_gateway_error_that_outlasts_the_retries_says_so()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 502, Count = 5, PathPrefix = "/api/v1/session/list" });

        var error = ps.Run("Invoke-LitmindRequest 'session/list' -MaximumRetryCount 2").SingleError;

        ErrorAssert.Is(error, "Litmind.RetriesExhausted", ErrorCategory.InvalidResult);
        Assert.Contains("after 2 retries", error.Exception.Message);
        Assert.Equal(3, State.RequestCount("session/list"));
    }

    [Fact]
    public void TimeoutSec_ends_a_call_the_server_never_answers()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { NeverAnswer = true });

        var clock = Stopwatch.StartNew();
        var error = ps.Run("Invoke-LitmindRequest 'session/list' -TimeoutSec 1").SingleError;

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 5);
        ErrorAssert.Is(error, "Litmind.Timeout", ErrorCategory.OperationTimeout);
        Assert.Contains("1 seconds", error.Exception.Message);
    }

    [Fact]
    public void TimeoutSec_bounds_the_whole_wait_on_a_server_that_trickles_its_answer()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();

        // A byte every 300 ms: no single read waits long, yet the answer would take 30 s.
        State.EnqueueFault(new Fault { TrickleMs = 300, TrickleForMs = 30_000, PathPrefix = "castings" });

        var clock = Stopwatch.StartNew();
        var error = ps.Run("Invoke-LitmindRequest 'castings' -TimeoutSec 2").SingleError;

        ErrorAssert.Is(error, "Litmind.Timeout", ErrorCategory.OperationTimeout);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 15);
    }

    [Fact]
    public void The_session_timeout_applies_when_the_call_gives_none()
    {
        using var ps = fixture.NewRunner();
        ps.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -TimeoutSec 1").ShouldSucceed();
        State.EnqueueFault(new Fault { NeverAnswer = true });

        var clock = Stopwatch.StartNew();
        ErrorAssert.Is(ps.Run("Invoke-LitmindRequest 'session/list'").SingleError, "Litmind.Timeout", ErrorCategory.OperationTimeout);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 5);
    }

    [Fact]
    public void TimeoutSec_does_not_count_the_time_the_pipeline_spends_on_a_streamed_array()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();

        // About 1 MB: far more than the reader buffers, so most of it is still on the wire when the
        // consumer stalls on the first element for longer than the timeout.
        const int count = 20000;
        string body = "[" + string.Join(",", Enumerable.Range(1, count).Select(i => $$"""{"entity":"Model","id":{{i}},"username":"model-{{i}}"}""")) + "]";
        State.EnqueueFault(new Fault { Body = body, PathPrefix = "/api/v1/models/featured" });

        var result = ps.Run("""
            $seen = 0
            Invoke-LitmindRequest 'models/featured' -TimeoutSec 2 | ForEach-Object { if ($seen++ -eq 0) { [System.Threading.Thread]::Sleep(3000) } }
            $seen
            """).ShouldSucceed();

        Assert.Equal(count, result.Output.Single().BaseObject);
    }

    [Fact]
    public void Stopping_the_pipeline_cancels_the_call_in_flight_at_once()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { NeverAnswer = true });

        using var pipeline = System.Management.Automation.PowerShell.Create();
        pipeline.Runspace = ps.Runspace;
        pipeline.AddScript("Invoke-LitmindRequest 'session/list'; 'not reached'");
        var pending = pipeline.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => State.RequestCount("session/list") == 1, TimeSpan.FromSeconds(5)));

        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        Assert.True(pending.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 2);
        Assert.Equal(PSInvocationState.Stopped, pipeline.InvocationStateInfo.State);
    }

    [Fact]
    public void Stopping_during_a_retry_wait_ends_the_wait()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "60" });

        using var pipeline = System.Management.Automation.PowerShell.Create();
        pipeline.Runspace = ps.Runspace;
        pipeline.AddScript("$VerbosePreference = 'Continue'; Invoke-LitmindRequest 'session/list'");
        var pending = pipeline.BeginInvoke();

        // The verbose record of the wait is written once the 429 is in and the wait has begun.
        Assert.True(SpinWait.SpinUntil(() => pipeline.Streams.Verbose.Any(v => v.Message.Contains("HTTP 429")), TimeSpan.FromSeconds(5)));

        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        Assert.True(pending.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 2);
        Assert.Equal(PSInvocationState.Stopped, pipeline.InvocationStateInfo.State);
        Assert.Equal(1, State.RequestCount("session/list"));
    }

    [Fact]
    public void The_session_shows_its_health()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ExpireAllSessions();
        var result = ps.Run("Invoke-LitmindRequest 'session/list' | Out-Null; Invoke-LitmindRequest 'models/999' -ErrorAction SilentlyContinue; $s.ReconnectCount; $s.LastStatusCode; $s.LastUsedAt -ge $s.CreatedAt").ShouldSucceed();
        Assert.Equal(new object[] { 1, 404, true }, result.Output.Select(o => o.BaseObject));
    }
}
