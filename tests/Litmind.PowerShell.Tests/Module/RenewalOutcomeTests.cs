using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// A renewal's outcome, failure included, is shared: a stored credential the server refuses (its
/// password was rotated) is tried once per expiry whatever the concurrency, then dropped, so an
/// unattended runbook never walks an account into a lockout.
/// </summary>
public sealed class RenewalOutcomeTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0\n";

    private readonly EmulatorFixture fixture;

    public RenewalOutcomeTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Fact]
    public void A_refused_re_login_is_tried_once_then_every_later_call_fails_at_once()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ChangePassword("imagine-production", "Rotated#2026");
        State.ExpireAllSessions();
        long attempts = State.LoginAttempts;
        long requests = State.RequestCount("castings");

        var result = ps.Run("1..20 | ForEach-Object { Invoke-LitmindRequest 'castings' -ErrorAction Continue }; $s.CanReconnect");

        Assert.Equal(1, State.LoginAttempts - attempts);
        Assert.Equal(20, result.Errors.Count);
        ErrorAssert.Is(result.Errors[0], "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        foreach (var later in result.Errors.Skip(1))
        {
            ErrorAssert.Is(later, "Litmind.SessionExpired", ErrorCategory.AuthenticationError);
            Assert.Contains("stored credential was refused", later.Exception.Message);
            Assert.Contains("Connect-Litmind", later.Exception.Message);
        }

        // Only the first call reached the server: the others knew the session was gone.
        Assert.Equal(1, State.RequestCount("castings") - requests);
        Assert.Equal(false, result.Output.Single().BaseObject);
    }

    [Fact]
    public void Sixteen_parallel_calls_that_meet_a_refused_re_login_cost_one_login_attempt()
    {
        using var ps = fixture.NewRunner();
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Run(Connect).ShouldSucceed();
        State.ChangePassword("imagine-production", "Rotated#2026");
        State.ExpireAllSessions();

        // The refused login is slow, so every call meets the expiry while it is still under way.
        State.EnqueueFault(new Fault { DelayMs = 1500, PathPrefix = "/api/v1/session/login" });
        long attempts = State.LoginAttempts;

        var result = ps.Run("""
            1..16 | ForEach-Object -ThrottleLimit 16 -Parallel {
                Import-Module $using:manifest
                try { Invoke-LitmindRequest 'castings' -Session $using:s -ErrorAction Stop | Out-Null; 'ok' }
                catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            }
            """).ShouldSucceed();

        Assert.Equal(1, State.LoginAttempts - attempts);
        var outcomes = result.Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(16, outcomes.Count);
        Assert.All(outcomes, id => Assert.Contains(id, new[] { "Litmind.LoginFailed", "Litmind.SessionExpired" }));
        Assert.Contains("Litmind.LoginFailed", outcomes);
    }

    [Fact]
    public void A_login_the_server_cannot_answer_now_is_not_a_refused_credential()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ExpireAllSessions();
        State.EnqueueFault(new Fault { StatusCode = 500, PathPrefix = "/api/v1/session/login" });

        ErrorAssert.Is(ps.Run("Invoke-LitmindRequest 'castings'").SingleError, "Litmind.LoginFailed", ErrorCategory.InvalidResult);

        // The credential is kept: the next call logs in again and works.
        var result = ps.Run("(Invoke-LitmindRequest 'castings').entity; $s.CanReconnect").ShouldSucceed();
        Assert.Equal(new object[] { "CastingList", true }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void Parallel_calls_that_meet_a_failing_re_login_share_its_failure()
    {
        using var ps = fixture.NewRunner();
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Set("barrier", new Barrier(12));
        ps.Run(Connect).ShouldSucceed();
        State.ExpireAllSessions();

        // The server cannot log anyone in now, and takes its time to say so: every call meets that one attempt.
        State.EnqueueFault(new Fault { StatusCode = 500, DelayMs = 3000, PathPrefix = "/api/v1/session/login", Count = 20 });
        long attempts = State.LoginAttempts;

        var result = ps.Run("""
            1..12 | ForEach-Object -ThrottleLimit 12 -Parallel {
                Import-Module $using:manifest
                Get-LitmindSession | Out-Null
                ($using:barrier).SignalAndWait()
                try { Invoke-LitmindRequest 'castings' -Session $using:s -ErrorAction Stop | Out-Null; 'ok' }
                catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            }
            """).ShouldSucceed();

        Assert.Equal(1, State.LoginAttempts - attempts);
        Assert.All(result.Output, o => Assert.Equal("Litmind.LoginFailed", o.BaseObject));
        Assert.Equal(12, result.Output.Count);

        // Not a refused credential: once the server is back, the session logs in again.
        State.ClearFaults();
        Assert.Equal("CastingList", ps.Run("(Invoke-LitmindRequest 'castings').entity").ShouldSucceed().Output.Single().BaseObject);
    }
}
