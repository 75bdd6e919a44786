using System.Management.Automation;
using System.Net;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// What Invoke-RestMethod users look for in an answer, through the cmdlet against the emulator:
/// an empty answer to a write is success, the answer's headers in -ResponseHeadersVariable, error
/// answers written as answers with -SkipHttpErrorCheck, and errors that carry the response
/// ($_.Exception.Response) and the server's body ($_.ErrorDetails.Message).
/// </summary>
public sealed class AnswerSurfaceTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null\n";

    private readonly EmulatorFixture fixture;

    public AnswerSurfaceTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Theory]
    [InlineData("account/status/notifications/1", "Delete", 200)]
    [InlineData("castings/501/archive", "Post", 204)]
    public void An_empty_answer_to_a_write_is_success_with_no_output(string path, string method, int status)
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + $"Invoke-LitmindRequest {path} -Method {method} -StatusCodeVariable status\n$status").ShouldSucceed();

        Assert.Equal(status, result.Output.Single().BaseObject);
    }

    [Fact]
    public void An_empty_answer_to_a_GET_is_still_an_error()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = "", PathPrefix = "/api/v1/castings" });

        var error = ps.Run("Invoke-LitmindRequest castings").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidResponse", ErrorCategory.InvalidData);
    }

    [Fact]
    public void ResponseHeadersVariable_holds_the_answers_headers_by_name()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            Invoke-LitmindRequest castings/501 -ResponseHeadersVariable headers | Out-Null
            $headers['etag'][0] -match '^"[0-9a-f]{32}"$'
            $headers['X-RateLimit-Limit'][0]
            $headers['Content-Type'][0]
            """).ShouldSucceed();

        Assert.Equal(new object[] { true, "1000", "application/json; charset=utf-8" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void ResponseHeadersVariable_is_set_by_a_failed_call_too()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            Invoke-LitmindRequest castings/999 -ResponseHeadersVariable headers -ErrorAction SilentlyContinue
            $headers['X-RateLimit-Limit'][0]
            """).ShouldSucceed();

        Assert.Equal("1000", result.Output.Single().BaseObject);
    }

    [Fact]
    public void SkipHttpErrorCheck_writes_the_error_answer_as_the_answer_and_its_status_to_the_variable()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            $answer = Invoke-LitmindRequest castings/999 -SkipHttpErrorCheck -StatusCodeVariable status
            $answer.errorCode
            $status
            """);

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { "NotFound", 404 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void SkipHttpErrorCheck_writes_an_answer_that_is_not_JSON_as_its_text()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 502, Body = "<html>Bad gateway</html>", ContentType = "text/html", PathPrefix = "/api/v1/castings", Count = 10 });

        var result = ps.Run("Invoke-LitmindRequest castings -SkipHttpErrorCheck -MaximumRetryCount 0 -StatusCodeVariable status; $status");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { "<html>Bad gateway</html>", 502 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void SkipHttpErrorCheck_writes_an_answer_that_only_looks_like_JSON_as_its_text()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 500, Body = "{ oops, not JSON", PathPrefix = "/api/v1/castings" });

        var result = ps.Run("Invoke-LitmindRequest castings -SkipHttpErrorCheck -MaximumRetryCount 0");

        Assert.Empty(result.AllErrors);
        Assert.Equal("{ oops, not JSON", result.Output.Single().BaseObject);
    }

    [Fact]
    public void SkipHttpErrorCheck_still_renews_an_expired_session_and_replays_the_call()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest castings/501 -SkipHttpErrorCheck -StatusCodeVariable status).id; $status").ShouldSucceed();

        Assert.Equal(new object[] { 501L, 200 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void An_HTTP_error_carries_the_response_and_the_servers_body_as_Invoke_RestMethods_errors_do()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            try { Invoke-LitmindRequest castings/999 -ErrorAction Stop }
            catch {
                $_.Exception.Response.StatusCode -is [System.Net.HttpStatusCode]
                [int] $_.Exception.Response.StatusCode
                @($_.Exception.Response.Headers.GetValues('X-RateLimit-Limit'))[0]
                ($_.ErrorDetails.Message | ConvertFrom-Json).errorCode
                $_.Exception.Message -match 'castings/999'
            }
            """).ShouldSucceed();

        Assert.Equal(new object[] { true, 404, "1000", "NotFound", true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_servers_body_in_an_error_has_the_sessions_secrets_masked()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 400, EchoRequestHeaders = true, PathPrefix = "/api/v1/castings" });

        var error = ps.Run("Invoke-LitmindRequest castings").SingleError;

        Assert.Contains("X-SessionId", error.ErrorDetails.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Assert.Single(State.Sessions).SessionId, error.ErrorDetails.Message);
        Assert.DoesNotContain(State.ApiKey, error.ErrorDetails.Message);
        Assert.DoesNotContain(State.ApiKey, string.Join(",", ((System.Net.Http.HttpResponseMessage)((dynamic)error.Exception).Response).Headers.SelectMany(h => h.Value)));
    }
}
