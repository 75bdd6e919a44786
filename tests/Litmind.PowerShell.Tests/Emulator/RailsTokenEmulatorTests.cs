using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using Litmind.Emulator.RailsToken;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated Rails-style token API (seed 003) over HTTP.</summary>
public sealed class RailsTokenEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public RailsTokenEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState RailsToken => fixture.State.RailsToken;

    [Fact]
    public async Task Login_with_the_seed_example_answers_a_JWT_with_user_id_and_exp()
    {
        var answer = (await LoginAsync(RailsTokenDemo.Foo)).Is(HttpStatusCode.OK);

        var json = answer.Json.AsObject();
        Assert.Equal("auth_token", Assert.Single(json).Key);
        var token = (string)json["auth_token"]!;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS256"}""", Decode(parts[0]));
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        Assert.Equal(["user_id", "exp"], payload.Select(p => p.Key));
        Assert.Equal(1, (long)payload["user_id"]!);
        AssertExpiresAfter(TimeSpan.FromHours(24), (long)payload["exp"]!);
        Assert.Equal(32, Base64Url.DecodeFromChars(parts[2]).Length);
        Assert.Equal(token, Assert.Single(RailsToken.Sessions).Secrets["auth_token"]);
        Assert.Equal(1, RailsToken.Logins);
    }

    [Fact]
    public async Task A_JSON_body_logs_in_too()
    {
        var body = new JsonObject { ["email"] = "OPS@railstoken.example", ["password"] = RailsTokenDemo.Ops.Password }.ToJsonString();

        var answer = (await fixture.PostJsonAsync(Sessions, body)).Is(HttpStatusCode.OK);

        var me = (await fixture.GetAsync(new Uri(fixture.Emulator.RailsTokenBaseUri, "me"), Bearer(answer))).Is(HttpStatusCode.OK);
        Assert.Equal(2, (long)me.Json["id"]!);
    }

    [Theory]
    [InlineData("nonexist@mail.com", "toets")]
    [InlineData("foo@bar.com", "wrong")]
    [InlineData("foo@bar.com", null)]
    [InlineData(null, null)]
    public async Task Wrong_or_missing_credentials_are_401_Invalid_credentials(string? email, string? password)
    {
        var fields = new List<(string, string)>();
        if (email is not null)
        {
            fields.Add(("email", email));
        }

        if (password is not null)
        {
            fields.Add(("password", password));
        }

        var answer = await fixture.PostFormAsync(Sessions, [.. fields]);

        answer.Is(HttpStatusCode.Unauthorized);
        Assert.Equal("""{"message":"Invalid credentials"}""", answer.Body);
        Assert.Equal((0, 1), (RailsToken.Logins, RailsToken.LoginAttempts));
    }

    [Fact]
    public async Task Calls_need_a_token_it_issued()
    {
        var login = await LoginAsync(RailsTokenDemo.Foo);
        var token = (string)login.Json["auth_token"]!;

        Assert.Equal("Missing token: send Authorization: Bearer <auth_token>.", (string)(await fixture.GetAsync(Uri("me"))).Is(HttpStatusCode.Unauthorized).Json["message"]!);
        Assert.Equal("Invalid token", (string)(await fixture.GetAsync(Uri("me"), ("Authorization", "Bearer " + token + "x"))).Is(HttpStatusCode.Unauthorized).Json["message"]!);

        var me = (await fixture.GetAsync(Uri("me"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.OK).Json;
        Assert.Equal("foo@bar.com", (string)me["email"]!);
        (await fixture.GetAsync(Uri("me"), ("Authorization", token))).Is(HttpStatusCode.OK);
        var projects = (await fixture.GetAsync(Uri("projects"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal([101L, 102L], projects.Select(p => (long)p!["id"]!));
        var project = (await fixture.GetAsync(Uri("projects/102"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(1, (long)project["owner_id"]!);
        var missing = (await fixture.GetAsync(Uri("projects/201"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.NotFound);
        Assert.Equal("Couldn't find Project with 'id'=201", (string)missing.Json["message"]!);
    }

    [Fact]
    public async Task A_token_stops_working_at_its_exp()
    {
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
        RailsToken.SessionLifetime = TimeSpan.FromSeconds(10);
        var login = await LoginAsync(RailsTokenDemo.Foo);
        var exp = DateTimeOffset.FromUnixTimeSeconds(Exp(login));
        AssertExpiresAfter(TimeSpan.FromSeconds(10), Exp(login));

        fixture.Clock.Advance(exp - fixture.Clock.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        (await fixture.GetAsync(Uri("me"), Bearer(login))).Is(HttpStatusCode.OK);

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var expired = (await fixture.GetAsync(Uri("me"), Bearer(login))).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("Signature has expired", (string)expired.Json["message"]!);

        var again = (await LoginAsync(RailsTokenDemo.Foo)).Is(HttpStatusCode.OK);
        (await fixture.GetAsync(Uri("me"), Bearer(again))).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_lifetime_control_shortens_exp_and_expire_revokes_a_token()
    {
        (await fixture.SendAsync(HttpMethod.Post, fixture.Control("railstoken/lifetime?seconds=30"))).Is(HttpStatusCode.OK);
        var login = await LoginAsync(RailsTokenDemo.Foo);
        AssertExpiresAfter(TimeSpan.FromSeconds(30), Exp(login));

        Assert.True(RailsToken.ExpireSession((string)login.Json["auth_token"]!));
        (await fixture.GetAsync(Uri("me"), Bearer(login))).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tickets_page_with_a_link_header_and_the_total()
    {
        var login = await LoginAsync(RailsTokenDemo.Ops);

        var first = (await fixture.GetAsync(Uri("tickets"), Bearer(login))).Is(HttpStatusCode.OK);
        Assert.Equal(25, first.Json.AsArray().Count);
        Assert.Equal(["id", "title", "status", "project_id"], first.Json[0]!.AsObject().Select(p => p.Key));
        Assert.All(first.Json.AsArray(), t => Assert.Equal(201, (long)t!["project_id"]!));
        Assert.Equal("75", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(
            $"<{Uri("tickets?page=2")}>; rel=\"next\", <{Uri("tickets?page=3")}>; rel=\"last\"",
            first.Headers.GetValues("Link").Single());

        var ids = new List<long>();
        var next = Uri("tickets?per_page=50");
        while (true)
        {
            var page = (await fixture.GetAsync(next, Bearer(login))).Is(HttpStatusCode.OK);
            ids.AddRange(page.Json.AsArray().Select(t => (long)t!["id"]!));
            var link = page.Headers.GetValues("Link").Single();
            if (!link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                Assert.Equal($"<{Uri("tickets?per_page=50&page=2")}>; rel=\"last\"", link);
                break;
            }

            next = new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)]);
        }

        Assert.Equal(Enumerable.Range(2001, 75).Select(i => (long)i), ids);
        Assert.Equal("[]", (await fixture.GetAsync(Uri("tickets?page=4"), Bearer(login))).Is(HttpStatusCode.OK).Body);
        var foo = await LoginAsync(RailsTokenDemo.Foo);
        var fooTickets = (await fixture.GetAsync(Uri("tickets?per_page=1"), Bearer(foo))).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(1001, (long)Assert.Single(fooTickets)!["id"]!);
        foreach (var bad in new[] { "page=0", "per_page=51", "per_page=0", "page=two" })
        {
            Assert.NotNull((string?)(await fixture.GetAsync(Uri("tickets?" + bad), Bearer(login))).Is(HttpStatusCode.BadRequest).Json["message"]);
        }

        (await fixture.GetAsync(Uri("tickets"))).Is(HttpStatusCode.Unauthorized);
    }

    private Uri Sessions => Uri("sessions");

    private Uri Uri(string path) => new(fixture.Emulator.RailsTokenBaseUri, path);

    private Task<Answer> LoginAsync(RailsTokenUser user) => fixture.PostFormAsync(Sessions, ("email", user.Email), ("password", user.Password));

    private static (string, string) Bearer(Answer login) => ("Authorization", "Bearer " + (string)login.Json["auth_token"]!);

    private static long Exp(Answer login) =>
        (long)JsonNode.Parse(Decode(((string)login.Json["auth_token"]!).Split('.')[1]))!["exp"]!;

    /// <summary>A token issued now with this lifetime carries the first whole second at or after its end: never early, at most a second late.</summary>
    private void AssertExpiresAfter(TimeSpan lifetime, long exp)
    {
        var end = fixture.Clock.GetUtcNow() + lifetime;
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(exp), end, end.AddSeconds(1).AddTicks(-1));
    }

    private static string Decode(string part) => System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
}
