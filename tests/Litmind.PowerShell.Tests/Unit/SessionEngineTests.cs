using System.Net.Http;
using System.Security;
using Litmind.PowerShell.Auth;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// The engine runs the other seeds' definitions (test data until issue 11 ships them) against a
/// loopback stand-in: what Litmind's own flow does not use (JSON bodies, cookies, TTL and JWT
/// lifetimes, refresh, logout, key mode) works from data alone.
/// </summary>
public sealed class SessionEngineTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly Dictionary<string, object> LivePersonAccount = new() { ["accountId"] = "123456" };
    private readonly RecordingLog log = new();
    private TokenServiceFake fake = null!;

    public async Task InitializeAsync() => fake = await TokenServiceFake.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private static ServiceDefinition Seed(string name) => ServiceCatalog.Load(Path.Combine(AppContext.BaseDirectory, "Unit", "Definitions", name + ".json"));

    private static SecureString Secure(string text) => SecretText.Protect(text);

    private Task<SessionEngine> ConnectAsync(string service, IReadOnlyDictionary<string, object>? parameters = null, string password = TokenServiceFake.Password) =>
        SessionEngine.ConnectAsync(Seed(service), fake.BaseUri, new SecretBag(null), parameters, new LoginCredential("agent@example.org", Secure(password)), true, new CallOptions { RetryInterval = TimeSpan.Zero }, false, log, CancellationToken.None);

    private async Task<int> GetDataAsync(SessionEngine engine)
    {
        using var result = await engine.SendAsync(new ApiRequest(HttpMethod.Get, "data"), null, engine.Defaults, log, CancellationToken.None);
        return ((object[])((System.Management.Automation.PSObject)result.Value!).Properties["items"].Value).Length;
    }

    private TokenServiceFake.Call Last(string pathPart) => fake.Calls.Last(c => c.PathAndQuery.Contains(pathPart, StringComparison.Ordinal));

    [Fact]
    public async Task LivePerson_logs_in_with_JSON_at_the_account_path_and_calls_with_the_bearer()
    {
        var engine = await ConnectAsync("LivePerson", LivePersonAccount);

        var login = Last("/login");
        Assert.Equal("/api/account/123456/login?v=1.3", login.PathAndQuery);
        Assert.StartsWith("application/json", login.Header("Content-Type"));
        Assert.Equal(TokenServiceFake.Password, (string?)JObject.Parse(login.Body)["password"]);
        Assert.Equal(3, await GetDataAsync(engine));
        Assert.Equal("Bearer " + engine.Current!.Get("bearer"), Last("/data").Header("Authorization"));
        Assert.Equal(3705342610, engine.PrimaryAccount!.Id);
        Assert.Equal("agent@example.org", engine.PrimaryAccount.Username);
        Assert.InRange(engine.Current.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.True(engine.Current.RefreshAt < engine.Current.ExpiresAt);
    }

    [Fact]
    public async Task LivePerson_refreshes_before_the_TTL_runs_out_instead_of_logging_in_again()
    {
        fake.SessionTtlMs = 1500;
        var engine = await ConnectAsync("LivePerson", LivePersonAccount);
        var first = engine.Current!;
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > first.RefreshAt, Patience));

        Assert.Equal(3, await GetDataAsync(engine));

        Assert.Equal((1, 1), (fake.Logins, fake.Refreshes));
        var refresh = Last("/refresh");
        Assert.Equal(first.Get("csrf"), (string?)JObject.Parse(refresh.Body)["csrf"]);
        Assert.Equal("Session_id=" + first.Get("sessionCookie"), refresh.Header("Cookie"));
        Assert.NotSame(first, engine.Current);
        Assert.Equal(first.Get("bearer"), engine.Current!.Get("bearer"));
        Assert.Single(fake.Calls, c => c.PathAndQuery == "/data");
    }

    [Fact]
    public async Task LivePerson_expiry_on_a_call_is_cured_by_a_refresh_else_by_a_new_login()
    {
        var engine = await ConnectAsync("LivePerson", LivePersonAccount);
        fake.ExpireAll();
        Assert.Equal(3, await GetDataAsync(engine));
        Assert.Equal((1, 1), (fake.Logins, fake.Refreshes));

        fake.RefuseRefresh = true;
        fake.ExpireAll();
        Assert.Equal(3, await GetDataAsync(engine));
        Assert.Equal((2, 1), (fake.Logins, fake.Refreshes));
        Assert.Equal(2, engine.ReconnectCount);
    }

    [Fact]
    public async Task LivePerson_logout_sends_the_csrf_and_the_cookie()
    {
        var engine = await ConnectAsync("LivePerson", LivePersonAccount);
        var tokens = engine.Current!;

        await engine.LogoutAsync(log, CancellationToken.None);

        var logout = Last("/logout");
        Assert.Equal("/api/account/123456/logout?v=1.3", logout.PathAndQuery);
        Assert.Equal(tokens.Get("csrf"), (string?)JObject.Parse(logout.Body)["csrf"]);
        Assert.Equal("Session_id=" + tokens.Get("sessionCookie"), logout.Header("Cookie"));
        Assert.Equal(1, fake.Logouts);
    }

    [Fact]
    public async Task A_missing_parameter_is_named_before_anything_is_sent()
    {
        var failure = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("LivePerson"));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("-AccountId", failure.Message);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task The_token_API_logs_in_again_before_the_JWT_expires_not_after_a_401()
    {
        fake.JwtLifetimeSeconds = 2;
        var engine = await ConnectAsync("RailsToken");
        var first = engine.Current!;
        Assert.StartsWith("application/x-www-form-urlencoded", Last("/sessions").Header("Content-Type"));
        Assert.NotNull(first.RefreshAt);
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > first.RefreshAt, Patience));

        Assert.Equal(3, await GetDataAsync(engine));

        Assert.Equal(new[] { "/sessions", "/sessions", "/data" }, fake.Calls.Select(c => c.PathAndQuery));
        Assert.Equal("Bearer " + engine.Current!.Get("authToken"), Last("/data").Header("Authorization"));
    }

    [Fact]
    public async Task The_token_API_refusal_is_a_login_failure_with_the_servers_text()
    {
        var failure = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("RailsToken", password: "wrong"));
        Assert.Equal(ErrorIds.LoginFailed, failure.ErrorId);
        Assert.Equal(LitmindErrorKind.Authentication, failure.Kind);
        Assert.Contains("Invalid credentials", failure.Message);
    }

    [Fact]
    public async Task Hypernative_sends_the_organization_as_a_number_and_its_400_comes_back_with_a_hint()
    {
        var failure = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("Hypernative"));
        Assert.Equal((ErrorIds.LoginFailed, LitmindErrorKind.InvalidArgument, "1002"), (failure.ErrorId, failure.Kind, failure.ServerErrorCode));
        Assert.Contains("organizationId is mandatory", failure.Message);
        Assert.Contains("-OrganizationId", failure.Message);
        Assert.False(JObject.Parse(Last("/auth/login").Body).ContainsKey("organizationId"));

        var engine = await ConnectAsync("Hypernative", new Dictionary<string, object> { ["organizationId"] = 7L });
        Assert.Equal(JTokenType.Integer, JObject.Parse(Last("/auth/login").Body)["organizationId"]!.Type);
        Assert.Equal(3, await GetDataAsync(engine));
    }

    [Fact]
    public async Task Hypernative_key_mode_sends_the_client_id_and_secret_and_never_logs_in()
    {
        var secrets = new SecretBag([new("clientId", Secure(TokenServiceFake.ClientId)), new("clientSecret", Secure(TokenServiceFake.ClientSecret))]);
        var engine = SessionEngine.WithKeys(Seed("Hypernative"), fake.BaseUri, secrets, null, null, new CallOptions(), false);

        Assert.Equal(3, await GetDataAsync(engine));

        Assert.Equal(0, fake.Logins);
        Assert.Equal(TokenServiceFake.ClientSecret, Last("/data").Header("x-client-secret"));
        Assert.Null(Last("/data").Header("Authorization"));
        Assert.Contains(log.Debug, d => d.Contains("x-client-secret: <redacted>", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task No_token_of_any_of_these_services_reaches_the_log()
    {
        fake.SessionTtlMs = 1500;
        var engine = await ConnectAsync("LivePerson", LivePersonAccount);
        var tokens = engine.Current!;
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > tokens.RefreshAt, Patience));
        await GetDataAsync(engine);
        await engine.LogoutAsync(log, CancellationToken.None);

        string text = string.Join("\n", log.Verbose.Concat(log.Debug));
        Assert.Contains("Authorization: <redacted>", text);
        foreach (var secret in tokens.SecretValues.Append(TokenServiceFake.Password))
        {
            Assert.DoesNotContain(secret, text);
        }
    }

    [Fact]
    public async Task Every_secret_a_session_holds_is_masked_whatever_the_service()
    {
        var livePerson = await ConnectAsync("LivePerson", LivePersonAccount);
        var rails = await ConnectAsync("RailsToken");
        var hypernative = await ConnectAsync("Hypernative", new Dictionary<string, object> { ["organizationId"] = 7L });
        var keys = SessionEngine.WithKeys(
            Seed("Hypernative"), fake.BaseUri, new SecretBag([new("clientId", Secure(TokenServiceFake.ClientId)), new("clientSecret", Secure(TokenServiceFake.ClientSecret))]), null, null, new CallOptions(), false);
        var mask = new SecretMask();
        foreach (var engine in new[] { livePerson, rails, hypernative, keys })
        {
            mask.Add(engine);
        }

        var held = new[]
        {
            livePerson.Current!.Get("bearer"), livePerson.Current.Get("csrf"), livePerson.Current.Get("sessionCookie"),
            rails.Current!.Get("authToken"), hypernative.Current!.Get("token"), hypernative.Current.Get("refreshToken"),
            TokenServiceFake.ClientId, TokenServiceFake.ClientSecret, TokenServiceFake.Password,
        };
        Assert.All(held, value => Assert.False(string.IsNullOrEmpty(value)));
        string echoed = "The server quoted: " + string.Join("; ", held);

        Assert.Equal("The server quoted: " + string.Join("; ", held.Select(_ => "<redacted>")), mask.Apply(echoed));
        Assert.Contains(livePerson.Current.Get("sessionTtl")!, mask.Apply("ttl " + livePerson.Current.Get("sessionTtl")));
    }

    [Fact]
    public async Task A_line_break_in_a_secret_or_a_token_the_server_sent_never_reaches_the_wire()
    {
        var litmind = new SecretBag([new("apiKey", Secure("key-0123456789\r\nX-Injected: 1"))]);
        var login = await Assert.ThrowsAsync<LitmindException>(() => SessionEngine.ConnectAsync(
            ServiceCatalog.Default, fake.BaseUri, litmind, null, new LoginCredential("agent@example.org", Secure(TokenServiceFake.Password)), true, new CallOptions(), false, log, CancellationToken.None));
        Assert.Equal(ErrorIds.InvalidArgument, login.ErrorId);
        Assert.Empty(fake.Calls);

        var keys = SessionEngine.WithKeys(
            Seed("Hypernative"), fake.BaseUri, new SecretBag([new("clientId", Secure(TokenServiceFake.ClientId)), new("clientSecret", Secure("secret\nX-Injected: 1"))]), null, null, new CallOptions(), false);
        var call = await Assert.ThrowsAsync<LitmindException>(() => GetDataAsync(keys));
        Assert.Equal(ErrorIds.InvalidArgument, call.ErrorId);
        Assert.Contains("'x-client-secret'", call.Message);
        Assert.Empty(fake.Calls);

        fake.BearerTail = "\r\nX-Injected: 1";
        var engine = await ConnectAsync("LivePerson", LivePersonAccount);
        var tainted = await Assert.ThrowsAsync<LitmindException>(() => GetDataAsync(engine));
        Assert.Equal(ErrorIds.InvalidArgument, tainted.ErrorId);
        Assert.Contains("'Authorization'", tainted.Message);
        Assert.Equal(new[] { "/api/account/123456/login?v=1.3" }, fake.Calls.Select(c => c.PathAndQuery));
    }
}
