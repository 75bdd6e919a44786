using System.Net;
using System.Text.Json.Nodes;
using Litmind.Emulator;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated LivePerson Login Service (seed 002) over HTTP.</summary>
public sealed class LivePersonEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private const string Account = LivePersonDemo.AccountId;

    private readonly ServiceEmulatorFixture fixture;

    public LivePersonEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState LivePerson => fixture.State.LivePerson;

    [Fact]
    public async Task Login_answers_in_the_seed_shape_and_sets_the_session_cookie()
    {
        var answer = (await LoginAsync(LivePersonDemo.Admin)).Is(HttpStatusCode.OK);

        var json = answer.Json.AsObject();
        Assert.Equal(["csrf", "wsuk", "config", "csdsCollectionResponse", "accountData", "sessionTTl", "bearer"], json.Select(p => p.Key));
        Assert.Matches("^[0-9a-f]{64}$", (string)json["csrf"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)json["bearer"]!);
        Assert.Matches("^[0-9]{18}$", (string)json["wsuk"]!);
        Assert.Equal("28800000", (string)json["sessionTTl"]!);
        Assert.Equal("3705342610", (string)json["config"]!["userId"]!);
        Assert.Equal("lp-admin", (string)json["config"]!["loginName"]!);
        Assert.True((bool)json["config"]!["isAdmin"]!);
        Assert.Equal(fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)json["config"]!["serverCurrentTime"]!);
        Assert.Equal(Account, (string)json["csdsCollectionResponse"]!["baseURIs"]![0]!["account"]!);
        Assert.Equal("Main Group", (string)json["accountData"]!["agentGroupsData"]!["items"]![0]!["name"]!);

        var session = Assert.Single(LivePerson.Sessions);
        var cookie = Assert.Single(answer.SetCookies);
        Assert.Equal($"Session_id={session.Secrets["Session_id"]}; path=/liveperson/; httponly", cookie);
        Assert.Equal((string)json["bearer"]!, session.Secrets["bearer"]);
        Assert.Equal(("lp-admin", Account), (session.Subject, session.Scope));
        Assert.Equal(1, LivePerson.Logins);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?v=")]
    [InlineData("?v=latest")]
    [InlineData("?v=-1")]
    [InlineData("?v=NaN")]
    [InlineData("?v=Infinity")]
    public async Task Login_without_a_valid_version_is_400(string query)
    {
        var answer = await fixture.PostJsonAsync(AccountUri("login" + query), Credentials(LivePersonDemo.Admin));

        answer.Is(HttpStatusCode.BadRequest);
        Assert.Contains("query parameter v", (string)answer.Json["message"]!);
        Assert.Equal(0, LivePerson.Logins);
    }

    [Theory]
    [InlineData("application/json", "{\"username\":\"lp-admin\"}", "Missing field 'password'.")]
    [InlineData("application/json", "{}", "Missing fields 'username', 'password'.")]
    [InlineData("application/json", "{\"username\":", "not valid JSON")]
    [InlineData("application/json", "[1]", "must be an object")]
    [InlineData("application/x-www-form-urlencoded", "username=lp-admin&password=LpAdmin%232026", "send application/json")]
    public async Task Login_with_a_bad_body_is_400(string contentType, string body, string expected)
    {
        var answer = await fixture.SendAsync(HttpMethod.Post, AccountUri("login?v=1.3"), new StringContent(body, null, contentType));

        answer.Is(HttpStatusCode.BadRequest);
        Assert.Contains(expected, (string)answer.Json["message"]!);
    }

    [Theory]
    [InlineData(Account, "lp-admin", "wrong")]
    [InlineData(Account, "nobody", "LpAdmin#2026")]
    [InlineData("12345", "lp-admin", "LpAdmin#2026")]
    public async Task Wrong_credentials_or_an_unknown_account_are_401_without_a_cookie(string account, string username, string password)
    {
        var uri = new Uri(fixture.Emulator.LivePersonBaseUri, $"api/account/{account}/login?v=1.3");
        var answer = await fixture.PostJsonAsync(uri, new JsonObject { ["username"] = username, ["password"] = password }.ToJsonString());

        answer.Is(HttpStatusCode.Unauthorized);
        Assert.Equal("Bad authentication: invalid site or agent.", (string)answer.Json["message"]!);
        Assert.Empty(answer.SetCookies);
        Assert.Equal((0, 1), (LivePerson.Logins, LivePerson.LoginAttempts));
    }

    [Fact]
    public async Task Api_calls_need_the_bearer_of_the_account_in_the_path()
    {
        var login = await LoginAsync(LivePersonDemo.Agent);
        var bearer = (string)login.Json["bearer"]!;

        (await fixture.GetAsync(AccountUri("configuration/le-users/users"))).Is(HttpStatusCode.Unauthorized);
        (await fixture.GetAsync(AccountUri("configuration/le-users/users"), ("Authorization", "Basic " + bearer))).Is(HttpStatusCode.Unauthorized);
        (await fixture.GetAsync(AccountUri("configuration/le-users/users"), ("Authorization", "Bearer not-a-bearer"))).Is(HttpStatusCode.Unauthorized);
        (await fixture.GetAsync(new Uri(fixture.Emulator.LivePersonBaseUri, "api/account/12345/configuration/le-users/users"), ("Authorization", "Bearer " + bearer)))
            .Is(HttpStatusCode.Unauthorized);

        var users = (await fixture.GetAsync(AccountUri("configuration/le-users/users"), ("Authorization", "Bearer " + bearer))).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(["lp-admin", "lp-agent"], users.Select(u => (string)u!["loginName"]!));
        var user = (await fixture.GetAsync(AccountUri("configuration/le-users/users/3705342611"), ("Authorization", "Bearer " + bearer))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(3705342611, (long)user["id"]!);
        var skills = (await fixture.GetAsync(AccountUri("configuration/le-users/skills"), ("authorization", "bearer " + bearer))).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(["Support", "Billing"], skills.Select(s => (string)s!["name"]!));
        (await fixture.GetAsync(AccountUri("configuration/le-users/users/1"), ("Authorization", "Bearer " + bearer))).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_bearer_stops_working_when_the_session_TTL_has_passed()
    {
        LivePerson.SessionLifetime = TimeSpan.FromMinutes(1);
        var login = await LoginAsync(LivePersonDemo.Admin);
        Assert.Equal("60000", (string)login.Json["sessionTTl"]!);

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        (await CallAsync(login)).Is(HttpStatusCode.OK);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = (await CallAsync(login)).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("Session expired or invalid. Log in again.", (string)expired.Json["message"]!);
        (await RefreshAsync(login)).Is(HttpStatusCode.Unauthorized);
        Assert.True(Assert.Single(LivePerson.Sessions).IsExpired);
    }

    [Fact]
    public async Task Refresh_with_csrf_and_cookie_extends_the_session_without_a_new_login()
    {
        LivePerson.SessionLifetime = TimeSpan.FromMinutes(1);
        var login = await LoginAsync(LivePersonDemo.Admin);
        fixture.Clock.Advance(TimeSpan.FromSeconds(50));

        var refresh = (await RefreshAsync(login)).Is(HttpStatusCode.OK);
        Assert.Equal("60000", (string)refresh.Json["sessionTTl"]!);

        fixture.Clock.Advance(TimeSpan.FromSeconds(50));
        (await CallAsync(login)).Is(HttpStatusCode.OK);
        Assert.Equal((1, 1), (LivePerson.Logins, LivePerson.Refreshes));
        var headers = LivePerson.RecentRequests.Single(r => r.PathAndQuery.Contains("/refresh"));
        Assert.Equal("Session_id=" + SessionId(login), headers.Header("Cookie"));
    }

    [Fact]
    public async Task Refresh_and_logout_need_the_version_the_csrf_and_the_cookie()
    {
        var login = await LoginAsync(LivePersonDemo.Admin);
        var csrf = new JsonObject { ["csrf"] = (string)login.Json["csrf"]! }.ToJsonString();
        var cookie = ("Cookie", "Session_id=" + SessionId(login));
        foreach (var action in new[] { "refresh", "logout" })
        {
            (await fixture.PostJsonAsync(AccountUri(action), csrf, cookie)).Is(HttpStatusCode.BadRequest);
            (await fixture.PostJsonAsync(AccountUri(action + "?v=1.3"), "{}", cookie)).Is(HttpStatusCode.BadRequest);
            (await fixture.PostJsonAsync(AccountUri(action + "?v=1.3"), csrf)).Is(HttpStatusCode.Unauthorized);
            (await fixture.PostJsonAsync(AccountUri(action + "?v=1.3"), csrf, ("Cookie", "Session_id=unknown"))).Is(HttpStatusCode.Unauthorized);
            (await fixture.PostJsonAsync(AccountUri(action + "?v=1.3"), "{\"csrf\":\"wrong\"}", cookie)).Is(HttpStatusCode.Unauthorized);
        }

        Assert.Equal((0, 0), (LivePerson.Refreshes, LivePerson.Logouts));
        (await CallAsync(login)).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_ends_the_session_and_clears_the_cookie()
    {
        var login = await LoginAsync(LivePersonDemo.Admin);

        var logout = (await PostWithCsrfAsync(login, "logout")).Is(HttpStatusCode.OK);

        Assert.Equal("{}", logout.Body);
        Assert.StartsWith("Session_id=; expires=Thu, 01 Jan 1970", Assert.Single(logout.SetCookies));
        (await CallAsync(login)).Is(HttpStatusCode.Unauthorized);
        (await RefreshAsync(login)).Is(HttpStatusCode.Unauthorized);
        Assert.Equal(1, LivePerson.Logouts);
        Assert.True(Assert.Single(LivePerson.Sessions).IsLoggedOut);
    }

    [Fact]
    public async Task An_expired_session_answers_the_status_the_expire_asked_for()
    {
        var login = await LoginAsync(LivePersonDemo.Admin);

        Assert.True(LivePerson.ExpireSession((string)login.Json["bearer"]!, 419));

        Assert.Equal((HttpStatusCode)419, (await CallAsync(login)).Status);
        Assert.Equal((HttpStatusCode)419, (await RefreshAsync(login)).Status);
    }

    [Fact]
    public async Task A_server_error_can_be_injected_into_login()
    {
        LivePerson.EnqueueFault(new Fault { StatusCode = 500, PathPrefix = $"api/account/{Account}/login" });

        var failed = (await LoginAsync(LivePersonDemo.Admin)).Is(HttpStatusCode.InternalServerError);
        Assert.Equal("Internal server error", (string)failed.Json["message"]!);
        (await LoginAsync(LivePersonDemo.Admin)).Is(HttpStatusCode.OK);
        Assert.Equal((1, 2), (LivePerson.Logins, LivePerson.LoginAttempts));
    }

    private Uri AccountUri(string path) => new(fixture.Emulator.LivePersonBaseUri, $"api/account/{Account}/{path}");

    private static string Credentials(LivePersonUser user) =>
        new JsonObject { ["username"] = user.LoginName, ["password"] = user.Password }.ToJsonString();

    private Task<Answer> LoginAsync(LivePersonUser user) => fixture.PostJsonAsync(AccountUri("login?v=1.3"), Credentials(user));

    private Task<Answer> CallAsync(Answer login) =>
        fixture.GetAsync(AccountUri("configuration/le-users/skills"), ("Authorization", "Bearer " + (string)login.Json["bearer"]!));

    private Task<Answer> RefreshAsync(Answer login) => PostWithCsrfAsync(login, "refresh");

    private Task<Answer> PostWithCsrfAsync(Answer login, string action) => fixture.PostJsonAsync(
        AccountUri(action + "?v=1.3"),
        new JsonObject { ["csrf"] = (string)login.Json["csrf"]! }.ToJsonString(),
        ("Cookie", "Session_id=" + SessionId(login)));

    /// <summary>The Session_id value of a login answer's Set-Cookie.</summary>
    private static string SessionId(Answer login) =>
        login.SetCookies.Single().Split(';')[0]["Session_id=".Length..];
}
