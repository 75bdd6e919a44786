using System.Management.Automation;
using Litmind.Emulator;
using Litmind.Emulator.LivePerson;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// LivePerson (seed 002) through the cmdlets against the emulator: a JSON login at the account's
/// path, the bearer on calls, a refresh with csrf and the Session_id cookie before the TTL runs out,
/// a logout on Disconnect-Litmind.
/// </summary>
public sealed class LivePersonTests : IClassFixture<ServicesFixture>
{
    private const string Connect = "$lp = Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred\n";
    private const string Skills = "api/account/90412079/configuration/le-users/skills";

    private readonly ServicesFixture fixture;

    public LivePersonTests(ServicesFixture fixture) => this.fixture = fixture;

    private Litmind.Emulator.Services.ServiceState LivePerson => fixture.State.LivePerson;

    [Fact]
    public void Login_posts_JSON_at_the_account_path_and_calls_carry_the_bearer()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $lp.Service
            $lp.UserName
            $lp.UserId
            (Invoke-LitmindRequest '
            """ + Skills + "').name").ShouldSucceed();

        Assert.Equal(new object[] { "LivePerson", "lp-admin", 3705342610L, "Support", "Billing" }, result.Output.Select(o => o.BaseObject));
        var login = LivePerson.RecentRequests.First();
        Assert.Equal("/liveperson/api/account/90412079/login?v=1.3", login.PathAndQuery);
        Assert.StartsWith("application/json", login.Header("Content-Type"));
        var session = Assert.Single(LivePerson.Sessions);
        Assert.Equal("Bearer " + session.Secrets["bearer"], LivePerson.RecentRequests.Last().Header("Authorization"));
        Assert.Equal(1, LivePerson.Logins);
    }

    public static TheoryData<int, string, ErrorCategory, string> LoginFailures => new()
    {
        { 401, "Litmind.LoginFailed", ErrorCategory.AuthenticationError, "HTTP 401: Bad authentication: invalid site or agent." },
        { 400, "Litmind.LoginFailed", ErrorCategory.InvalidArgument, "HTTP 400" },
        { 500, "Litmind.LoginFailed", ErrorCategory.InvalidResult, "HTTP 500" },
    };

    [Theory]
    [MemberData(nameof(LoginFailures))]
    public void A_refused_login_is_a_clear_error_by_its_status(int status, string errorId, ErrorCategory category, string message)
    {
        using var ps = fixture.NewRunner();
        string credential = "$LpAdminCred";
        if (status == 401)
        {
            ps.Set("wrong", new PSCredential("lp-admin", PowerShellRunner.Secure("not-the-password")));
            credential = "$wrong";
        }
        else
        {
            LivePerson.EnqueueFault(new Fault { StatusCode = status, PathPrefix = "api/account/90412079/login" });
        }

        var result = ps.Run("Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential " + credential);

        ErrorAssert.Is(result.SingleError, errorId, category);
        Assert.Contains("Login to LivePerson as 'lp-admin' failed: " + message, result.SingleError.Exception.Message);
        Assert.Equal(status, ((Errors.LitmindException)result.SingleError.Exception).StatusCode);
        Assert.Empty(ps.Run("Get-LitmindSession").Output);
        Assert.DoesNotContain("not-the-password", result.AllText);
    }

    [Fact]
    public void An_account_id_LivePerson_does_not_know_is_a_refused_login_with_the_servers_reason()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run("Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId 11111111 -Credential $LpAdminCred").SingleError;

        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("Login to LivePerson as 'lp-admin' failed: HTTP 401: Bad authentication: invalid site or agent.", error.Exception.Message);
        Assert.Equal(0, LivePerson.Logins);
    }

    [Fact]
    public void The_session_is_refreshed_before_its_TTL_runs_out_without_a_new_login()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        var session = Assert.Single(LivePerson.Sessions);

        // The TTL is 8 hours and the module refreshes 5 minutes ahead: at 7:56 the session still
        // works, so the call goes on with it while the refresh runs beside it.
        fixture.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(4));
        var result = ps.Run("(Invoke-LitmindRequest '" + Skills + "').Count", verbose: true).ShouldSucceed();

        Assert.Equal(2, result.Output.Single().BaseObject);
        ps.WaitFor("$lp.ReconnectCount", 1, "the refresh ahead");
        Assert.Equal((1L, 1L), (LivePerson.Logins, LivePerson.Refreshes));
        Assert.Equal(1, LivePerson.RequestCount(Skills));
        var refresh = LivePerson.RecentRequests.Single(r => r.PathAndQuery.Contains("/refresh", StringComparison.Ordinal));
        Assert.Equal("/liveperson/api/account/90412079/refresh?v=1.3", refresh.PathAndQuery);
        Assert.Equal("Session_id=" + session.Secrets["Session_id"], refresh.Header("Cookie"));
        Assert.Contains(result.Verbose, v => v.Contains("renewing it ahead of time, in the background", StringComparison.Ordinal));

        // The refresh pushed the end a full TTL ahead: another 7:56 later it refreshes again, still without a login.
        fixture.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(4));
        ps.Run("Invoke-LitmindRequest '" + Skills + "' | Out-Null").ShouldSucceed();
        ps.WaitFor("$lp.ReconnectCount", 2, "the second refresh ahead");
        Assert.Equal((1L, 2L), (LivePerson.Logins, LivePerson.Refreshes));
    }

    [Fact]
    public void A_shortened_TTL_is_refreshed_half_way()
    {
        using var ps = fixture.NewRunner();
        LivePerson.SessionLifetime = TimeSpan.FromMinutes(2);
        ps.Run(Connect).ShouldSucceed();

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        ps.Run("Invoke-LitmindRequest '" + Skills + "' | Out-Null").ShouldSucceed();
        Assert.Equal(0, LivePerson.Refreshes);

        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        ps.Run("Invoke-LitmindRequest '" + Skills + "' | Out-Null").ShouldSucceed();
        ps.WaitFor("$lp.ReconnectCount", 1, "the refresh half way");
        Assert.Equal((1L, 1L), (LivePerson.Logins, LivePerson.Refreshes));
    }

    [Fact]
    public void An_expired_session_is_refreshed_else_logged_in_again_and_the_call_replayed()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        LivePerson.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest '" + Skills + "').Count; $lp.ReconnectCount", verbose: true).ShouldSucceed();

        Assert.Equal(new object[] { 2, 1 }, result.Output.Select(o => o.BaseObject));
        // The refresh is refused too (the server ended the session), so the module logs in again.
        Assert.Equal(2, LivePerson.Logins);
        Assert.Equal(0, LivePerson.Refreshes);
        Assert.Equal(2, LivePerson.RequestCount(Skills));
        Assert.Contains(result.Verbose, v => v.Contains("Renewing the LivePerson session failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Disconnect_logs_out_on_the_server_with_the_csrf_and_the_cookie()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        var session = Assert.Single(LivePerson.Sessions);

        var result = ps.Run("Disconnect-Litmind; $lp.IsConnected; @(Get-LitmindSession).Count").ShouldSucceed();

        Assert.Equal(new object[] { false, 0 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(1, LivePerson.Logouts);
        var logout = LivePerson.RecentRequests.Last();
        Assert.Equal("/liveperson/api/account/90412079/logout?v=1.3", logout.PathAndQuery);
        Assert.Equal("Session_id=" + session.Secrets["Session_id"], logout.Header("Cookie"));
        Assert.True(Assert.Single(LivePerson.Sessions).IsLoggedOut);
    }

    [Fact]
    public void A_failed_logout_is_a_warning_and_the_local_session_is_gone_anyway()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        LivePerson.EnqueueFault(new Fault { StatusCode = 500, PathPrefix = "api/account/90412079/logout" });

        var result = ps.Run("Disconnect-Litmind; $lp.IsConnected; @(Get-LitmindSession).Count", verbose: true).ShouldSucceed();

        Assert.Equal(new object[] { false, 0 }, result.Output.Select(o => o.BaseObject));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Logging out of LivePerson on the server failed; the local session is cleared anyway.", warning);
        Assert.Contains("500", warning);
        Assert.Equal(0, LivePerson.Logouts);
        fixture.AssertNoSecretIn(result.AllText);
    }

    [Fact]
    public void No_LivePerson_secret_reaches_a_stream_a_view_or_a_serialized_session()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        fixture.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(4));
        LivePerson.EnqueueFault(new Fault { StatusCode = 401, PathPrefix = "api/account/90412079/configuration/le-users/users" });

        var result = ps.Run("""
            Invoke-LitmindRequest 'api/account/90412079/configuration/le-users/users/1' -ErrorAction Continue
            Invoke-LitmindRequest 'api/account/90412079/configuration/le-users/skills' | Out-Null
            $lp | Format-List * | Out-String
            $lp | ConvertTo-Json -Depth 5
            [System.Management.Automation.PSSerializer]::Serialize($lp, 5)
            "$lp"
            Get-LitmindAccount | Format-List * | Out-String
            Disconnect-Litmind
            """, verbose: true);
        string display = ps.Render(Connect + "Get-LitmindSession; Get-LitmindSession | Format-List");

        // The 401 met the snapshot the refresh ahead was renewing: the call shared that refresh.
        Assert.Equal(1, LivePerson.Refreshes);
        Assert.Equal("Litmind.HttpError", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.NotEmpty(result.Debug);
        fixture.AssertNoSecretIn(result.AllText + display);
    }

    // The service domains the login lists (seed 002: csdsCollectionResponse.baseURIs)

    private const string DomainSkills = "api/account/{accountId}/configuration/le-users/skills";

    private string DomainAuthority => fixture.Emulator.LivePersonDomainUri.Authority;

    [Fact]
    public void The_session_keeps_the_domains_its_login_listed_and_shows_their_names()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            $lp.Domains
            (Get-LitmindSession | Format-List | Out-String) -match 'accountConfigReadOnly'
            """).ShouldSucceed();

        Assert.Equal(new object[] { "accountConfigReadOnly", "agentVep", "smt", true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_call_to_a_domain_goes_to_its_host_with_the_bearer_the_account_filled_in_and_no_login_cookie()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + "(Invoke-LitmindRequest '" + DomainSkills + "' -Domain accountConfigReadOnly).name").ShouldSucceed();

        Assert.Equal(new object[] { "Support", "Billing" }, result.Output.Select(o => o.BaseObject));
        var call = LivePerson.RecentRequests.Last();
        Assert.Equal(DomainAuthority, call.Authority);
        Assert.Equal("/api/account/90412079/configuration/le-users/skills", call.PathAndQuery);
        Assert.Equal("Bearer " + Assert.Single(LivePerson.Sessions).Secrets["bearer"], call.Header("Authorization"));
        Assert.Null(call.Header("Cookie"));
    }

    [Fact]
    public void An_absolute_URI_on_a_listed_domain_is_not_a_foreign_host()
    {
        using var ps = fixture.NewRunner();
        ps.Set("domainRoot", fixture.Emulator.LivePersonDomainUri.ToString());

        var result = ps.Run(Connect + "(Invoke-LitmindRequest \"${domainRoot}api/account/90412079/configuration/le-users/skills\").Count").ShouldSucceed();

        Assert.Equal(2, result.Output.Single().BaseObject);
        Assert.Equal(DomainAuthority, LivePerson.RecentRequests.Last().Authority);
    }

    [Fact]
    public void An_unknown_domain_is_refused_naming_the_known_ones_before_anything_is_sent()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        long before = LivePerson.Requests;

        var error = ps.Run("Invoke-LitmindRequest '" + DomainSkills + "' -Domain msgHist").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("accountConfigReadOnly", error.Exception.Message);
        Assert.Contains("msgHist", error.Exception.Message);
        Assert.Equal(before, LivePerson.Requests);
    }

    [Fact]
    public void An_expired_session_met_on_a_domain_is_renewed_and_the_call_replayed()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        LivePerson.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest '" + DomainSkills + "' -Domain accountConfigReadOnly).Count").ShouldSucceed();

        Assert.Equal(2, result.Output.Single().BaseObject);
        Assert.Equal(2, LivePerson.Logins);
        Assert.Equal(DomainAuthority, LivePerson.RecentRequests.Last().Authority);
    }

    [Fact]
    public void Tab_completes_the_sessions_domains()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();

        Assert.Equal(new[] { "accountConfigReadOnly" }, ps.Complete("Invoke-LitmindRequest x -Domain acc"));
    }

    [Fact]
    public void Cookies_the_session_sends_stay_with_the_login_domain()
    {
        // LivePerson's own calls carry no cookie: a definition of the same service that sends its Session_id on every call.
        var definition = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(Paths.RepoRoot, "src", "Litmind.PowerShell", "Services", "LivePerson.json")));
        definition["name"] = "LivePersonWithCookie";
        definition["authorize"]!["cookies"] = new Newtonsoft.Json.Linq.JObject { ["Session_id"] = "{token.sessionCookie}" };
        string folder = Directory.CreateTempSubdirectory("litmind-lp-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "lp.json"), definition.ToString());
            using var ps = fixture.NewRunner();
            ps.Set("definition", Path.Combine(folder, "lp.json"));

            ps.Run("""
                Connect-Litmind -Service $definition -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred | Out-Null
                Invoke-LitmindRequest 'api/account/{accountId}/configuration/le-users/skills' | Out-Null
                Invoke-LitmindRequest 'api/account/{accountId}/configuration/le-users/skills' -Domain accountConfigReadOnly | Out-Null
                """).ShouldSucceed();

            var calls = LivePerson.RecentRequests.Where(r => r.PathAndQuery.EndsWith("/skills")).ToList();
            Assert.Equal(2, calls.Count);
            Assert.StartsWith("Session_id=", calls[0].Header("Cookie"));
            Assert.Equal(DomainAuthority, calls[1].Authority);
            Assert.Null(calls[1].Header("Cookie"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Agent_groups_page_by_offset_and_limit_with_All_on_the_service_domain()
    {
        using var ps = fixture.NewRunner();

        var result = ps.Run(Connect + """
            $groups = Invoke-LitmindRequest 'api/account/{accountId}/configuration/le-users/agentGroups' -Domain accountConfigReadOnly -All -Query @{ limit = 20 }
            $groups.Count
            $groups[44].name
            """).ShouldSucceed();

        Assert.Equal(new object[] { 45, "Team 45" }, result.Output.Select(o => o.BaseObject));
        Assert.All(LivePerson.RecentRequests.Where(r => r.PathAndQuery.Contains("agentGroups")), r => Assert.Equal(DomainAuthority, r.Authority));
        Assert.Equal(3, LivePerson.RecentRequests.Count(r => r.PathAndQuery.Contains("agentGroups")));
    }
}
