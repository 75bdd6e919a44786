using System.Management.Automation;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// The Rails-style token API (seed 003) through the cmdlets against the emulator: a form login
/// answering a JWT, the JWT as a bearer on calls, a new login before the JWT's exp (no 401 first),
/// and one new login after a 401.
/// </summary>
public sealed class RailsTokenTests : IClassFixture<ServicesFixture>
{
    private const string Connect = "$rails = Connect-Litmind -Service RailsToken -BaseUri $RailsTokenUri -Credential $FooCred\n";

    private readonly ServicesFixture fixture;

    public RailsTokenTests(ServicesFixture fixture) => this.fixture = fixture;

    private Litmind.Emulator.Services.ServiceState RailsToken => fixture.State.RailsToken;

    [Fact]
    public void Login_posts_a_form_and_calls_carry_the_JWT_as_a_bearer()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $rails.Service
            $rails.UserName
            (Invoke-LitmindRequest 'me').email
            (Invoke-LitmindRequest 'projects').Count
            """).ShouldSucceed();

        Assert.Equal(new object[] { "RailsToken", "foo@bar.com", "foo@bar.com", 2 }, result.Output.Select(o => o.BaseObject));
        var login = RailsToken.RecentRequests.First();
        Assert.Equal("/railstoken/api/v1/sessions", login.PathAndQuery);
        Assert.StartsWith("application/x-www-form-urlencoded", login.Header("Content-Type"));
        var token = Assert.Single(RailsToken.Sessions).Secrets["auth_token"];
        Assert.Equal("Bearer " + token, RailsToken.RecentRequests.Last().Header("Authorization"));
    }

    [Fact]
    public void Wrong_credentials_are_LoginFailed_with_the_servers_text()
    {
        using var ps = fixture.NewRunner();
        ps.Set("wrong", new PSCredential("foo@bar.com", PowerShellRunner.Secure("not-foobar")));

        var result = ps.Run("Connect-Litmind -Service RailsToken -BaseUri $RailsTokenUri -Credential $wrong");

        ErrorAssert.Is(result.SingleError, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("Login to RailsToken as 'foo@bar.com' failed: HTTP 401: Invalid credentials", result.SingleError.Exception.Message);
        Assert.Equal("Invalid credentials", ((Errors.LitmindException)result.SingleError.Exception).ServerMessage);
        Assert.DoesNotContain("not-foobar", result.AllText);
        Assert.Empty(ps.Run("Get-LitmindSession").Output);
    }

    [Fact]
    public void A_new_login_comes_before_the_JWTs_exp_not_after_a_401()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        var first = Assert.Single(RailsToken.Sessions);

        // The JWT lives 24 hours; the module renews a minute ahead of its exp, in the background:
        // the call still goes with the JWT that works, and the next with the new one.
        fixture.Clock.Advance(first.ExpiresAt - fixture.Clock.GetUtcNow() - TimeSpan.FromSeconds(30));
        var result = ps.Run("(Invoke-LitmindRequest 'projects').Count", verbose: true).ShouldSucceed();
        ps.WaitFor("$rails.ReconnectCount", 1, "the new login ahead");
        ps.Run("Invoke-LitmindRequest 'projects' | Out-Null").ShouldSucceed();

        Assert.Equal(2, result.Output.Single().BaseObject);
        Assert.Equal(2, RailsToken.Logins);
        Assert.Equal(2, RailsToken.RequestCount("projects"));
        var renewed = RailsToken.Sessions.Last();
        Assert.NotEqual(first.Secrets["auth_token"], renewed.Secrets["auth_token"]);
        Assert.Equal("Bearer " + renewed.Secrets["auth_token"], RailsToken.RecentRequests.Last().Header("Authorization"));
        Assert.Contains(result.Verbose, v => v.Contains("renewing it ahead of time", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Verbose, v => v.Contains("HTTP 401", StringComparison.Ordinal));
    }

    [Fact]
    public void A_401_on_a_call_logs_in_once_more_and_replays_the_call()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        RailsToken.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest 'projects').Count; $rails.ReconnectCount").ShouldSucceed();

        Assert.Equal(new object[] { 2, 1 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, RailsToken.Logins);
        Assert.Equal(2, RailsToken.RequestCount("projects"));
    }

    [Fact]
    public void A_401_that_a_new_login_does_not_cure_is_SessionExpired()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        RailsToken.EnqueueFault(new Litmind.Emulator.Fault { StatusCode = 401, PathPrefix = "projects", Count = 2 });

        var error = ps.Run("Invoke-LitmindRequest 'projects'").SingleError;

        ErrorAssert.Is(error, "Litmind.SessionExpired", ErrorCategory.AuthenticationError);
        Assert.Equal(2, RailsToken.Logins);
    }

    [Fact]
    public void No_token_API_secret_reaches_a_stream_a_view_or_a_serialized_session()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            Invoke-LitmindRequest 'projects/201' -ErrorAction Continue
            Invoke-LitmindRequest 'projects' | Out-Null
            $rails | Format-List * | Out-String
            $rails | ConvertTo-Json -Depth 5
            [System.Management.Automation.PSSerializer]::Serialize($rails, 5)
            "$rails"
            Disconnect-Litmind
            """, verbose: true);
        string display = ps.Render(Connect + "Get-LitmindSession; Get-LitmindSession | Format-List");

        Assert.Equal("Litmind.HttpError", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        fixture.AssertNoSecretIn(result.AllText + display);
    }

    [Fact]
    public void Tickets_page_by_their_Link_headers_with_All_and_the_total_from_X_Total_Count()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            $tickets = Invoke-LitmindRequest tickets -All -Query @{ per_page = 20 }
            $tickets.Count
            ($tickets.id | Select-Object -Unique).Count
            (Invoke-LitmindRequest tickets -IncludeTotalCount -First 1)[0].ToString()
            """).ShouldSucceed();

        Assert.Equal(new object[] { 75, 75, "Total count: 75" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(4 + 1, fixture.State.RailsToken.RequestCount("tickets"));
    }
}
