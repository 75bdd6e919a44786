using System.Text.RegularExpressions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>The headers a call sends besides the session's: the module's User-Agent and the ones -Headers gives.</summary>
public sealed class HeaderTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null\n";
    private readonly EmulatorFixture fixture;

    public HeaderTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Every_request_names_the_module_its_version_and_the_PowerShell_it_runs_in()
    {
        using var ps = fixture.NewRunner();
        var versions = ps.Run("""
            (Get-Module Litmind).Version.ToString()
            $PSVersionTable.PSVersion.ToString()
            """).ShouldSucceed().Output.Select(o => (string)o.BaseObject).ToList();

        ps.Run(Connect + """
            Invoke-LitmindRequest 'session/list' | Out-Null
            Invoke-LitmindRequest '_emulator/echo' -Method POST -Body @{ a = 1 } | Out-Null
            """).ShouldSucceed();

        var requests = fixture.Emulator.State.RecentRequests;
        Assert.Contains(requests, r => r.PathAndQuery.EndsWith("/session/login", StringComparison.Ordinal));
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Matches(
            "^Litmind\\.PowerShell/" + Regex.Escape(versions[0]) + " PowerShell/" + Regex.Escape(versions[1]) + " \\((Linux|macOS|Windows NT|Unix) [0-9.]+; [A-Za-z0-9]+\\)$",
            r.Header("User-Agent")));
    }

    [Fact]
    public void A_User_Agent_in_Headers_is_sent_for_that_call_only()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect + """
            Invoke-LitmindRequest 'session/list' -Headers @{ 'User-Agent' = 'Runbook/2.0 (nightly)' } | Out-Null
            Invoke-LitmindRequest 'session/list' | Out-Null
            """).ShouldSucceed();

        var calls = fixture.Emulator.State.RecentRequests.Where(r => r.PathAndQuery.EndsWith("/session/list", StringComparison.Ordinal)).ToList();
        Assert.Equal("Runbook/2.0 (nightly)", calls[0].Header("User-Agent"));
        Assert.StartsWith("Litmind.PowerShell/", calls[1].Header("User-Agent"), StringComparison.Ordinal);
    }
}
