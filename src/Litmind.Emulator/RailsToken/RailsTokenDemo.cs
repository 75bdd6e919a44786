namespace Litmind.Emulator.RailsToken;

/// <summary>A user of the emulated token API (seed 003).</summary>
/// <param name="Id">The <c>user_id</c> of the JWT payload.</param>
public sealed record RailsTokenUser(long Id, string Email, string Password, string Name);

/// <summary>A record of the token API's <c>projects</c> endpoints.</summary>
public sealed record RailsTokenProject(long Id, string Name, long OwnerId, string CreatedAt);

/// <summary>The fixed, documented token API demo users and projects.</summary>
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

    /// <summary>Finds a user by email, ignoring case; null when none has it.</summary>
    public static RailsTokenUser? Find(string email) =>
        Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
}
