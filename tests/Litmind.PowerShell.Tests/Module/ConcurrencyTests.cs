using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>One session shared by many runspaces while it expires and the server throttles.</summary>
public sealed class ConcurrencyTests : IClassFixture<EmulatorFixture>
{
    private const int Runspaces = 8;
    private const int CallsPerRunspace = 250;
    private readonly EmulatorFixture fixture;

    public ConcurrencyTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Eight_runspaces_share_a_session_through_two_expiries_and_throttling_without_a_failed_call()
    {
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 -MaximumRetryCount 6
            Connect-Litmind -Credential $AvaCred -Session $s | Out-Null
            """).ShouldSucceed();
        state.SetFaultRate(0.02, new Fault { StatusCode = 429, RetryAfter = "0" });
        long baseline = state.Requests;

        // Expire everything twice while the calls run, and switch the throttling to 503 halfway.
        var chaos = new Thread(() =>
        {
            long total = Runspaces * CallsPerRunspace;
            if (SpinWait.SpinUntil(() => state.Requests - baseline > total / 3, TimeSpan.FromSeconds(60)))
            {
                state.ExpireAllSessions();
                state.SetFaultRate(0.02, new Fault { StatusCode = 503 });
            }

            if (SpinWait.SpinUntil(() => state.Requests - baseline > total * 2 / 3, TimeSpan.FromSeconds(60)))
            {
                state.ExpireAllSessions(440);
            }
        })
        {
            // A failed run must not keep the test process waiting for this thread.
            IsBackground = true,
        };
        chaos.Start();

        var result = ps.Run($$"""
            $results = 1..{{Runspaces}} | ForEach-Object -ThrottleLimit {{Runspaces}} -Parallel {
                Import-Module $using:manifest
                $session = $using:s
                $ok = 0
                foreach ($i in 1..{{CallsPerRunspace}}) {
                    $userId = if ($i % 2) { 240001 } else { 240101 }
                    $n = Invoke-LitmindRequest 'account/status/notifications' -Session $session -UserId $userId
                    if ($n.entity -eq 'Notifications') { $ok++ }
                }
                $ok
            }
            $sum = 0; foreach ($r in $results) { $sum += $r }; $sum
            """);
        state.ClearFaults();
        result.ShouldSucceed();
        Assert.True(chaos.Join(TimeSpan.FromSeconds(10)), "the expiries did not both happen during the run");
        Assert.Equal(Runspaces * CallsPerRunspace, Convert.ToInt32(result.Output.Single().BaseObject));
        Assert.Equal(2 + (2 * 2), state.Logins);
        Assert.InRange(state.Connections, 1, Runspaces);
        Assert.Equal(2, (int)ps.Run("$s.ReconnectCount").Output.Single().BaseObject);
    }
}
