using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>
/// One emulator per test class, on a manual clock, with a plain HttpClient that keeps no cookies
/// (tests send the LivePerson cookie themselves, to see exactly what is sent). Tests reset it first.
/// </summary>
public sealed class ServiceEmulatorFixture : IAsyncLifetime
{
    public ManualClock Clock { get; } = new();

    public LitmindEmulator Emulator { get; private set; } = null!;

    public EmulatorState State => Emulator.State;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task InitializeAsync() => Emulator = await LitmindEmulator.StartAsync(new EmulatorOptions { TimeProvider = Clock });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>A fresh emulator state for the next test.</summary>
    public ServiceEmulatorFixture Reset()
    {
        State.Reset();
        return this;
    }

    public Task<Answer> PostJsonAsync(Uri uri, string json, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, uri, new StringContent(json, Encoding.UTF8, "application/json"), headers);

    public Task<Answer> PostFormAsync(Uri uri, params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, uri, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public Task<Answer> GetAsync(Uri uri, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, uri, null, headers);

    public async Task<Answer> SendAsync(HttpMethod method, Uri uri, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, body, response.Headers, response.Content.Headers.ContentType);
    }

    /// <summary>A control under <c>/_emulator/</c>, e.g. <c>liveperson/expire?status=419</c>.</summary>
    public Uri Control(string path) => new(Emulator.RootUri, "_emulator/" + path);
}

/// <summary>An HTTP answer, read in full.</summary>
public sealed record Answer(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, MediaTypeHeaderValue? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>The Set-Cookie headers of the answer.</summary>
    public IReadOnlyList<string> SetCookies => Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    public Answer Is(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Body}");
        return this;
    }
}
