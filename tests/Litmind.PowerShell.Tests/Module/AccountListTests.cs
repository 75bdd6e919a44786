using Litmind.Emulator;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>Get-LitmindAccount: what it lists, the session can act as; the list is read in any documented-looking shape.</summary>
public sealed class AccountListTests : IClassFixture<EmulatorFixture>
{
    private const string ConnectAgencyAndAva = """
        $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
        Connect-Litmind -Credential $AvaCred -Session $s | Out-Null

        """;

    private readonly EmulatorFixture fixture;

    public AccountListTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Fact]
    public void A_session_resumed_with_one_user_id_can_act_as_every_account_it_lists()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndAva).ShouldSucceed();
        ps.Set("sid", Assert.Single(State.Sessions).SessionId);

        using var other = new PowerShellRunner(fixture.Emulator);
        other.Set("sid", ps.Get("sid"));
        var result = other.Run("""
            $r = Connect-Litmind -SessionId $sid -UserId 240001 -ApiKey $ApiKey -BaseUri $BaseUri
            Get-LitmindAccount -Session $r | ForEach-Object { (Invoke-LitmindRequest 'account/status/notifications' -Session $r -UserId $_.Id).entity }
            $r.Accounts.Count
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Notifications", "Notifications", 2 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "240001", "240101" }, State.RecentRequests.Where(r => r.PathAndQuery.Contains("notifications")).Select(r => r.Header("X-UserId")));
    }

    [Theory]
    [InlineData("""{"entity":"SessionList","isSuccess":true,"errorDescription":null,"profiles":[{"id":240001,"username":"northstar-agency"},{"id":240101,"username":"ava-north"}]}""")]
    [InlineData("""[{"id":240001,"username":"northstar-agency"},{"id":240101,"username":"ava-north"}]""")]
    [InlineData("""{"entity":"SessionList","isSuccess":true,"errorDescription":null,"count":2,"tags":["a"],"accounts":[{"id":240001,"username":"northstar-agency"},{"id":240101,"username":"ava-north"}]}""")]
    public void The_account_list_is_read_from_any_documented_looking_shape(string body)
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndAva).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = body, PathPrefix = "/api/v1/session/list" });

        var result = ps.Run("Get-LitmindAccount").ShouldSucceed();

        var accounts = result.Output.Select(o => Assert.IsType<LitmindAccount>(o.BaseObject)).ToList();
        Assert.Equal(new object[] { 240001L, 240101L }, accounts.Select(a => a.Id));
        Assert.Equal("ava-north", accounts[1].Username);
    }

    [Fact]
    public void An_account_list_with_two_candidate_arrays_is_refused_with_their_names()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndAva).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"isSuccess":true,"owners":[{"id":1}],"members":[{"id":2}]}""", PathPrefix = "/api/v1/session/list" });

        var error = ps.Run("Get-LitmindAccount").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidResponse", System.Management.Automation.ErrorCategory.InvalidData);
        Assert.Contains("owners", error.Exception.Message);
        Assert.Contains("members", error.Exception.Message);
    }
}
