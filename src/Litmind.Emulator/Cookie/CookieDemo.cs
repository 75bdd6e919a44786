namespace Litmind.Emulator.Cookie;

/// <summary>A user of the cookie-session service.</summary>
public sealed record CookieUser(string Username, string Password);

/// <summary>A note, what the cookie-session service's <c>api/notes</c> lists and creates.</summary>
public sealed record CookieNote(long Id, string Text);

/// <summary>The fixed, documented user and seed notes of the cookie-session service.</summary>
public static class CookieDemo
{
    /// <summary>How long a session lasts: 30 minutes, a usual server-side session timeout.</summary>
    public static TimeSpan SessionLifetime { get; } = TimeSpan.FromMinutes(30);

    public static CookieUser User { get; } = new("cookie-user", "Cookie#2026");

    public static IReadOnlyList<CookieUser> Users { get; } = [User];

    /// <summary>The notes a start or a reset holds; created ones get ids from 3.</summary>
    public static IReadOnlyList<CookieNote> Notes { get; } =
    [
        new(1, "Renew the studio booking"),
        new(2, "Send the call sheet"),
    ];

    /// <summary>Finds a user by name (exact); null when none has it.</summary>
    public static CookieUser? Find(string username) => Users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.Ordinal));
}
