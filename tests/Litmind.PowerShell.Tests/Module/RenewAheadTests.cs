using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// A renewal ahead of a known end (LivePerson's refresh before sessionTTl, a new login before a
/// JWT's exp) runs while the token still works: callers keep using it, and only a caller whose
/// token has really run out waits for the renewal.
/// </summary>
public sealed class RenewAheadTests : IClassFixture<ServicesFixture>
{
    private const string Skills = "api/account/90412079/configuration/le-users/skills";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ServicesFixture fixture;

    public RenewAheadTests(ServicesFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Calls_made_while_LivePerson_refreshes_ahead_do_not_wait_for_the_refresh()
    {
        using var ps = fixture.NewRunner();
        var livePerson = fixture.State.LivePerson;
        ps.Run("$lp = Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred").ShouldSucceed();

        // Past the refresh point (5 minutes before the 8-hour TTL), still well before the end.
        fixture.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(4));
        livePerson.EnqueueFault(new Fault { DelayMs = 4000, PathPrefix = "api/account/90412079/refresh" });

        var result = ps.Run($"@(Invoke-LitmindRequest '{Skills}' -Session $lp).Count; @(Invoke-LitmindRequest '{Skills}' -Session $lp).Count").ShouldSucceed();

        // The refresh takes 4 seconds: both calls were answered before it was.
        Assert.Equal(new object[] { 2, 2 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(0, livePerson.Refreshes);
        Assert.True(SpinWait.SpinUntil(() => livePerson.Refreshes == 1, Patience), "the refresh ahead never finished");
        Assert.Equal(1, livePerson.RequestCount("api/account/90412079/refresh"));

        // Once it has, calls use the session it renewed; nothing was renewed twice.
        ps.WaitFor("$lp.ReconnectCount", 1, "the refreshed session");
        ps.Run($"Invoke-LitmindRequest '{Skills}' -Session $lp | Out-Null").ShouldSucceed();
        Assert.Equal((1L, 1L), (livePerson.Logins, livePerson.Refreshes));
    }

    [Fact]
    public void A_call_whose_token_has_run_out_waits_for_the_renewal_and_uses_it()
    {
        using var ps = fixture.NewRunner();
        var railsToken = fixture.State.RailsToken;
        ps.Run("$rails = Connect-Litmind -Service RailsToken -BaseUri $RailsTokenUri -Credential $FooCred").ShouldSucceed();
        string first = Assert.Single(railsToken.Sessions).Secrets["auth_token"];

        // Past the JWT's exp: the old token is dead, so this call must wait for the new login.
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        var result = ps.Run("(Invoke-LitmindRequest 'me' -Session $rails).email").ShouldSucceed();

        Assert.Equal("foo@bar.com", result.Output.Single().BaseObject);
        Assert.Equal(2, railsToken.Logins);
        Assert.NotEqual("Bearer " + first, railsToken.RecentRequests.Last().Header("Authorization"));
        Assert.Equal(1, railsToken.RequestCount("me"));
    }

    [Fact]
    public void Eight_runspaces_past_the_refresh_point_make_one_refresh()
    {
        using var ps = fixture.NewRunner();
        var livePerson = fixture.State.LivePerson;
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Run("$lp = Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred").ShouldSucceed();
        fixture.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(4));
        livePerson.EnqueueFault(new Fault { DelayMs = 1000, PathPrefix = "api/account/90412079/refresh" });

        var result = ps.Run($$"""
            1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                foreach ($i in 1..5) { @(Invoke-LitmindRequest '{{Skills}}' -Session $using:lp).Count }
            } | Measure-Object -Sum | ForEach-Object Sum
            """).ShouldSucceed();

        Assert.Equal(80.0, result.Output.Single().BaseObject);
        Assert.True(SpinWait.SpinUntil(() => livePerson.Refreshes == 1, Patience), "the refresh ahead never finished");
        Assert.Equal(1, livePerson.RequestCount("api/account/90412079/refresh"));
    }

    [Fact]
    public void Eight_runspaces_that_meet_a_401_at_once_share_one_refresh()
    {
        using var ps = fixture.NewRunner();
        var livePerson = fixture.State.LivePerson;
        ps.Set("manifest", Paths.ModuleManifest);
        ps.Set("barrier", new Barrier(8));
        ps.Run("$lp = Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred").ShouldSucceed();

        // Every runspace's first call is refused as expired; the refresh is slow, so all of them meet the expiry while it runs.
        livePerson.EnqueueFault(new Fault { StatusCode = 401, PathPrefix = Skills, Count = 8 });
        livePerson.EnqueueFault(new Fault { DelayMs = 1500, PathPrefix = "api/account/90412079/refresh" });

        var result = ps.Run($$"""
            1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                Get-LitmindSession | Out-Null
                ($using:barrier).SignalAndWait()
                @(Invoke-LitmindRequest '{{Skills}}' -Session $using:lp).Count
            } | Measure-Object -Sum | ForEach-Object Sum
            """).ShouldSucceed();

        Assert.Equal(16.0, result.Output.Single().BaseObject);
        Assert.Equal(1, livePerson.RequestCount("api/account/90412079/refresh"));
        Assert.Equal((1L, 1L), (livePerson.Logins, livePerson.Refreshes));
    }
}
