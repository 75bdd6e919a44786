using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// One session used from two runspaces while it is renewed: each race is driven into the order
/// that matters by the emulator (a throttled call that waits, a login that is slow), so the test
/// is decided by the module, not by the scheduler.
/// </summary>
public sealed class RenewalRaceTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly EmulatorFixture fixture;

    public RenewalRaceTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Fact]
    public void A_call_waiting_out_a_429_survives_a_renewal_made_in_another_runspace()
    {
        using var first = fixture.NewRunner();
        using var second = new PowerShellRunner(fixture.Emulator);
        second.Set("s", first.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri; $s").ShouldSucceed().Output.Single().BaseObject);

        // A first call warms the second runspace, so its renewal below fits in the first call's wait.
        second.Run("Invoke-LitmindRequest 'session/list' -Session $s | Out-Null").ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "4", PathPrefix = "/api/v1/models/featured" });

        using var waiting = System.Management.Automation.PowerShell.Create();
        waiting.Runspace = first.Runspace;
        waiting.AddScript("@(Invoke-LitmindRequest 'models/featured' -Session $s).Count");
        var pending = waiting.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => State.RequestCount("models/featured") == 1, Patience), "the first call was not throttled");

        // While the first call waits out its Retry-After, the other runspace meets expiry and renews.
        State.ExpireAllSessions();
        second.Run("Invoke-LitmindRequest 'session/list' -Session $s | Out-Null").ShouldSucceed();
        Assert.True(State.RequestCount("models/featured") == 1, "the renewal did not happen while the first call waited (machine too slow to decide)");

        Assert.True(pending.AsyncWaitHandle.WaitOne(Patience), "the throttled call never finished");
        var output = waiting.EndInvoke(pending);
        Assert.True(waiting.Streams.Error.Count == 0, string.Join("\n", waiting.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        Assert.Equal(5, output.Single().BaseObject);
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void An_account_joining_while_another_runspace_renews_ends_up_in_the_renewed_session()
    {
        using var first = fixture.NewRunner();
        using var second = new PowerShellRunner(fixture.Emulator);
        second.Set("s", first.Run("$s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri; $s").ShouldSucceed().Output.Single().BaseObject);
        second.Set("AvaCred", first.Get("AvaCred"));

        // The first runspace's call is refused as expired and its renewal login is slow; the
        // server session itself stays valid, so a join that does not wait for the renewal succeeds.
        State.EnqueueFault(new Fault { StatusCode = 401, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Session expired. Log in again.","errorCode":"SessionExpired"}""", PathPrefix = "/api/v1/models/featured" });
        State.EnqueueFault(new Fault { DelayMs = 1500, PathPrefix = "/api/v1/session/login" });

        using var renewing = System.Management.Automation.PowerShell.Create();
        renewing.Runspace = first.Runspace;
        renewing.AddScript("@(Invoke-LitmindRequest 'models/featured' -Session $s).Count");
        var pending = renewing.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => State.LoginAttempts == 2, Patience), "the renewal did not start");

        second.Run("Connect-Litmind -Credential $AvaCred -Session $s | Out-Null").ShouldSucceed();
        Assert.True(pending.AsyncWaitHandle.WaitOne(Patience), "the renewing call never finished");
        Assert.Equal(5, renewing.EndInvoke(pending).Single().BaseObject);

        // Every account the session lists is logged into the server session it uses: acting as
        // the joined account costs no further login.
        first.Run("Invoke-LitmindRequest 'account/status/notifications' -Session $s -UserId 240101 | Out-Null").ShouldSucceed();
        Assert.Equal(3, State.Logins);
        string used = State.RecentRequests.Last().Header("X-SessionId")!;
        Assert.Equal(new long[] { 240001, 240101 }, State.Sessions.Single(s => s.SessionId == used).UserIds);
    }

    [Fact]
    public void Parallel_runspaces_waiting_out_throttling_survive_renewals_made_by_the_others()
    {
        const int Runspaces = 4;
        const int CallsPerRunspace = 20;
        using var ps = fixture.NewRunner();
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Run("$s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 -MaximumRetryCount 10").ShouldSucceed();

        // A fifth of the calls wait a second for a 429; meanwhile the session expires every 2.5 s
        // and whichever runspace meets it first renews it under the others' feet.
        State.SetFaultRate(0.2, new Fault { StatusCode = 429, RetryAfter = "1" });
        using var done = new ManualResetEventSlim();
        int expiries = 0;
        var chaos = new Thread(() =>
        {
            while (!done.Wait(TimeSpan.FromSeconds(2.5)) && expiries < 12)
            {
                State.ExpireAllSessions();
                expiries++;
            }
        })
        {
            IsBackground = true,
        };
        chaos.Start();

        var result = ps.Run($$"""
            1..{{Runspaces}} | ForEach-Object -ThrottleLimit {{Runspaces}} -Parallel {
                Import-Module $using:manifest
                foreach ($i in 1..{{CallsPerRunspace}}) {
                    try { $null = Invoke-LitmindRequest 'account/status/notifications' -Session $using:s -ErrorAction Stop; 'ok' }
                    catch { $_.FullyQualifiedErrorId }
                }
            }
            """);
        done.Set();
        Assert.True(chaos.Join(Patience));
        State.ClearFaults();

        result.ShouldSucceed();
        Assert.True(expiries > 0, "the session never expired during the run");
        Assert.Equal(Enumerable.Repeat("ok", Runspaces * CallsPerRunspace), result.Output.Select(o => o.BaseObject.ToString()));
        Assert.InRange(State.Logins, 1 + 1, 1 + expiries);
    }
}
