namespace Litmind.Emulator.ApiKeyOnly;

/// <summary>A record of the API key service's <c>items</c> endpoint.</summary>
public sealed record ApiKeyItem(long Id, string Name);

/// <summary>The fixed, documented key and items of the API key service.</summary>
public static class ApiKeyDemo
{
    /// <summary>The one key the service accepts, as <c>X-Api-Key</c> or <c>?api_key=</c>.</summary>
    public const string Key = "apikey-demo-9d3b7c1e5a";

    public static IReadOnlyList<ApiKeyItem> Items { get; } =
    [
        .. new[] { "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu" }
            .Select((name, i) => new ApiKeyItem(i + 1, name)),
    ];
}
