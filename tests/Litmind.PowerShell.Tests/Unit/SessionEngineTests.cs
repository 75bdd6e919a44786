using System.Net.Http;
using System.Security;
using Litmind.Emulator;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.RailsToken;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// The engine runs the built-in definitions of the other seeds against the emulator, on the
/// emulator's clock: what Litmind's own flow does not use (JSON bodies, cookies, TTL and JWT
/// lifetimes, refresh, logout, key mode) works from data alone.
/// </summary>
public sealed class SessionEngineTests : IClassFixture<ServicesFixture>
{
    private static readonly Dictionary<string, object> LivePersonAccount = new() { ["accountId"] = LivePersonDemo.AccountId };
    private const string Skills = "api/account/90412079/configuration/le-users/skills";

    private readonly ServicesFixture fixture;
    private readonly RecordingLog log = new();

    public SessionEngineTests(ServicesFixture fixture)
    {
        this.fixture = fixture;
        fixture.Reset();
    }

    private LitmindEmulator Emulator => fixture.Emulator;

    private static SecureString Secure(string text) => SecretText.Protect(text);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private async Task<SessionEngine> ConnectAsync(string service, Uri baseUri, string user, string password, IReadOnlyDictionary<string, object>? parameters = null) =>
        (await TestSessions.ConnectAsync(TestSessions.Settings(ServiceCatalog.Get(service), baseUri, parameters: parameters, clock: fixture.Clock.GetUtcNow), user, password, log)).Engine;

    private Task<SessionEngine> LivePersonAsync() => ConnectAsync("LivePerson", Emulator.LivePersonBaseUri, LivePersonDemo.Admin.LoginName, LivePersonDemo.Admin.Password, LivePersonAccount);

    // A tree: what the engine reads its own answers as, so the assertions can index the JSON.
    private Task<JToken> GetAsync(SessionEngine engine, string path) => TestSessions.GetTreeAsync(new LitmindSession(engine), path, log);

    /// <summary>Waits for a renewal that runs in the background (ahead of a known end) to be in place.</summary>
    private static void AwaitRenewal(SessionEngine engine, Services.TokenSnapshot before) =>
        Assert.True(SpinWait.SpinUntil(() => !ReferenceEquals(engine.State.Current, before), Patience), "the renewal ahead never finished");

    [Fact]
    public async Task LivePerson_logs_in_with_JSON_at_the_account_path_and_calls_with_the_bearer()
    {
        var engine = await LivePersonAsync();

        Assert.Equal(2, ((JArray)await GetAsync(engine, Skills)).Count);
        var session = Assert.Single(fixture.State.LivePerson.Sessions);
        Assert.Equal("Bearer " + session.Secrets["bearer"], fixture.State.LivePerson.RecentRequests.Last().Header("Authorization"));
        Assert.Equal(session.Secrets["Session_id"], engine.State.Current!.Get("sessionCookie"));
        Assert.Equal(3705342610L, engine.Accounts.Primary!.Account.Id);
        Assert.Equal("lp-admin", engine.Accounts.Primary.Account.Username);
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(8), engine.State.Current.ExpiresAt);
        Assert.Equal(engine.State.Current.ExpiresAt - TimeSpan.FromMinutes(5), engine.State.Current.RefreshAt);
    }

    [Fact]
    public async Task LivePerson_refreshes_before_the_TTL_runs_out_instead_of_logging_in_again()
    {
        var engine = await LivePersonAsync();
        var first = engine.State.Current!;
        fixture.Clock.Advance(first.RefreshAt!.Value - fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        await GetAsync(engine, Skills);
        AwaitRenewal(engine, first);

        Assert.Equal((1L, 1L), (fixture.State.LivePerson.Logins, fixture.State.LivePerson.Refreshes));
        Assert.Equal(first.Get("bearer"), engine.State.Current!.Get("bearer"));
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(8), engine.State.Current.ExpiresAt);
        Assert.Equal(1, fixture.State.LivePerson.RequestCount(Skills));
    }

    [Fact]
    public async Task LivePerson_expiry_on_a_call_is_cured_by_a_refresh_else_by_a_new_login()
    {
        var engine = await LivePersonAsync();
        fixture.State.LivePerson.EnqueueFault(new Fault { StatusCode = 401, PathPrefix = Skills });
        await GetAsync(engine, Skills);
        Assert.Equal((1L, 1L), (fixture.State.LivePerson.Logins, fixture.State.LivePerson.Refreshes));

        // The server ends the session: the refresh is refused too, so the engine logs in again.
        fixture.State.LivePerson.ExpireAllSessions();
        await GetAsync(engine, Skills);
        Assert.Equal((2L, 1L), (fixture.State.LivePerson.Logins, fixture.State.LivePerson.Refreshes));
        Assert.Equal(2, engine.State.ReconnectCount);
    }

    [Fact]
    public async Task LivePerson_logout_ends_the_session_with_the_csrf_and_the_cookie()
    {
        var engine = await LivePersonAsync();

        await engine.LogoutAsync(log, CancellationToken.None);

        Assert.Equal("/liveperson/api/account/90412079/logout?v=1.3", fixture.State.LivePerson.RecentRequests.Last().PathAndQuery);
        Assert.Equal(1, fixture.State.LivePerson.Logouts);
        Assert.True(Assert.Single(fixture.State.LivePerson.Sessions).IsLoggedOut);
    }

    [Fact]
    public async Task A_missing_parameter_is_named_before_anything_is_sent()
    {
        var failure = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("LivePerson", Emulator.LivePersonBaseUri, "lp-admin", "x"));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("-AccountId", failure.Message);
        Assert.Equal(0, fixture.State.LivePerson.Requests);
    }

    [Fact]
    public async Task The_token_API_logs_in_again_before_the_JWT_expires_not_after_a_401()
    {
        var engine = await ConnectAsync("RailsToken", Emulator.RailsTokenBaseUri, RailsTokenDemo.Foo.Email, RailsTokenDemo.Foo.Password);
        var first = engine.State.Current!;
        Assert.Equal(Assert.Single(fixture.State.RailsToken.Sessions).ExpiresAt, first.ExpiresAt);
        Assert.Equal(first.ExpiresAt - TimeSpan.FromMinutes(1), first.RefreshAt);
        fixture.Clock.Advance(first.RefreshAt!.Value - fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        // The JWT still works: the call uses it while the new login runs beside it.
        Assert.Equal(2, ((JArray)await GetAsync(engine, "projects")).Count);
        AwaitRenewal(engine, first);
        Assert.Equal(2, ((JArray)await GetAsync(engine, "projects")).Count);

        Assert.Equal(2, fixture.State.RailsToken.Logins);
        Assert.Equal(2, fixture.State.RailsToken.RequestCount("projects"));
        Assert.Equal("Bearer " + engine.State.Current!.Get("authToken"), fixture.State.RailsToken.RecentRequests.Last().Header("Authorization"));
    }

    [Fact]
    public async Task The_token_API_refusal_is_a_login_failure_with_the_servers_text()
    {
        var failure = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("RailsToken", Emulator.RailsTokenBaseUri, RailsTokenDemo.Foo.Email, "wrong"));
        Assert.Equal(ErrorIds.LoginFailed, failure.ErrorId);
        Assert.Equal(LitmindErrorKind.Authentication, failure.Kind);
        Assert.Contains("Invalid credentials", failure.Message);
    }

    [Fact]
    public async Task Hypernative_names_the_organization_and_its_400_comes_back_with_a_hint()
    {
        var failure = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("Hypernative", Emulator.HypernativeBaseUri, HypernativeDemo.Admin.Email, HypernativeDemo.Admin.Password));
        Assert.Equal((ErrorIds.LoginFailed, LitmindErrorKind.InvalidArgument, "1002"), (failure.ErrorId, failure.Kind, failure.ServerErrorCode));
        Assert.Contains("organizationId is mandatory", failure.Message);
        Assert.Contains("-OrganizationId", failure.Message);

        var engine = await ConnectAsync("Hypernative", Emulator.HypernativeBaseUri, HypernativeDemo.Admin.Email, HypernativeDemo.Admin.Password, new Dictionary<string, object> { ["organizationId"] = 2L });
        Assert.Equal("2", Assert.Single(fixture.State.Hypernative.Sessions).Scope);
        Assert.Equal("Treasury wallets", (string?)(await GetAsync(engine, "api/v2/watchlists"))["data"]![0]!["name"]);
    }

    [Fact]
    public async Task Hypernative_key_mode_sends_the_client_id_and_secret_and_never_logs_in()
    {
        var secrets = new SecretBag([new("clientId", Secure(HypernativeDemo.ApiKey.ClientId)), new("clientSecret", Secure(HypernativeDemo.ApiKey.ClientSecret))]);
        var engine = SessionFactory.WithKeys(TestSessions.Settings(ServiceCatalog.Get("Hypernative"), Emulator.HypernativeBaseUri, secrets), null).Engine;

        Assert.Equal("Demo Protocol", (string?)(await GetAsync(engine, "api/v2/organizations"))["data"]![0]!["name"]);

        Assert.Equal(0, fixture.State.Hypernative.LoginAttempts);
        Assert.Equal(HypernativeDemo.ApiKey.ClientSecret, fixture.State.Hypernative.RecentRequests.Last().Header("x-client-secret"));
        Assert.Null(fixture.State.Hypernative.RecentRequests.Last().Header("Authorization"));
        Assert.Contains(log.Debug, d => d.Contains("x-client-secret: <redacted>", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task No_token_of_these_services_reaches_the_log()
    {
        var engine = await LivePersonAsync();
        var first = engine.State.Current!;
        fixture.Clock.Advance(first.RefreshAt!.Value - fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await GetAsync(engine, Skills);
        AwaitRenewal(engine, first);
        await engine.LogoutAsync(log, CancellationToken.None);
        var tokens = await ConnectAsync("RailsToken", Emulator.RailsTokenBaseUri, RailsTokenDemo.Foo.Email, RailsTokenDemo.Foo.Password);
        await GetAsync(tokens, "me");
        var hypernative = await ConnectAsync("Hypernative", Emulator.HypernativeBaseUri, HypernativeDemo.Analyst.Email, HypernativeDemo.Analyst.Password);
        await GetAsync(hypernative, "api/v2/organizations");

        string text = string.Join("\n", log.Verbose.Concat(log.Debug));
        Assert.Contains("Authorization: <redacted>", text);
        fixture.AssertNoSecretIn(text);
    }
}
