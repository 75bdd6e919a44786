namespace Litmind.Emulator.RailsToken;

/// <summary>A user of the emulated token API (seed 003).</summary>
/// <param name="Id">The <c>user_id</c> of the JWT payload.</param>
public sealed record RailsTokenUser(long Id, string Email, string Password, string Name);

/// <summary>A record of the token API's <c>projects</c> endpoints.</summary>
public sealed record RailsTokenProject(long Id, string Name, long OwnerId, string CreatedAt);

/// <summary>A ticket of a project, what the token API's paged <c>tickets</c> endpoint lists.</summary>
public sealed record RailsTokenTicket(long Id, string Title, string Status, long ProjectId);

/// <summary>The fixed, documented token API demo users, projects and tickets.</summary>
public static class RailsTokenDemo
{
    /// <summary>How long a token lasts (its <c>exp</c>): 24 hours, the usual Rails JWT default.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>The user of the seed's own example: <c>email=foo%40bar.com&amp;password=foobar</c>.</summary>
    public static RailsTokenUser Foo { get; } = new(1, "foo@bar.com", "foobar", "Foo Bar");

    public static RailsTokenUser Ops { get; } = new(2, "ops@railstoken.example", "Rails#Ops2026", "Ops Team");

    /// <summary>Every demo user, in the order the banner and the docs list them.</summary>
    public static IReadOnlyList<RailsTokenUser> Users { get; } = [Foo, Ops];

    public static IReadOnlyList<RailsTokenProject> Projects { get; } =
    [
        new(101, "Website relaunch", 1, "2026-10-01T08:00:00.000Z"),
        new(102, "Mobile app", 1, "2026-10-15T08:00:00.000Z"),
        new(201, "Monitoring", 2, "2026-11-02T08:00:00.000Z"),
    ];

    /// <summary>How many tickets each demo user has: three pages at the default <c>per_page</c> (25).</summary>
    public const int TicketsPerUser = 75;

    private static readonly string[] TicketStatuses = ["open", "in_progress", "closed"];

    /// <summary>
    /// The 75 tickets of a user's projects, ids <c>user_id * 1000 + 1</c> to <c>+ 75</c> (1001 to 1075
    /// for foo@bar.com), spread over the user's projects; empty for an unknown user.
    /// </summary>
    public static IReadOnlyList<RailsTokenTicket> TicketsOf(long userId)
    {
        var projects = Projects.Where(p => p.OwnerId == userId).ToList();
        return projects.Count == 0
            ? []
            : [.. Enumerable.Range(1, TicketsPerUser).Select(n => new RailsTokenTicket(
                userId * 1000 + n,
                $"Ticket {n} of {projects[n % projects.Count].Name}",
                TicketStatuses[n % TicketStatuses.Length],
                projects[n % projects.Count].Id))];
    }

    /// <summary>Finds a user by email, ignoring case; null when none has it.</summary>
    public static RailsTokenUser? Find(string email) =>
        Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
}
