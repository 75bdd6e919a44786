using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Safety;

/// <summary>Secrets never reach a stream, and are never sent where they must not go.</summary>
public sealed class SecretTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;

    public SecretTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void No_stream_shows_a_secret_through_connect_calls_expiry_and_failures_at_full_verbosity()
    {
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;
        var texts = new List<string>();

        texts.Add(ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 -Verbose -Debug
            Connect-Litmind -Credential $AvaCred -Session $s -Verbose -Debug
            $s; $s.ToString(); Get-LitmindSession; Get-LitmindAccount
            Invoke-LitmindRequest 'account/status/notifications' -UserId 240101 -Verbose -Debug
            """, verbose: true).ShouldSucceed().AllText);

        string firstSessionId = Assert.Single(state.Sessions).SessionId;
        state.ExpireAllSessions();
        state.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "0" });
        texts.Add(ps.Run("Invoke-LitmindRequest 'session/list' -Verbose -Debug", verbose: true).ShouldSucceed().AllText);

        texts.Add(ps.Run("""
            Invoke-LitmindRequest 'models/999' -Verbose -Debug
            Invoke-LitmindRequest 'models' -UserId 42
            $bad = [pscredential]::new('northstar-agency', [System.Net.NetworkCredential]::new('', 'N0rthStar!2027').SecurePassword)
            try { Connect-Litmind -Credential $bad -ApiKey $ApiKey -BaseUri $BaseUri -Verbose -Debug } catch { $_; $_.Exception.ToString() }
            $Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); [System.Management.Automation.PSSerializer]::Serialize($_) }
            Disconnect-Litmind -Verbose -Debug
            """, verbose: true).AllText);

        string all = string.Join("\n", texts);
        Assert.Contains("request headers: ", all);
        Assert.Contains("X-Key: <redacted>", all);
        Assert.Contains("X-SessionId: <redacted>", all);
        Assert.Contains("logging in again", all);
        SecretScan.AssertNoneIn(all, fixture.Emulator, firstSessionId, "N0rthStar!2027");
    }

    [Fact]
    public void A_server_that_quotes_the_request_headers_puts_no_secret_on_any_stream()
    {
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;
        ps.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0").ShouldSucceed();
        string sessionId = state.Sessions.Single().SessionId;
        state.EnqueueFault(new Fault { StatusCode = 400, EchoRequestHeaders = true, PathPrefix = "castings" });

        // A 400 may be Litmind's expiry: the module asks with session/list (answered here as usual) before the error stands.
        var refused = ps.Run("Invoke-LitmindRequest 'castings'; $e = $Error[0]; $e.Exception.ServerMessage; [System.Management.Automation.PSSerializer]::Serialize($e, 3)", verbose: true);
        state.EnqueueFault(new Fault { EchoRequestHeaders = true, Count = 2 });
        var answered = ps.Run("""
            (Invoke-LitmindRequest 'session/list').headers.PSObject.Properties | ForEach-Object { $_.Name + ': ' + $_.Value }
            Invoke-LitmindRequest 'session/list' -Raw
            """, verbose: true).ShouldSucceed();
        var result = refused with { Output = [.. refused.Output, .. answered.Output], Verbose = [.. refused.Verbose, .. answered.Verbose], Debug = [.. refused.Debug, .. answered.Debug] };

        var error = result.SingleError;
        ErrorAssert.Is(error, "Litmind.HttpError", System.Management.Automation.ErrorCategory.InvalidArgument);
        Assert.Contains("X-Key: <redacted>", error.Exception.Message);
        Assert.Contains("X-SessionId: <redacted>", error.Exception.Message);
        Assert.Contains("X-Key: <redacted>", (string)result.Output[0].BaseObject);
        Assert.Contains("X-Key: <redacted>", result.Output.Select(o => o.BaseObject as string));
        Assert.Contains("<redacted>", (string)result.Output[^1].BaseObject);
        Assert.Contains("X-UserId", result.AllText);
        Assert.Equal(5, state.Requests);
        SecretScan.AssertNoneIn(result.AllText, fixture.Emulator, sessionId);
    }

    [Fact]
    public void A_secret_the_user_adds_in_Headers_is_masked_too()
    {
        using var ps = fixture.NewRunner();
        ps.Run("Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null").ShouldSucceed();
        fixture.Emulator.State.EnqueueFault(new Fault { StatusCode = 400, EchoRequestHeaders = true });

        var result = ps.Run("Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Auth-Token' = 'user-secret-token-1'; 'X-Note' = 'plain-note' }", verbose: true);

        Assert.Contains("X-Auth-Token: <redacted>", result.SingleError.Exception.Message);
        Assert.Contains("X-Note: plain-note", result.SingleError.Exception.Message);
        Assert.Contains(result.Debug, d => d.Contains("X-Auth-Token: <redacted>"));
        Assert.DoesNotContain("user-secret-token-1", result.AllText);
    }

    [Fact]
    public void A_login_answer_that_quotes_the_api_key_does_not_show_it()
    {
        using var ps = fixture.NewRunner();
        fixture.Emulator.State.EnqueueFault(new Fault { StatusCode = 401, EchoRequestHeaders = true, PathPrefix = "/api/v1/session/login" });

        var result = ps.Run("Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri; $Error[0].Exception.ServerMessage", verbose: true);

        var error = result.SingleError;
        ErrorAssert.Is(error, "Litmind.LoginFailed", System.Management.Automation.ErrorCategory.AuthenticationError);
        Assert.Contains("X-Key: <redacted>", error.Exception.Message);
        SecretScan.AssertNoneIn(result.AllText, fixture.Emulator);
    }

    [Fact]
    public void Verbose_shows_the_query_asked_for_with_secret_looking_values_masked()
    {
        using var ps = fixture.NewRunner();
        ps.Run("Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null").ShouldSucceed();

        var result = ps.Run("""
            Invoke-LitmindRequest models -Query ([ordered]@{ page = 2; pageSize = 5; access_token = 'query-secret-123' }) -Verbose | Out-Null
            Invoke-LitmindRequest 'models?page=3&apiKey=query-secret-456&q=a%20b' -Verbose | Out-Null
            """, verbose: true).ShouldSucceed();

        var sent = result.Verbose.Where(v => v.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[]
            {
                "GET " + fixture.Emulator.BaseUri + "models?page=2&pageSize=5&access_token=<redacted>",
                "GET " + fixture.Emulator.BaseUri + "models?page=3&apiKey=<redacted>&q=a%20b",
            },
            sent);
        Assert.DoesNotContain("query-secret", result.AllText);
        Assert.Contains("query-secret-123", fixture.Emulator.State.RecentRequests.Last(r => r.PathAndQuery.Contains("page=2")).PathAndQuery);
    }

    [Fact]
    public void Nothing_is_sent_to_a_foreign_host_or_over_plain_http_to_another_host()
    {
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;

        var refused = ps.Run("""
            Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri 'http://litmind.test/api/v1'
            $s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri
            Invoke-LitmindRequest 'http://litmind.test/api/v1/session/list'
            Invoke-LitmindRequest ($BaseUri -replace '127.0.0.1', 'localhost.test')
            """);

        Assert.Equal(3, refused.AllErrors.Count());
        Assert.Equal(1, state.Requests);
        Assert.Equal(1, state.RequestsWithApiKey);
        Assert.Equal(0, state.RequestsWithSessionId);
    }

    [Fact]
    public void A_redirect_is_not_followed_so_the_headers_stay_home()
    {
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;
        ps.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri").ShouldSucceed();
        state.EnqueueFault(new Fault { RedirectTo = fixture.Emulator.BaseUri + "models/featured" });

        var error = ps.Run("Invoke-LitmindRequest 'session/list'").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidResponse", System.Management.Automation.ErrorCategory.InvalidData);
        Assert.Contains("redirecting to", error.Exception.Message);
        Assert.Equal(0, state.RequestCount("models/featured"));
    }
}
