namespace Litmind.Emulator.Hypernative;

/// <summary>A Hypernative organization.</summary>
public sealed record HypernativeOrganization(long Id, string Name);

/// <summary>A Hypernative user; one in several organizations must name one at login (<c>organizationId</c>).</summary>
public sealed record HypernativeUser(string Email, string Password, IReadOnlyList<long> OrganizationIds);

/// <summary>An API key: a client id and secret that replace login, bound to one organization.</summary>
public sealed record HypernativeApiKey(string ClientId, string ClientSecret, long OrganizationId);

/// <summary>A watchlist, what the emulated <c>api/v2/watchlists</c> endpoints list.</summary>
public sealed record HypernativeWatchlist(long Id, string Name, long OrganizationId, IReadOnlyList<string> Assets);

/// <summary>An alert on a watchlist, what the emulated (cursor-paged) <c>api/v2/alerts</c> endpoint lists.</summary>
public sealed record HypernativeAlert(long Id, string Severity, string Title, long WatchlistId, long OrganizationId);

/// <summary>The fixed, documented Hypernative demo organizations, users, API key, watchlists and alerts.</summary>
public static class HypernativeDemo
{
    /// <summary>How long a login token lasts: 1 hour (the document does not say).</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromHours(1);

    public static HypernativeOrganization Protocol { get; } = new(1, "Demo Protocol");

    public static HypernativeOrganization Treasury { get; } = new(2, "Demo Treasury");

    public static IReadOnlyList<HypernativeOrganization> Organizations { get; } = [Protocol, Treasury];

    /// <summary>In one organization: logs in without <c>organizationId</c>.</summary>
    public static HypernativeUser Analyst { get; } = new("analyst@hypernative.example", "Hn#Analyst2026", [1]);

    /// <summary>In two organizations: login without <c>organizationId</c> is 400 "organizationId is mandatory" (1002).</summary>
    public static HypernativeUser Admin { get; } = new("admin@hypernative.example", "Hn#Admin2026", [1, 2]);

    /// <summary>Every demo user, in the order the banner and the docs list them.</summary>
    public static IReadOnlyList<HypernativeUser> Users { get; } = [Analyst, Admin];

    /// <summary>The demo API key, for organization 1.</summary>
    public static HypernativeApiKey ApiKey { get; } = new("hn-demo-client-7d544d72", "hn-demo-secret-3f9a1c5e8b2d4a6f", 1);

    public static IReadOnlyList<HypernativeApiKey> ApiKeys { get; } = [ApiKey];

    public static IReadOnlyList<HypernativeWatchlist> Watchlists { get; } =
    [
        new(7001, "Protocol contracts", 1, ["ethereum:0x00000000000000000000000000000000000a11ce"]),
        new(7002, "Bridges", 1, ["ethereum:0x0000000000000000000000000000000000b41d9e", "arbitrum:0x0000000000000000000000000000000000b41d9e"]),
        new(7101, "Treasury wallets", 2, ["ethereum:0x000000000000000000000000000000000007ea50"]),
    ];

    /// <summary>How many alerts each organization has: three pages at the default limit (20).</summary>
    public const int AlertsPerOrganization = 60;

    private static readonly string[] Severities = ["low", "medium", "high", "critical"];
    private static readonly string[] AlertKinds = ["Large transfer", "Ownership change", "Price deviation", "Paused contract"];

    /// <summary>
    /// The 60 alerts of an organization, ids <c>organizationId * 10000 + 1</c> to <c>+ 60</c> (10001 to
    /// 10060 for organization 1), on the organization's watchlists in turn.
    /// </summary>
    public static IReadOnlyList<HypernativeAlert> AlertsOf(long organizationId)
    {
        var watchlists = Watchlists.Where(w => w.OrganizationId == organizationId).ToList();
        return watchlists.Count == 0
            ? []
            : [.. Enumerable.Range(1, AlertsPerOrganization).Select(n => new HypernativeAlert(
                organizationId * 10000 + n,
                Severities[n % Severities.Length],
                $"{AlertKinds[n % AlertKinds.Length]} #{n}",
                watchlists[n % watchlists.Count].Id,
                organizationId))];
    }

    /// <summary>Finds a user by email, ignoring case; null when none has it.</summary>
    public static HypernativeUser? FindUser(string email) =>
        Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
}
