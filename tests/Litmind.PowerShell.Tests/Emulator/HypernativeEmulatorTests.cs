using System.Net;
using System.Text.Json.Nodes;
using Litmind.Emulator;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated Hypernative API (seed 004) over HTTP.</summary>
public sealed class HypernativeEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public HypernativeEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState Hypernative => fixture.State.Hypernative;

    [Fact]
    public async Task A_user_in_one_organization_logs_in_without_naming_it()
    {
        var answer = (await LoginAsync(HypernativeDemo.Analyst)).Is(HttpStatusCode.OK);

        var data = Assert.Single(answer.Json.AsObject());
        Assert.Equal("data", data.Key);
        Assert.Equal(["token", "refreshToken"], data.Value!.AsObject().Select(p => p.Key));
        var session = Assert.Single(Hypernative.Sessions);
        Assert.Equal((string)data.Value["token"]!, session.Secrets["token"]);
        Assert.Equal((string)data.Value["refreshToken"]!, session.Secrets["refreshToken"]);
        Assert.Equal(("analyst@hypernative.example", "1"), (session.Subject, session.Scope));
    }

    [Fact]
    public async Task A_user_in_several_organizations_must_name_one_as_the_seed_shows()
    {
        var answer = (await LoginAsync(HypernativeDemo.Admin)).Is(HttpStatusCode.BadRequest);

        Assert.Equal(
            """{"success":false,"data":null,"error":"organizationId is mandatory","errorCode":1002,"version":"2.2.0","service":"hypernative-webapp-server"}""",
            answer.Body);
        Assert.Equal(0, Hypernative.Logins);
    }

    [Fact]
    public async Task The_organization_named_at_login_scopes_the_token()
    {
        var login = (await LoginAsync(HypernativeDemo.Admin, organizationId: 2)).Is(HttpStatusCode.OK);

        var watchlists = (await fixture.GetAsync(Uri("api/v2/watchlists"), Bearer(login))).Is(HttpStatusCode.OK).Json;
        Assert.True((bool)watchlists["success"]!);
        Assert.Equal([7101L], watchlists["data"]!.AsArray().Select(w => (long)w!["id"]!));
        (await fixture.GetAsync(Uri("api/v2/watchlists/7001"), Bearer(login))).Is(HttpStatusCode.NotFound);
        var organizations = (await fixture.GetAsync(Uri("api/v2/organizations"), Bearer(login))).Is(HttpStatusCode.OK).Json;
        Assert.Equal([1L, 2L], organizations["data"]!.AsArray().Select(o => (long)o!["id"]!));
    }

    [Theory]
    [InlineData("""{"email":"admin@hypernative.example","password":"Hn#Admin2026","organizationId":3}""", 400, 1003)]
    [InlineData("""{"email":"admin@hypernative.example","password":"Hn#Admin2026","organizationId":"two"}""", 400, 1000)]
    [InlineData("""{"email":"admin@hypernative.example","password":"wrong"}""", 401, 1001)]
    [InlineData("""{"email":"nobody@hypernative.example","password":"Hn#Admin2026","organizationId":3}""", 401, 1001)]
    [InlineData("""{"email":"admin@hypernative.example"}""", 400, 1000)]
    [InlineData("""not json""", 400, 1000)]
    public async Task Refused_logins_answer_in_the_error_envelope(string body, int status, int errorCode)
    {
        var answer = await fixture.PostJsonAsync(Uri("auth/login"), body);

        AssertFailure(answer, status, errorCode);
        Assert.Equal((0, 1), (Hypernative.Logins, Hypernative.LoginAttempts));
    }

    [Fact]
    public async Task An_API_key_replaces_login()
    {
        var key = HypernativeDemo.ApiKey;

        var watchlists = (await fixture.GetAsync(Uri("api/v2/watchlists"), ("x-client-id", key.ClientId), ("x-client-secret", key.ClientSecret))).Is(HttpStatusCode.OK).Json;

        Assert.Equal([7001L, 7002L], watchlists["data"]!.AsArray().Select(w => (long)w!["id"]!));
        var organizations = (await fixture.GetAsync(Uri("api/v2/organizations"), ("X-Client-Id", key.ClientId), ("X-Client-Secret", key.ClientSecret))).Is(HttpStatusCode.OK).Json;
        Assert.Equal([1L], organizations["data"]!.AsArray().Select(o => (long)o!["id"]!));
        AssertFailure(await fixture.GetAsync(Uri("api/v2/watchlists"), ("x-client-id", key.ClientId), ("x-client-secret", "wrong")), 401, 1006);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/watchlists"), ("x-client-id", key.ClientId)), 401, 1006);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/watchlists")), 401, 1004);
        Assert.Equal(0, Hypernative.LoginAttempts);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime_in_the_error_envelope()
    {
        var login = await LoginAsync(HypernativeDemo.Analyst);
        fixture.Clock.Advance(TimeSpan.FromMinutes(59));
        (await fixture.GetAsync(Uri("api/v2/watchlists"), Bearer(login))).Is(HttpStatusCode.OK);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        AssertFailure(await fixture.GetAsync(Uri("api/v2/watchlists"), Bearer(login)), 401, 1005);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/watchlists"), ("Authorization", "Bearer unknown")), 401, 1005);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/watchlists"), ("Authorization", "Token x y")), 401, 1004);
    }

    [Fact]
    public async Task Throttling_answers_in_the_error_envelope_with_Retry_After()
    {
        var login = await LoginAsync(HypernativeDemo.Analyst);
        Hypernative.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "2" });

        var throttled = await fixture.GetAsync(Uri("api/v2/watchlists"), Bearer(login));

        AssertFailure(throttled, 429, 429);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter!.Delta);
        (await fixture.GetAsync(Uri("api/v2/watchlists"), Bearer(login))).Is(HttpStatusCode.OK);
    }

    private Uri Uri(string path) => new(fixture.Emulator.HypernativeBaseUri, path);

    private Task<Answer> LoginAsync(HypernativeUser user, long? organizationId = null)
    {
        var body = new JsonObject { ["email"] = user.Email, ["password"] = user.Password };
        if (organizationId is { } id)
        {
            body["organizationId"] = id;
        }

        return fixture.PostJsonAsync(Uri("auth/login"), body.ToJsonString());
    }

    [Fact]
    public async Task Alerts_of_the_organization_page_by_an_opaque_cursor()
    {
        var login = (await LoginAsync(HypernativeDemo.Analyst)).Is(HttpStatusCode.OK);

        var first = (await fixture.GetAsync(Uri("api/v2/alerts"), Bearer(login))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["success", "data", "nextCursor", "error", "errorCode", "version", "service"], first.AsObject().Select(p => p.Key));
        Assert.Equal(20, first["data"]!.AsArray().Count);
        Assert.Equal(["id", "severity", "title", "watchlistId"], first["data"]![0]!.AsObject().Select(p => p.Key));

        var ids = new List<long>();
        var cursor = "";
        do
        {
            var page = (await fixture.GetAsync(Uri("api/v2/alerts?limit=25&cursor=" + System.Uri.EscapeDataString(cursor)), Bearer(login))).Is(HttpStatusCode.OK).Json;
            ids.AddRange(page["data"]!.AsArray().Select(a => (long)a!["id"]!));
            cursor = (string?)page["nextCursor"] ?? "";
        }
        while (cursor.Length > 0);

        Assert.Equal(Enumerable.Range(10001, 60).Select(i => (long)i), ids);

        // A cursor of organization 1 means nothing to organization 2; a made-up one nothing at all.
        var second = (string)first["nextCursor"]!;
        var admin = (await LoginAsync(HypernativeDemo.Admin, organizationId: 2)).Is(HttpStatusCode.OK);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/alerts?cursor=" + System.Uri.EscapeDataString(second)), Bearer(admin)), 400, 1000);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/alerts?cursor=abc"), Bearer(login)), 400, 1000);
        AssertFailure(await fixture.GetAsync(Uri("api/v2/alerts?limit=51"), Bearer(login)), 400, 1000);
        var treasury = (await fixture.GetAsync(Uri("api/v2/alerts?limit=50"), Bearer(admin))).Is(HttpStatusCode.OK).Json;
        Assert.All(treasury["data"]!.AsArray(), a => Assert.Equal(7101, (long)a!["watchlistId"]!));
        var key = (await fixture.GetAsync(Uri("api/v2/alerts?limit=50&cursor=" + System.Uri.EscapeDataString(second)), ("x-client-id", HypernativeDemo.ApiKey.ClientId), ("x-client-secret", HypernativeDemo.ApiKey.ClientSecret)))
            .Is(HttpStatusCode.OK).Json;
        Assert.Equal(40, key["data"]!.AsArray().Count);
        Assert.Null(key["nextCursor"]);
    }

    private static (string, string) Bearer(Answer login) => ("Authorization", "Bearer " + (string)login.Json["data"]!["token"]!);

    private static void AssertFailure(Answer answer, int status, int errorCode)
    {
        answer.Is((HttpStatusCode)status);
        var json = answer.Json;
        Assert.Equal(["success", "data", "error", "errorCode", "version", "service"], json.AsObject().Select(p => p.Key));
        Assert.False((bool)json["success"]!);
        Assert.Null(json["data"]);
        Assert.False(string.IsNullOrEmpty((string?)json["error"]));
        Assert.Equal(errorCode, (int)json["errorCode"]!);
        Assert.Equal("2.2.0", (string)json["version"]!);
        Assert.Equal("hypernative-webapp-server", (string)json["service"]!);
    }
}
