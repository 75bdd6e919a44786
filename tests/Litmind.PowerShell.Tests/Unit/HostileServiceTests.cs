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
/// What the engine does with a server that misbehaves as the emulator cannot be made to (a bearer
/// with a line break in it, a logout answer that quotes the request's cookie): a small loopback
/// stand-in plays the built-in definitions' services for it.
/// </summary>
public sealed class HostileServiceTests : IAsyncLifetime
{
    private static readonly Dictionary<string, object> LivePersonAccount = new() { ["accountId"] = "123456" };
    private readonly RecordingLog log = new();
    private TokenServiceFake fake = null!;

    public async Task InitializeAsync() => fake = await TokenServiceFake.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private static ServiceDefinition Seed(string name) => ServiceCatalog.Get(name);

    private static SecureString Secure(string text) => SecretText.Protect(text);

    private Task<SessionEngine> ConnectAsync(string service, IReadOnlyDictionary<string, object>? parameters = null, string password = TokenServiceFake.Password) =>
        SessionEngine.ConnectAsync(Seed(service), fake.BaseUri, new SecretBag(null), parameters, new LoginCredential("agent@example.org", Secure(password)), true, new CallOptions { RetryInterval = TimeSpan.Zero }, false, log, CancellationToken.None);

    private async Task<int> GetDataAsync(SessionEngine engine)
    {
        using var result = await engine.SendAsync(new ApiRequest(HttpMethod.Get, "data"), null, engine.Defaults, log, CancellationToken.None);
        return ((JArray)result.Document!["items"]!).Count;
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
