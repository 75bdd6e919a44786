namespace Litmind.Emulator.LivePerson;

/// <summary>A LivePerson agent who can log in to the emulator's LivePerson account.</summary>
/// <param name="UserId">The id the login answer gives as <c>config.userId</c> (a string, as LivePerson sends it).</param>
public sealed record LivePersonUser(string LoginName, string Password, string UserId, string FullName, bool IsAdmin, IReadOnlyList<int> Privileges, IReadOnlyList<long> SkillIds);

/// <summary>A LivePerson skill, as the emulated skills endpoint lists it.</summary>
public sealed record LivePersonSkill(long Id, string Name, string Description);

/// <summary>An agent group, as the emulated (paged) <c>agentGroups</c> endpoint lists it.</summary>
public sealed record LivePersonAgentGroup(long Id, string Name, string Description);

/// <summary>The fixed, documented LivePerson demo account, agents, skills and agent groups.</summary>
public static class LivePersonDemo
{
    /// <summary>The one account (site) the emulator knows; any other account id is refused with 401.</summary>
    public const string AccountId = "90412079";

    /// <summary>The session TTL a login answers with (<c>sessionTTl</c>), as in the LivePerson document: 8 hours.</summary>
    public static TimeSpan SessionTtl { get; } = TimeSpan.FromMilliseconds(28800000);

    public static LivePersonUser Admin { get; } =
        new("lp-admin", "LpAdmin#2026", "3705342610", "Lena Admin", true, [100, 101, 1730, 1731, 1732, 1733, 1734, 1735], [11, 12]);

    public static LivePersonUser Agent { get; } =
        new("lp-agent", "LpAgent#2026", "3705342611", "Arun Agent", false, [100, 101], [11]);

    /// <summary>Every demo agent, in the order the banner and the docs list them.</summary>
    public static IReadOnlyList<LivePersonUser> Users { get; } = [Admin, Agent];

    public static IReadOnlyList<LivePersonSkill> Skills { get; } =
    [
        new(11, "Support", "First-line customer support"),
        new(12, "Billing", "Invoices, refunds and payment questions"),
    ];

    /// <summary>
    /// The 45 agent groups (ids 1 to 45) of the paged <c>agentGroups</c> endpoint: more than one page
    /// at its default limit (20), so a client has to page through them.
    /// </summary>
    public static IReadOnlyList<LivePersonAgentGroup> AgentGroups { get; } =
        [.. Enumerable.Range(1, 45).Select(id => new LivePersonAgentGroup(id, $"Team {id:00}", $"Agent group {id} of the demo account"))];

    /// <summary>Finds an agent of <paramref name="accountId"/> by login name (ignoring case); null when none.</summary>
    public static LivePersonUser? Find(string accountId, string loginName) =>
        accountId == AccountId
            ? Users.FirstOrDefault(u => string.Equals(u.LoginName, loginName, StringComparison.OrdinalIgnoreCase))
            : null;
}
