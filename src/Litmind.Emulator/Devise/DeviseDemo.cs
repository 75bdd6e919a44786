namespace Litmind.Emulator.Devise;

/// <summary>A user of the emulated Devise-style API; <see cref="Email"/> is the <c>uid</c>.</summary>
/// <param name="Number">The number in the user's string id, <c>user-&lt;n&gt;</c>.</param>
/// <param name="Team">Users of one team list each other in <c>api/accounts</c>.</param>
public sealed record DeviseUser(int Number, string Email, string Password, string Name, string Role, string Team)
{
    /// <summary>The user's id as the API answers it: a string, <c>user-1</c>.</summary>
    public string Id => $"user-{Number}";
}

/// <summary>The fixed, documented demo users of the Devise-style API.</summary>
public static class DeviseDemo
{
    /// <summary>How long a token lasts (its <c>expiry</c>): 2 weeks, devise_token_auth's default <c>token_lifespan</c>.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromDays(14);

    public static DeviseUser Ada { get; } = new(1, "ada@devise.example", "Devise#Ada2026", "Ada Lovelace", "admin", "engines");

    public static DeviseUser Grace { get; } = new(2, "grace@devise.example", "Devise#Grace2026", "Grace Hopper", "member", "engines");

    /// <summary>Every demo user, in the order the banner and the docs list them.</summary>
    public static IReadOnlyList<DeviseUser> Users { get; } = [Ada, Grace];

    /// <summary>Finds a user by email, ignoring case; null when none has it.</summary>
    public static DeviseUser? Find(string email) =>
        Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
}
