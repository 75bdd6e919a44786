using System.Net.Http;
using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
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

    private static CompiledService Seed(string name) => ServiceCatalog.Get(name);

    private static SecureString Secure(string text) => SecretText.Protect(text);

    private Task<LitmindSession> ConnectAsync(string service, IReadOnlyDictionary<string, object>? parameters = null, string password = TokenServiceFake.Password) =>
        TestSessions.ConnectAsync(TestSessions.Settings(Seed(service), fake.BaseUri, parameters: parameters), "agent@example.org", password, log);

    private LitmindSession WithKeys(string clientSecret) =>
        SessionFactory.WithKeys(TestSessions.Settings(Seed("Hypernative"), fake.BaseUri, new SecretBag([new("clientId", Secure(TokenServiceFake.ClientId)), new("clientSecret", Secure(clientSecret))])), null);

    private async Task<int> GetDataAsync(LitmindSession session) =>
        ((JArray)(await TestSessions.GetTreeAsync(session, "data", log))["items"]!).Count;

    [Fact]
    public async Task Every_secret_a_session_holds_is_masked_whatever_the_service()
    {
        var livePerson = await ConnectAsync("LivePerson", LivePersonAccount);
        var rails = await ConnectAsync("RailsToken");
        var hypernative = await ConnectAsync("Hypernative", new Dictionary<string, object> { ["organizationId"] = 7L });
        var keys = WithKeys(TokenServiceFake.ClientSecret);
        var mask = new SecretMask();
        foreach (var session in new[] { livePerson, rails, hypernative, keys })
        {
            mask.Add(session);
        }

        var lp = livePerson.Engine.State.Current!;

        var held = new[]
        {
            lp.Get("bearer"), lp.Get("csrf"), lp.Get("sessionCookie"),
            rails.Engine.State.Current!.Get("authToken"), hypernative.Engine.State.Current!.Get("token"), hypernative.Engine.State.Current.Get("refreshToken"),
            TokenServiceFake.ClientId, TokenServiceFake.ClientSecret, TokenServiceFake.Password,
        };
        Assert.All(held, value => Assert.False(string.IsNullOrEmpty(value)));
        string echoed = "The server quoted: " + string.Join("; ", held);

        Assert.Equal("The server quoted: " + string.Join("; ", held.Select(_ => "<redacted>")), mask.Apply(echoed));
        Assert.Contains(lp.Get("sessionTtl")!, mask.Apply("ttl " + lp.Get("sessionTtl")));
    }

    [Fact]
    public async Task A_line_break_in_a_secret_or_a_token_the_server_sent_never_reaches_the_wire()
    {
        var litmind = new SecretBag([new("apiKey", Secure("key-0123456789\r\nX-Injected: 1"))]);
        var login = await Assert.ThrowsAsync<LitmindException>(() => TestSessions.ConnectAsync(
            TestSessions.Settings(ServiceCatalog.Default, fake.BaseUri, litmind), "agent@example.org", TokenServiceFake.Password, log));
        Assert.Equal(ErrorIds.InvalidArgument, login.ErrorId);
        Assert.Empty(fake.Calls);

        var keys = WithKeys("secret\nX-Injected: 1");
        var call = await Assert.ThrowsAsync<LitmindException>(() => GetDataAsync(keys));
        Assert.Equal(ErrorIds.InvalidArgument, call.ErrorId);
        Assert.Contains("'x-client-secret'", call.Message);
        Assert.Empty(fake.Calls);

        // A token the server sent that cannot be sent back is the server's fault, found at the login.
        fake.BearerTail = "\r\nX-Injected: 1";
        var tainted = await Assert.ThrowsAsync<LitmindException>(() => ConnectAsync("LivePerson", LivePersonAccount));
        Assert.Equal(ErrorIds.InvalidResponse, tainted.ErrorId);
        Assert.Contains("the login answered a bearer that cannot be sent in a header", tainted.Message);
        Assert.Equal(new[] { "/api/account/123456/login?v=1.3" }, fake.Calls.Select(c => c.PathAndQuery));
    }
}
