using System.Net;
using System.Text.Json.Nodes;
using Litmind.Emulator;
using Litmind.Emulator.Devise;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated Devise-style API, whose tokens travel in headers, under <c>/devise/</c>.</summary>
public sealed class DeviseEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public DeviseEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState Devise => fixture.State.Devise;

    [Fact]
    public async Task Sign_in_answers_the_token_in_headers_and_the_user_in_the_body()
    {
        var answer = (await SignInAsync(DeviseDemo.Ada)).Is(HttpStatusCode.OK);

        Assert.Equal("""{"data":{"id":"user-1","email":"ada@devise.example","uid":"ada@devise.example","name":"Ada Lovelace"}}""", answer.Body);
        var session = Assert.Single(Devise.Sessions);
        Assert.Equal(session.Secrets["access-token"], Header(answer, "access-token"));
        Assert.Equal(session.Secrets["client"], Header(answer, "client"));
        Assert.Equal(("ada@devise.example", "Bearer"), (Header(answer, "uid"), Header(answer, "token-type")));
        var expiry = long.Parse(Header(answer, "expiry"));
        Assert.Equal(session.ExpiresAt, DateTimeOffset.FromUnixTimeSeconds(expiry));
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(expiry) - fixture.Clock.GetUtcNow(), TimeSpan.FromDays(14), TimeSpan.FromDays(14).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal((1, 1), (Devise.Logins, Devise.LoginAttempts));
    }

    [Theory]
    [InlineData("?empty=1", "", null)]
    [InlineData("?html=1", "<!DOCTYPE html>", "text/html")]
    public async Task Sign_in_can_answer_an_empty_or_html_body_with_the_same_headers(string query, string bodyStart, string? mediaType)
    {
        var answer = (await SignInAsync(DeviseDemo.Grace, query)).Is(HttpStatusCode.OK);

        Assert.StartsWith(bodyStart, answer.Body, StringComparison.Ordinal);
        Assert.Equal(mediaType, answer.ContentType?.MediaType);
        Assert.Equal("grace@devise.example", Header(answer, "uid"));
        (await fixture.GetAsync(Uri("api/me"), Headers(answer))).Is(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("ada@devise.example", "wrong")]
    [InlineData("nobody@devise.example", "Devise#Ada2026")]
    [InlineData(null, null)]
    public async Task Wrong_credentials_are_401_with_devise_errors(string? email, string? password)
    {
        var body = email is null ? "{}" : new JsonObject { ["email"] = email, ["password"] = password }.ToJsonString();

        var answer = (await fixture.PostJsonAsync(Uri("auth/sign_in"), body)).Is(HttpStatusCode.Unauthorized);

        Assert.Equal("""{"errors":["Invalid login credentials. Please try again."]}""", answer.Body);
        Assert.False(answer.Headers.Contains("access-token"));
        Assert.Equal((0, 1), (Devise.Logins, Devise.LoginAttempts));
    }

    [Fact]
    public async Task Calls_need_the_three_headers_of_one_token()
    {
        var ada = Headers((await SignInAsync(DeviseDemo.Ada)).Is(HttpStatusCode.OK));
        var grace = Headers((await SignInAsync(DeviseDemo.Grace)).Is(HttpStatusCode.OK));

        var me = (await fixture.GetAsync(Uri("api/me"), ada)).Is(HttpStatusCode.OK).Json;
        Assert.Equal("user-1", (string)me["data"]!["id"]!);
        var accounts = (await fixture.GetAsync(Uri("api/accounts"), grace)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(
            """{"accounts":[{"uid":"ada@devise.example","name":"Ada Lovelace","role":"admin"},{"uid":"grace@devise.example","name":"Grace Hopper","role":"member"}]}""",
            accounts.ToJsonString());

        const string SignInFirst = """{"errors":["You need to sign in or sign up before continuing."]}""";
        foreach (var headers in new[] { ada[..2], [ada[0], grace[1], ada[2]], [ada[0], ada[1], grace[2]], [("access-token", "x"), ada[1], ada[2]] })
        {
            Assert.Equal(SignInFirst, (await fixture.GetAsync(Uri("api/me"), headers)).Is(HttpStatusCode.Unauthorized).Body);
        }

        fixture.Clock.Advance(TimeSpan.FromDays(14).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal(SignInFirst, (await fixture.GetAsync(Uri("api/me"), ada)).Is(HttpStatusCode.Unauthorized).Body);
    }

    [Fact]
    public async Task Sign_out_ends_the_token()
    {
        var ada = Headers((await SignInAsync(DeviseDemo.Ada)).Is(HttpStatusCode.OK));

        Assert.Equal("""{"success":true}""", (await fixture.SendAsync(HttpMethod.Delete, Uri("auth/sign_out"), null, ada)).Is(HttpStatusCode.OK).Body);

        Assert.Equal(1, Devise.Logouts);
        Assert.True(Assert.Single(Devise.Sessions).IsLoggedOut);
        (await fixture.GetAsync(Uri("api/me"), ada)).Is(HttpStatusCode.Unauthorized);
        var again = (await fixture.SendAsync(HttpMethod.Delete, Uri("auth/sign_out"), null, ada)).Is(HttpStatusCode.NotFound).Json;
        Assert.Equal("User was not found or was not logged in.", (string)again["errors"]![0]!);
        Assert.Equal(1, Devise.Logouts);
    }

    [Fact]
    public async Task An_expire_answers_its_status_and_faults_answer_in_the_devise_shape()
    {
        var ada = Headers((await SignInAsync(DeviseDemo.Ada)).Is(HttpStatusCode.OK));

        Devise.EnqueueFault(new Fault { StatusCode = 503 });
        Assert.Equal("""{"errors":["Service unavailable"]}""", (await fixture.GetAsync(Uri("api/me"), ada)).Is(HttpStatusCode.ServiceUnavailable).Body);
        Assert.True(Devise.ExpireSession(ada[0].Value, 419));
        Assert.Equal((HttpStatusCode)419, (await fixture.GetAsync(Uri("api/me"), ada)).Status);
    }

    private Task<Answer> SignInAsync(DeviseUser user, string query = "") =>
        fixture.PostJsonAsync(Uri("auth/sign_in" + query), new JsonObject { ["email"] = user.Email, ["password"] = user.Password }.ToJsonString());

    private static string Header(Answer answer, string name) => answer.Headers.GetValues(name).Single();

    private static (string Name, string Value)[] Headers(Answer signIn) =>
        [("access-token", Header(signIn, "access-token")), ("client", Header(signIn, "client")), ("uid", Header(signIn, "uid"))];

    private Uri Uri(string path) => new(fixture.Emulator.DeviseBaseUri, path);
}
