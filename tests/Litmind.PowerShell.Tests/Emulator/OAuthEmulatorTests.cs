using System.Net;
using System.Text;
using Litmind.Emulator;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated OAuth 2.0 client-credentials server and its API, under <c>/oauth/</c>.</summary>
public sealed class OAuthEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public OAuthEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState OAuth => fixture.State.OAuth;

    [Fact]
    public async Task The_client_credentials_grant_answers_a_bearer_token_that_is_never_cached()
    {
        var answer = (await TokenAsync(Basic(), ("grant_type", "client_credentials"), ("scope", "things:read"))).Is(HttpStatusCode.OK);

        var json = answer.Json;
        Assert.Equal(["access_token", "token_type", "expires_in"], json.AsObject().Select(p => p.Key));
        Assert.Matches("^[0-9a-f]{64}$", (string)json["access_token"]!);
        Assert.Equal(("Bearer", 3600L), ((string)json["token_type"]!, (long)json["expires_in"]!));
        Assert.Equal("no-store", answer.Headers.CacheControl!.ToString());
        var session = Assert.Single(OAuth.Sessions);
        Assert.Equal(("oauth-demo-client", "things:read"), (session.Subject, session.Scope));
        Assert.Equal((string)json["access_token"]!, session.Secrets["access_token"]);
        Assert.Equal((1, 1), (OAuth.Logins, OAuth.LoginAttempts));
        Assert.Equal(fixture.Emulator.RootUri + "oauth/", fixture.Emulator.OAuthBaseUri.ToString());
    }

    [Theory]
    [InlineData("oauth-demo-client", "wrong")]
    [InlineData("other-client", "oauth-demo-secret-4c1f9e7a")]
    [InlineData(null, null)]
    public async Task A_wrong_or_missing_client_is_401_invalid_client_with_a_basic_challenge(string? clientId, string? secret)
    {
        var authorization = clientId is null ? ("X-None", "") : Basic(clientId, secret!);

        var answer = (await TokenAsync(authorization, ("grant_type", "client_credentials"))).Is(HttpStatusCode.Unauthorized);

        Assert.Equal("""{"error":"invalid_client"}""", answer.Body);
        Assert.Equal("Basic realm=\"oauth\"", answer.Headers.WwwAuthenticate.ToString());
        Assert.Equal((0, 1), (OAuth.Logins, OAuth.LoginAttempts));
        (await TokenAsync(("Authorization", "Basic not*base64"), ("grant_type", "client_credentials"))).Is(HttpStatusCode.Unauthorized);
        (await TokenAsync(("Authorization", "Bearer x"), ("grant_type", "client_credentials"))).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Other_grant_types_are_400_unsupported_grant_type()
    {
        Assert.Equal("""{"error":"unsupported_grant_type"}""", (await TokenAsync(Basic(), ("grant_type", "password"), ("username", "x"))).Is(HttpStatusCode.BadRequest).Body);
        Assert.Equal("""{"error":"invalid_request"}""", (await TokenAsync(Basic())).Is(HttpStatusCode.BadRequest).Body);
        var json = new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json");
        Assert.Equal("""{"error":"invalid_request"}""", (await fixture.SendAsync(HttpMethod.Post, Uri("token"), json, Basic())).Is(HttpStatusCode.BadRequest).Body);
        Assert.Empty(OAuth.Sessions);
    }

    [Fact]
    public async Task The_api_takes_the_bearer_and_challenges_a_missing_or_bad_one_as_RFC_6750_says()
    {
        var token = await AccessTokenAsync();

        var things = (await fixture.GetAsync(Uri("api/things"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.OK).Json;
        Assert.Equal("things", Assert.Single(things.AsObject()).Key);
        Assert.Equal(["t-1", "t-2", "t-3", "t-4", "t-5"], things["things"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal("Anvil", (string)things["things"]![0]!["name"]!);

        var missing = (await fixture.GetAsync(Uri("api/things"))).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"oauth\"", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("", missing.Body);

        var unknown = (await fixture.GetAsync(Uri("api/things"), ("Authorization", "Bearer 1234"))).Is(HttpStatusCode.Unauthorized);
        AssertInvalidToken(unknown);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        AssertInvalidToken((await fixture.GetAsync(Uri("api/things"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Revoke_ends_the_token_with_an_empty_200()
    {
        var token = await AccessTokenAsync();

        var revoked = (await fixture.SendAsync(HttpMethod.Post, Uri("revoke"), Form(("token", token)), Basic())).Is(HttpStatusCode.OK);

        Assert.Equal("", revoked.Body);
        Assert.Null(revoked.ContentType);
        Assert.Equal(1, OAuth.Logouts);
        Assert.True(Assert.Single(OAuth.Sessions).IsLoggedOut);
        AssertInvalidToken((await fixture.GetAsync(Uri("api/things"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.Unauthorized));

        // RFC 7009: an unknown (or already revoked) token is 200 as well; client authentication is not optional.
        (await fixture.SendAsync(HttpMethod.Post, Uri("revoke"), Form(("token", token)), Basic())).Is(HttpStatusCode.OK);
        (await fixture.SendAsync(HttpMethod.Post, Uri("revoke"), Form(("token", "unknown")), Basic())).Is(HttpStatusCode.OK);
        Assert.Equal(1, OAuth.Logouts);
        (await fixture.SendAsync(HttpMethod.Post, Uri("revoke"), Form(("token", token)))).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("""{"error":"invalid_request"}""", (await fixture.SendAsync(HttpMethod.Post, Uri("revoke"), Form(), Basic())).Is(HttpStatusCode.BadRequest).Body);
    }

    [Fact]
    public async Task Expires_in_follows_the_lifetime_and_an_expire_answers_its_status()
    {
        OAuth.SessionLifetime = TimeSpan.FromSeconds(30.9);
        var answer = (await TokenAsync(Basic(), ("grant_type", "client_credentials"))).Is(HttpStatusCode.OK);
        Assert.Equal(30, (long)answer.Json["expires_in"]!);

        OAuth.ExpireAllSessions(419);
        var refused = await fixture.GetAsync(Uri("api/things"), ("Authorization", "Bearer " + (string)answer.Json["access_token"]!));
        Assert.Equal((HttpStatusCode)419, refused.Status);
        AssertInvalidToken(refused);
    }

    [Fact]
    public async Task Faults_and_unknown_paths_answer_in_the_oauth_error_shape()
    {
        var token = await AccessTokenAsync();
        OAuth.EnqueueFault(new Fault { StatusCode = 503 });

        var faulted = (await fixture.GetAsync(Uri("api/things"), ("Authorization", "Bearer " + token))).Is(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("""{"error":"unavailable","error_description":"Service unavailable"}""", faulted.Body);
        Assert.Equal("not_found", (string)(await fixture.GetAsync(Uri("api/nothing"))).Is(HttpStatusCode.NotFound).Json["error"]!);
        Assert.Equal("method_not_allowed", (string)(await fixture.GetAsync(Uri("token"))).Is(HttpStatusCode.MethodNotAllowed).Json["error"]!);
    }

    private static void AssertInvalidToken(Answer answer)
    {
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The access token expired\"", answer.Headers.WwwAuthenticate.ToString());
        Assert.Equal("""{"error":"invalid_token"}""", answer.Body);
    }

    private async Task<string> AccessTokenAsync() =>
        (string)(await TokenAsync(Basic(), ("grant_type", "client_credentials"))).Is(HttpStatusCode.OK).Json["access_token"]!;

    private Task<Answer> TokenAsync((string Name, string Value) authorization, params (string Name, string Value)[] fields) =>
        fixture.SendAsync(HttpMethod.Post, Uri("token"), Form(fields), authorization);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static (string Name, string Value) Basic(string clientId = "oauth-demo-client", string secret = "oauth-demo-secret-4c1f9e7a") =>
        ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));

    private Uri Uri(string path) => new(fixture.Emulator.OAuthBaseUri, path);
}
