using System.Management.Automation;
using Litmind.Emulator.Hypernative;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Hypernative (seed 004) through the cmdlets against the emulator: a JSON login with an optional
/// organization, the token as a bearer, the 400 envelope as the error, and the API-key mode.
/// </summary>
public sealed class HypernativeTests : IClassFixture<ServicesFixture>
{
    private const string Connect = "$hn = Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $AnalystCred\n";

    private readonly ServicesFixture fixture;

    public HypernativeTests(ServicesFixture fixture) => this.fixture = fixture;

    private Litmind.Emulator.Services.ServiceState Hypernative => fixture.State.Hypernative;

    [Fact]
    public void Login_posts_JSON_and_calls_carry_the_token_as_a_bearer()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $hn.Service
            $hn.UserName
            (Invoke-LitmindRequest 'api/v2/watchlists').data.name
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Hypernative", "analyst@hypernative.example", "Protocol contracts", "Bridges" }, result.Output.Select(o => o.BaseObject));
        var login = Hypernative.RecentRequests.First();
        Assert.Equal("/hypernative/auth/login", login.PathAndQuery);
        Assert.StartsWith("application/json", login.Header("Content-Type"));
        var session = Assert.Single(Hypernative.Sessions);
        Assert.Equal("Bearer " + session.Secrets["token"], Hypernative.RecentRequests.Last().Header("Authorization"));
    }

    [Fact]
    public void A_user_of_several_organizations_is_told_to_choose_one_with_the_servers_code()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run("try { Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $AdminCred -ErrorAction Stop } catch { $_; $_.Exception.ServerErrorCode; $_.Exception.ServerMessage }");

        var error = Assert.IsType<ErrorRecord>(result.Output[0].BaseObject);
        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.InvalidArgument);
        Assert.Contains("HTTP 400: organizationId is mandatory Pass -OrganizationId to choose one of your organizations.", error.Exception.Message);
        Assert.Equal(new object[] { "1002", "organizationId is mandatory" }, result.Output.Skip(1).Select(o => o.BaseObject));
        Assert.Equal(0, Hypernative.Logins);
    }

    [Fact]
    public void OrganizationId_chooses_the_organization_the_session_works_in()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $hn = Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $AdminCred -OrganizationId 2
            (Invoke-LitmindRequest 'api/v2/watchlists').data.name
            """).ShouldSucceed();

        Assert.Equal("Treasury wallets", result.Output.Single().BaseObject);
        Assert.Equal("2", Assert.Single(Hypernative.Sessions).Scope);
    }

    [Fact]
    public void An_organization_the_user_is_not_in_is_the_servers_error()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run("Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $AnalystCred -OrganizationId 2").SingleError;

        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.InvalidArgument);
        Assert.Contains("User is not a member of organization 2", error.Exception.Message);
        Assert.Equal("1003", ((LitmindException)error.Exception).ServerErrorCode);
    }

    [Fact]
    public void Wrong_credentials_are_LoginFailed()
    {
        using var ps = fixture.NewRunner();
        ps.Set("wrong", new PSCredential(HypernativeDemo.Analyst.Email, PowerShellRunner.Secure("not-the-password")));

        var result = ps.Run("Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -Credential $wrong");

        ErrorAssert.Is(result.SingleError, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("HTTP 401: Invalid email or password", result.SingleError.Exception.Message);
        Assert.DoesNotContain("not-the-password", result.AllText);
    }

    [Fact]
    public void An_expired_token_is_replaced_by_a_new_login_and_the_call_replayed()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        Hypernative.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest 'api/v2/organizations').data.name; $hn.ReconnectCount").ShouldSucceed();

        Assert.Equal(new object[] { "Demo Protocol", 1 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, Hypernative.Logins);
        Assert.Equal("Bearer " + Hypernative.Sessions.Last().Secrets["token"], Hypernative.RecentRequests.Last().Header("Authorization"));
    }

    [Fact]
    public void Key_mode_sends_the_client_id_and_secret_on_every_call_and_never_logs_in()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $key = Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $ClientSecret
            $key.Service
            $key.UserName -eq $null
            "$key"
            (Invoke-LitmindRequest 'api/v2/organizations').data.name
            (Invoke-LitmindRequest 'api/v2/watchlists').data.Count
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Hypernative", true, "Hypernative session (API key) at " + fixture.Emulator.HypernativeBaseUri, "Demo Protocol", 2 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(0, Hypernative.LoginAttempts);
        Assert.All(Hypernative.RecentRequests, request =>
        {
            Assert.Equal(HypernativeDemo.ApiKey.ClientId, request.Header("x-client-id"));
            Assert.Equal(HypernativeDemo.ApiKey.ClientSecret, request.Header("x-client-secret"));
            Assert.Null(request.Header("Authorization"));
        });
        Assert.Contains("(API key)", ps.Render("Get-LitmindSession"));
    }

    [Fact]
    public void A_refused_key_fails_the_call_without_any_login()
    {
        using var ps = fixture.NewRunner();
        ps.Set("wrongSecret", PowerShellRunner.Secure("hn-not-the-secret"));

        var result = ps.Run("""
            Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $wrongSecret | Out-Null
            Invoke-LitmindRequest 'api/v2/organizations'
            """);

        ErrorAssert.Is(result.SingleError, "Litmind.HttpError", ErrorCategory.AuthenticationError);
        Assert.Contains("Invalid client id or client secret.", result.SingleError.Exception.Message);
        Assert.Equal(0, Hypernative.LoginAttempts);
        Assert.Equal(1, Hypernative.Requests);
        Assert.DoesNotContain("hn-not-the-secret", result.AllText);
    }

    [Fact]
    public void No_Hypernative_secret_reaches_a_stream_a_view_or_a_serialized_session()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $key = Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $ClientSecret
            Invoke-LitmindRequest 'api/v2/watchlists/7101' -Session $hn -ErrorAction Continue
            Invoke-LitmindRequest 'api/v2/watchlists' -Session $key | Out-Null
            $hn, $key | Format-List * | Out-String
            $hn, $key | ConvertTo-Json -Depth 5
            [System.Management.Automation.PSSerializer]::Serialize(@($hn, $key), 5)
            "$hn $key"
            Get-LitmindSession | Disconnect-Litmind
            """, verbose: true);
        string display = ps.Render(Connect + "Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $ClientSecret | Out-Null; Get-LitmindSession; Get-LitmindSession | Format-List");

        Assert.Equal("Litmind.HttpError", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.All(Hypernative.Sessions, session => Assert.Contains("refreshToken", session.Secrets.Keys));
        fixture.AssertNoSecretIn(result.AllText + display);
    }

    [Fact]
    public void Alerts_page_by_the_cursor_of_each_answer_with_All()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            $alerts = Invoke-LitmindRequest api/v2/alerts -All -Query @{ limit = 25 }
            $alerts.Count
            ($alerts.id | Select-Object -Unique).Count
            """).ShouldSucceed();

        Assert.Equal(new object[] { 60, 60 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(3, fixture.State.Hypernative.RequestCount("api/v2/alerts"));
    }
}
