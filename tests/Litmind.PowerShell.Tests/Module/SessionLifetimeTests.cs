using System.Management.Automation;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

public sealed class SessionLifetimeTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri\n";
    private readonly EmulatorFixture fixture;

    public SessionLifetimeTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Calls_without_a_session_tell_the_user_to_connect()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run("Invoke-LitmindRequest 'session/list'").SingleError;
        ErrorAssert.Is(error, "Litmind.NotConnected", ErrorCategory.ConnectionError);
        Assert.Contains("Connect-Litmind", error.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void Disconnect_forgets_the_default_session_and_clears_its_secrets()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "Disconnect-Litmind; $s.IsConnected; $s.SessionIdHint; (Get-LitmindSession).Count; Invoke-LitmindRequest 'session/list'");
        Assert.Equal(new object[] { false, string.Empty, 0 }, result.Output.Select(o => o.BaseObject));
        ErrorAssert.Is(result.SingleError, "Litmind.NotConnected", ErrorCategory.ConnectionError);
        Assert.Contains("Connect-Litmind", result.SingleError.Exception.Message);
    }

    [Fact]
    public void A_disconnected_session_passed_explicitly_is_refused()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run(Connect + "Disconnect-Litmind -Session $s; Invoke-LitmindRequest 'session/list' -Session $s").SingleError;
        ErrorAssert.Is(error, "Litmind.NotConnected", ErrorCategory.ConnectionError);
        Assert.Contains("disconnected", error.Exception.Message);
    }

    [Fact]
    public void The_latest_connected_session_is_the_default_and_is_marked()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $a = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri
            $b = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Get-LitmindSession | ForEach-Object { '{0}:{1}' -f $_.UserName, $_.IsDefault }
            (Invoke-LitmindRequest 'session/list').accounts[0].username
            Connect-Litmind -Credential $AvaCred -Session $a | Out-Null
            '{0}:{1}' -f $a.IsDefault, $b.IsDefault
            """).ShouldSucceed();
        Assert.Equal(new object[] { "imagine-production:False", "northstar-agency:True", "northstar-agency", "True:False" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Two_runspaces_do_not_see_each_others_default_session()
    {
        using var first = fixture.NewRunner();
        using var second = new PowerShellRunner(fixture.Emulator);
        first.Run(Connect).ShouldSucceed();

        Assert.Empty(second.Run("Get-LitmindSession").Output);
        ErrorAssert.Is(second.Run("Invoke-LitmindRequest 'session/list'").SingleError, "Litmind.NotConnected", ErrorCategory.ConnectionError);
    }

    [Fact]
    public void A_session_handed_to_another_runspace_works_there()
    {
        using var first = fixture.NewRunner();
        using var second = new PowerShellRunner(fixture.Emulator);
        var session = (LitmindSession)first.Run(Connect + "$s").ShouldSucceed().Output.Single().BaseObject;
        second.Set("handed", session);

        var result = second.Run("(Invoke-LitmindRequest 'session/list' -Session $handed).accounts.Count").ShouldSucceed();
        Assert.Equal(1, result.Output.Single().BaseObject);
    }

    [Fact]
    public void ForEach_Object_Parallel_uses_a_session_passed_with_using()
    {
        using var ps = fixture.NewRunner();
        ps.Set("manifest", Paths.ModuleManifest);
        var result = ps.Run(Connect + """
            1..6 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:manifest
                (Get-LitmindSession).Count
                (Invoke-LitmindRequest 'account/status/notifications' -Session $using:s).entity
            }
            """).ShouldSucceed();
        Assert.Equal(6, result.Output.Count(o => Equals(o.BaseObject, 0)));
        Assert.Equal(6, result.Output.Count(o => Equals(o.BaseObject, "Notifications")));
    }

    [Fact]
    public void Removing_the_module_in_one_runspace_does_not_break_a_call_in_flight_in_another()
    {
        using var caller = fixture.NewRunner();
        using var remover = new PowerShellRunner(fixture.Emulator);
        caller.Run(Connect).ShouldSucceed();

        // The call waits in the emulator until the other runspace has removed the module.
        fixture.Emulator.State.EnqueueFault(new Litmind.Emulator.Fault { DelayMs = 2000, PathPrefix = "/api/v1/account/status/notifications" });
        using var pipeline = System.Management.Automation.PowerShell.Create();
        pipeline.Runspace = caller.Runspace;
        pipeline.AddScript("(Invoke-LitmindRequest 'account/status/notifications').entity");
        var pending = pipeline.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => fixture.Emulator.State.RequestCount("account/status/notifications") == 1, TimeSpan.FromSeconds(10)));

        remover.Run("Remove-Module Litmind").ShouldSucceed();
        var output = pipeline.EndInvoke(pending);

        Assert.Empty(pipeline.Streams.Error);
        Assert.Equal("Notifications", Assert.Single(output).BaseObject);
        Assert.Equal("Notifications", caller.Run("(Invoke-LitmindRequest 'account/status/notifications').entity").ShouldSucceed().Output.Single().BaseObject);
    }

    [Fact]
    public void Calls_reuse_one_connection_pool()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect + "1..20 | ForEach-Object { Invoke-LitmindRequest 'session/list' | Out-Null }").ShouldSucceed();
        Assert.Equal(21, fixture.Emulator.State.Requests);
        Assert.InRange(fixture.Emulator.State.Connections, 0, 1);
    }
}
