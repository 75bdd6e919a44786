namespace Litmind.Emulator;

/// <summary>
/// An in-process Litmind API emulator on an ephemeral loopback port. Start one per test (or per
/// test class), point the client at <see cref="BaseUri"/>, and steer or inspect it through <see cref="State"/>.
/// </summary>
public sealed class LitmindEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebApplication _livePersonDomain;
    private int _disposed;

    private LitmindEmulator(WebApplication app, WebApplication livePersonDomain, EmulatorState state, Uri rootUri)
    {
        _app = app;
        _livePersonDomain = livePersonDomain;
        State = state;
        LivePersonDomainUri = state.LivePersonDomainUri!;
        RootUri = rootUri;
        BaseUri = new Uri(rootUri, "api/v1/");
        LivePersonBaseUri = new Uri(rootUri, state.LivePerson.RootPath.TrimStart('/'));
        RailsTokenBaseUri = new Uri(rootUri, state.RailsToken.RootPath.TrimStart('/'));
        HypernativeBaseUri = new Uri(rootUri, state.Hypernative.RootPath.TrimStart('/'));
        OAuthBaseUri = new Uri(rootUri, state.OAuth.RootPath.TrimStart('/'));
        DeviseBaseUri = new Uri(rootUri, state.Devise.RootPath.TrimStart('/'));
        ApiKeyBaseUri = new Uri(rootUri, state.ApiKeyService.RootPath.TrimStart('/'));
        CookieBaseUri = new Uri(rootUri, state.Cookie.RootPath.TrimStart('/'));
        JsonApiBaseUri = new Uri(rootUri, state.JsonApi.RootPath.TrimStart('/'));
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:54321/</c>; the controls live under <c>_emulator/</c>.</summary>
    public Uri RootUri { get; }

    /// <summary>The API base, <see cref="RootUri"/> + <c>api/v1/</c> (with the trailing slash, so relative URIs resolve under it).</summary>
    public Uri BaseUri { get; }

    /// <summary>
    /// LivePerson's root, <see cref="RootUri"/> + <c>liveperson/</c>: what stands for <c>https://{domain}/</c>,
    /// so calls are <c>api/account/{accountId}/…</c>.
    /// </summary>
    public Uri LivePersonBaseUri { get; }

    /// <summary>
    /// LivePerson's service domain, e.g. <c>http://127.0.0.1:54322/</c>: a second loopback port (another
    /// origin) where the account configuration API answers at the root, <c>api/account/{accountId}/…</c>.
    /// The login answer's <c>csdsCollectionResponse.baseURIs</c> name it for <c>accountConfigReadOnly</c> and <c>smt</c>.
    /// </summary>
    public Uri LivePersonDomainUri { get; }

    /// <summary>The token API's root, <see cref="RootUri"/> + <c>railstoken/api/v1/</c>; login is <c>sessions</c>.</summary>
    public Uri RailsTokenBaseUri { get; }

    /// <summary>Hypernative's root, <see cref="RootUri"/> + <c>hypernative/</c>; login is <c>auth/login</c>, calls <c>api/v2/…</c>.</summary>
    public Uri HypernativeBaseUri { get; }

    /// <summary>The OAuth server's root, <see cref="RootUri"/> + <c>oauth/</c>; tokens from <c>token</c>, calls <c>api/…</c>.</summary>
    public Uri OAuthBaseUri { get; }

    /// <summary>The Devise-style API's root, <see cref="RootUri"/> + <c>devise/</c>; login <c>auth/sign_in</c>, calls <c>api/…</c>.</summary>
    public Uri DeviseBaseUri { get; }

    /// <summary>The API key service's root, <see cref="RootUri"/> + <c>apikey/</c>; calls send <c>X-Api-Key</c> (no login).</summary>
    public Uri ApiKeyBaseUri { get; }

    /// <summary>The cookie-session service's root, <see cref="RootUri"/> + <c>cookie/</c>; login <c>login</c> (a form), calls <c>api/…</c>.</summary>
    public Uri CookieBaseUri { get; }

    /// <summary>The JSON:API service's root, <see cref="RootUri"/> + <c>jsonapi/</c>; login <c>POST sessions</c>, calls <c>articles</c>.</summary>
    public Uri JsonApiBaseUri { get; }

    /// <summary>Litmind's API key (<c>X-Key</c>); the API key service's is <see cref="ApiKeyOnly.ApiKeyDemo.Key"/>.</summary>
    public string ApiKey => State.ApiKey;

    public EmulatorState State { get; }

    /// <summary>Starts an emulator on <c>http://127.0.0.1:0</c> and returns once it accepts requests.</summary>
    public static async Task<LitmindEmulator> StartAsync(EmulatorOptions? options = null)
    {
        var state = new EmulatorState(options ?? new EmulatorOptions());
        var app = EmulatorApp.Build(state, [], embedded: true);
        try
        {
            await app.StartAsync();

            // With port 0 the real port is known only after Kestrel has bound it.
            var address = app.Urls.First();
            var domain = await EmulatorApp.StartLivePersonDomainAsync(state, 0);
            return new LitmindEmulator(app, domain, state, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_app.StopAsync(), _livePersonDomain.StopAsync());
        }
        finally
        {
            await _app.DisposeAsync();
            await _livePersonDomain.DisposeAsync();
        }
    }
}
