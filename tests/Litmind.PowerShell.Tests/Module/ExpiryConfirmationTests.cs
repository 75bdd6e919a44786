using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Seed 001 says an expired Litmind session gets "a 40x HTTP error", and a 403 is also what a
/// permission error looks like. The definition's confirm rule asks the server: an unexplained
/// 400, 403 or 404 is checked with one cheap call (session/list as the session's first account);
/// only when that fails too is the session renewed and the call replayed.
/// </summary>
public sealed class ExpiryConfirmationTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0\n";

    private readonly EmulatorFixture fixture;

    public ExpiryConfirmationTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public void A_server_that_answers_expiry_with_an_unexplained_40x_is_confirmed_and_renewed(int status)
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ExpiryIsExplained = false;
        State.ExpireAllSessions(status);

        var result = ps.Run("(Invoke-LitmindRequest 'castings').entity").ShouldSucceed();

        Assert.Equal("CastingList", result.Output.Single().BaseObject);
        Assert.Equal(2, State.Logins);
        Assert.Equal(1, State.RequestCount("session/list"));
        Assert.Equal(2, State.RequestCount("castings"));
    }

    [Fact]
    public void Five_hundred_parallel_calls_against_a_server_written_from_the_seed_all_succeed()
    {
        using var ps = fixture.NewRunner();
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Run(Connect).ShouldSucceed();
        State.ExpiryIsExplained = false;
        State.ExpiredSessionStatusCode = 403;
        State.ExpireAllSessions();

        var result = ps.Run("""
            1..500 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                (Invoke-LitmindRequest 'castings' -Session $using:s).entity
            } | Group-Object | ForEach-Object { "$($_.Name)=$($_.Count)" }
            """).ShouldSucceed();

        Assert.Equal("CastingList=500", Assert.Single(result.Output).BaseObject);
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void A_real_permission_error_stands_after_one_confirming_call_and_costs_no_login()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();

        // A production company may not list an agency's models: the server says 403 Forbidden.
        var error = ps.Run("Invoke-LitmindRequest 'agency/models'").SingleError;

        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.PermissionDenied);
        Assert.Equal(403, ((Litmind.PowerShell.Errors.LitmindException)error.Exception).StatusCode);
        Assert.Equal(1, State.Logins);
        Assert.Equal(1, State.RequestCount("session/list"));
        Assert.Equal(1, State.RequestCount("agency/models"));
    }

    [Fact]
    public void A_missing_resource_stays_a_404_and_the_session_keeps_its_last_status()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();

        var result = ps.Run("Invoke-LitmindRequest 'castings/999'; $s.LastStatusCode");

        ErrorAssert.Is(result.SingleError, "Litmind.HttpError", ErrorCategory.ObjectNotFound);
        Assert.Equal(404, result.Output.Single().BaseObject);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void A_confirming_call_that_fails_for_another_reason_leaves_the_original_error()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 500, PathPrefix = "session/list" });

        ErrorAssert.Is(ps.Run("Invoke-LitmindRequest 'castings/999'").SingleError, "Litmind.HttpError", ErrorCategory.ObjectNotFound);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void A_fresh_session_that_the_server_expires_again_before_the_replay_is_renewed_once_more()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ExpireAllSessions();

        // Churn: the call's replay is refused as expired too, although its session is brand new;
        // the confirming call sees that session gone as well.
        State.EnqueueFault(new Fault { StatusCode = 401, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Session expired. Log in again.","errorCode":"SessionExpired"}""", PathPrefix = "castings", Count = 1 });
        State.EnqueueFault(new Fault { StatusCode = 401, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Session expired. Log in again.","errorCode":"SessionExpired"}""", PathPrefix = "castings", Count = 1 });
        State.EnqueueFault(new Fault { StatusCode = 401, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Session expired. Log in again.","errorCode":"SessionExpired"}""", PathPrefix = "session/list", Count = 1 });

        var result = ps.Run("(Invoke-LitmindRequest 'castings').entity").ShouldSucceed();

        Assert.Equal("CastingList", result.Output.Single().BaseObject);
        Assert.Equal(3, State.Logins);
    }
}
