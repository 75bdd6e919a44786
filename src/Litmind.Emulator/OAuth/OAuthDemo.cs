namespace Litmind.Emulator.OAuth;

/// <summary>An OAuth 2.0 client registered with the emulated authorization server.</summary>
public sealed record OAuthClient(string ClientId, string ClientSecret, string Name);

/// <summary>A record of the OAuth-protected <c>api/things</c> endpoint.</summary>
public sealed record OAuthThing(string Id, string Name);

/// <summary>The fixed, documented OAuth demo client and things.</summary>
public static class OAuthDemo
{
    /// <summary>How long an access token lasts (its <c>expires_in</c>): 1 hour, the usual client-credentials lifetime.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>The one client: <c>Authorization: Basic base64(oauth-demo-client:oauth-demo-secret-4c1f9e7a)</c>.</summary>
    public static OAuthClient Client { get; } = new("oauth-demo-client", "oauth-demo-secret-4c1f9e7a", "Demo client");

    public static IReadOnlyList<OAuthClient> Clients { get; } = [Client];

    public static IReadOnlyList<OAuthThing> Things { get; } =
    [
        new("t-1", "Anvil"),
        new("t-2", "Bellows"),
        new("t-3", "Crucible"),
        new("t-4", "Draw plate"),
        new("t-5", "Engraving tool"),
    ];

    /// <summary>Finds a client by id (exact); null when none has it.</summary>
    public static OAuthClient? Find(string clientId) => Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));
}
