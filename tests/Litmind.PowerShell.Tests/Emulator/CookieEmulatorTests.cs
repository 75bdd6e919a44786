using System.Net;
using System.Text;
using Litmind.Emulator;
using Litmind.Emulator.Cookie;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated cookie-session service with CSRF under <c>/cookie/</c>.</summary>
public sealed class CookieEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public CookieEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState Cookie => fixture.State.Cookie;

    [Fact]
    public async Task Login_answers_html_a_session_cookie_and_a_csrf_token()
    {
        var login = (await LoginAsync()).Is(HttpStatusCode.OK);

        Assert.Equal("<html>Welcome</html>", login.Body);
        Assert.Equal("text/html", login.ContentType!.MediaType);
        var session = Assert.Single(Cookie.Sessions);
        Assert.Equal($"sid={session.Secrets["sid"]}; Path=/cookie/; HttpOnly", Assert.Single(login.SetCookies));
        Assert.Matches("^[0-9a-f]{32}$", session.Secrets["sid"]);
        Assert.Equal(session.Secrets["csrf"], login.Headers.GetValues("X-CSRF-Token").Single());
        Assert.Equal(("cookie-user", 1L, 1L), (session.Subject, Cookie.Logins, Cookie.LoginAttempts));
    }

    [Theory]
    [InlineData("cookie-user", "wrong")]
    [InlineData("someone", "Cookie#2026")]
    [InlineData("", "")]
    public async Task Wrong_credentials_are_401_in_plain_text(string username, string password)
    {
        var login = (await fixture.PostFormAsync(Uri("login"), ("username", username), ("password", password))).Is(HttpStatusCode.Unauthorized);

        Assert.Equal("Bad credentials", login.Body);
        Assert.Equal("text/plain", login.ContentType!.MediaType);
        Assert.Empty(login.SetCookies);
        Assert.Empty(Cookie.Sessions);
    }

    [Fact]
    public async Task Reads_need_the_cookie_and_writes_the_csrf_token_too()
    {
        var (cookie, csrf) = await SessionAsync();

        var notes = (await fixture.GetAsync(Uri("api/notes"), cookie)).Is(HttpStatusCode.OK);
        Assert.Equal("""{"notes":[{"id":1,"text":"Renew the studio booking"},{"id":2,"text":"Send the call sheet"}]}""", notes.Body);

        Assert.Equal("""{"error":"csrf"}""", (await PostNoteAsync("Book the van", cookie)).Is(HttpStatusCode.Forbidden).Body);
        Assert.Equal("""{"error":"csrf"}""", (await PostNoteAsync("Book the van", cookie, ("X-CSRF-Token", "wrong"))).Is(HttpStatusCode.Forbidden).Body);
        var created = (await PostNoteAsync("Book the van", cookie, csrf)).Is(HttpStatusCode.Created);
        Assert.Equal("""{"id":3,"text":"Book the van"}""", created.Body);
        Assert.Equal(3, (await fixture.GetAsync(Uri("api/notes"), cookie)).Is(HttpStatusCode.OK).Json["notes"]!.AsArray().Count);
        Assert.Equal("""{"error":"text is required"}""", (await PostNoteAsync(null, cookie, csrf)).Is((HttpStatusCode)422).Body);

        Assert.Equal("""{"error":"not logged in"}""", (await fixture.GetAsync(Uri("api/notes"))).Is(HttpStatusCode.Unauthorized).Body);
        Assert.Equal("""{"error":"session expired"}""", (await fixture.GetAsync(Uri("api/notes"), ("Cookie", "sid=unknown"))).Is(HttpStatusCode.Unauthorized).Body);
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("""{"error":"session expired"}""", (await fixture.GetAsync(Uri("api/notes"), cookie)).Is(HttpStatusCode.Unauthorized).Body);

        fixture.State.Reset();
        (cookie, _) = await SessionAsync();
        Assert.Equal(2, (await fixture.GetAsync(Uri("api/notes"), cookie)).Is(HttpStatusCode.OK).Json["notes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Logout_needs_the_csrf_token_ends_the_session_and_deletes_the_cookie()
    {
        var (cookie, csrf) = await SessionAsync();

        (await fixture.SendAsync(HttpMethod.Post, Uri("logout"), null, cookie)).Is(HttpStatusCode.Forbidden);
        var logout = (await fixture.SendAsync(HttpMethod.Post, Uri("logout"), null, cookie, csrf)).Is(HttpStatusCode.NoContent);

        Assert.StartsWith("sid=; Expires=Thu, 01 Jan 1970", Assert.Single(logout.SetCookies), StringComparison.Ordinal);
        Assert.Equal(1, Cookie.Logouts);
        Assert.True(Assert.Single(Cookie.Sessions).IsLoggedOut);
        (await fixture.GetAsync(Uri("api/notes"), cookie)).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_client_with_a_cookie_jar_sends_the_cookie_only_under_the_cookie_root()
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() });
        var login = await http.PostAsync(Uri("login"), new FormUrlEncodedContent([KeyValuePair.Create("username", "cookie-user"), KeyValuePair.Create("password", "Cookie#2026")]));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Uri("api/notes"))).StatusCode);
        await http.GetAsync(new Uri(fixture.Emulator.ApiKeyBaseUri, "items"));

        Assert.Equal("sid=" + Cookie.Sessions[0].Secrets["sid"], Cookie.RecentRequests[^1].Header("Cookie"));
        Assert.Null(fixture.State.ApiKeyService.RecentRequests[^1].Header("Cookie"));
    }

    private Task<Answer> LoginAsync() => fixture.PostFormAsync(Uri("login"), ("username", CookieDemo.User.Username), ("password", CookieDemo.User.Password));

    private async Task<((string, string) Cookie, (string, string) Csrf)> SessionAsync()
    {
        var login = (await LoginAsync()).Is(HttpStatusCode.OK);
        return (("Cookie", login.SetCookies.Single().Split(';')[0]), ("X-CSRF-Token", login.Headers.GetValues("X-CSRF-Token").Single()));
    }

    private Task<Answer> PostNoteAsync(string? text, params (string Name, string Value)[] headers) =>
        fixture.SendAsync(HttpMethod.Post, Uri("api/notes"), new StringContent(text is null ? "{}" : $$"""{"text":"{{text}}"}""", Encoding.UTF8, "application/json"), headers);

    private Uri Uri(string path) => new(fixture.Emulator.CookieBaseUri, path);
}
