using System.Management.Automation;
using Litmind.Emulator.Hypernative;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// A session of every service handed to a job (Get-LitmindSession -HandOff): the hand-off names the
/// service (and a user's definition file) and carries what the rebuilt session needs, as
/// SecureStrings; the job calls without logging in. A job is emulated as Start-Job delivers $using:
/// values: a PSSerializer round trip into a second runspace.
/// </summary>
public sealed class ServiceHandOffTests : IClassFixture<ServicesFixture>
{
    private const string Skills = "api/account/90412079/configuration/le-users/skills";

    private readonly ServicesFixture fixture;

    public ServiceHandOffTests(ServicesFixture fixture) => this.fixture = fixture;

    [Fact]
    public void A_LivePerson_session_works_in_a_job_and_refreshes_there_without_logging_in_or_out()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize("""
            $lp = Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred
            $lp | Get-LitmindSession -HandOff
            """);

        using var job = fixture.NewJobRunner();
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.Service
            @($h.Tokens.Keys | Sort-Object) -join ','
            $h.Parameters.accountId
            (Invoke-LitmindRequest '
            """ + Skills + """
            ' -Session $h -Verbose).Count
            """, verbose: true).ShouldSucceed();

        Assert.Equal(new object[] { "LivePerson", "bearer,csrf,sessionCookie,sessionTtl", "90412079", 2 }, result.Output.Select(o => o.BaseObject));
        Assert.Contains(result.Verbose, v => v.Contains("authenticates to " + fixture.Emulator.RootUri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
        Assert.Equal("Bearer " + Assert.Single(fixture.State.LivePerson.Sessions).Secrets["bearer"], fixture.State.LivePerson.RecentRequests.Last().Header("Authorization"));

        // The rebuilt session knows when the tokens end, and refreshes them with the csrf and the cookie it was handed.
        fixture.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(4));
        var later = job.Run("$h = [System.Management.Automation.PSSerializer]::Deserialize($xml); Invoke-LitmindRequest '" + Skills + "' -Session $h | Out-Null", verbose: true).ShouldSucceed();
        Assert.Contains(later.Verbose, v => v.Contains("renewing it ahead of time", StringComparison.Ordinal));
        Assert.True(SpinWait.SpinUntil(() => fixture.State.LivePerson.Refreshes == 1, TimeSpan.FromSeconds(20)), "the refresh ahead never finished");
        job.Run("Disconnect-Litmind -Session ([System.Management.Automation.PSSerializer]::Deserialize($xml))").ShouldSucceed();
        Assert.Equal((1L, 1L, 0L), (fixture.State.LivePerson.Logins, fixture.State.LivePerson.Refreshes, fixture.State.LivePerson.Logouts));

        // The job's Disconnect-Litmind leaves the server session to the session that logged in.
        ps.Run("Invoke-LitmindRequest '" + Skills + "' | Out-Null; Disconnect-Litmind").ShouldSucceed();
        Assert.Equal(1, fixture.State.LivePerson.Logouts);
        fixture.AssertNoSecretInAnyForm(result.AllText + string.Join("\n", later.Verbose));
        fixture.AssertNoSecretIn(handOff);
    }

    [Fact]
    public void A_token_API_session_works_in_a_job_with_the_JWT_it_was_handed()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize("""
            Connect-Litmind -Service RailsToken -BaseUri $RailsTokenUri -Credential $FooCred | Out-Null
            Get-LitmindSession -Default -HandOff
            """);
        var token = Assert.Single(fixture.State.RailsToken.Sessions);

        using var job = fixture.NewJobRunner();
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.ExpiresAt.ToString('o')
            (Invoke-LitmindRequest 'me' -Session $h).email
            """).ShouldSucceed();

        Assert.Equal(new object[] { token.ExpiresAt.UtcDateTime.ToString("o"), "foo@bar.com" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(1, fixture.State.RailsToken.Logins);
        Assert.Equal("Bearer " + token.Secrets["auth_token"], fixture.State.RailsToken.RecentRequests.Last().Header("Authorization"));
    }

    [Fact]
    public void A_Hypernative_key_mode_session_hands_over_its_client_id_and_secret_as_SecureStrings()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize("""
            Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $ClientSecret | Out-Null
            Get-LitmindSession -Default -HandOff
            """);

        Assert.Contains("<SS N=\"ClientId\">", handOff);
        Assert.Contains("<SS N=\"ClientSecret\">", handOff);
        Assert.DoesNotContain(HypernativeDemo.ApiKey.ClientSecret, handOff);
        using var job = fixture.NewJobRunner();
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.KeyMode
            (Invoke-LitmindRequest 'api/v2/organizations' -Session $h -Verbose).data.name
            """, verbose: true).ShouldSucceed();

        Assert.Equal(new object[] { true, "Demo Protocol" }, result.Output.Select(o => o.BaseObject));
        Assert.Contains(result.Verbose, v => v.Contains("with the client id and client secret the hand-off carries", StringComparison.Ordinal));
        Assert.Equal(0, fixture.State.Hypernative.LoginAttempts);
        Assert.Equal(HypernativeDemo.ApiKey.ClientSecret, fixture.State.Hypernative.RecentRequests.Last().Header("x-client-secret"));
    }

    [Fact]
    public void A_Hypernative_login_hands_over_its_organization_and_token()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize("""
            Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $AdminCred -OrganizationId 2 | Out-Null
            Get-LitmindSession -Default -HandOff
            """);

        using var job = fixture.NewJobRunner();
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.Parameters.organizationId
            (Invoke-LitmindRequest 'api/v2/watchlists' -Session $h).data.name
            """).ShouldSucceed();

        Assert.Equal(new object[] { 2L, "Treasury wallets" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(1, fixture.State.Hypernative.Logins);
    }

    [Fact]
    public void Hand_offs_display_and_serialize_no_secret_of_any_service()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred | Out-Null
            Connect-Litmind -Service RailsToken -BaseUri $RailsTokenUri -Credential $FooCred | Out-Null
            Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $AnalystCred | Out-Null
            Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $ClientSecret | Out-Null
            $h = Get-LitmindSession -HandOff
            $h | Format-List * | Out-String
            $h | ForEach-Object { $_.Tokens | Out-String }
            $h | ConvertTo-Json -Depth 5
            "$h"
            """).ShouldSucceed();
        string clixml = ps.Serialize("Get-LitmindSession -HandOff");

        Assert.Contains("Hand-off of the LivePerson session lp-admin (3705342610)", result.AllText);
        fixture.AssertNoSecretInAnyForm(result.AllText);

        // Serialized, the secrets travel only as SecureStrings (<SS>): encrypted by Export-Clixml on Windows, only encoded elsewhere.
        fixture.AssertNoSecretIn(clixml);
        Assert.Equal(4 + 1 + 2 + 2, clixml.Split("<SS N=").Length - 1);
    }
}
