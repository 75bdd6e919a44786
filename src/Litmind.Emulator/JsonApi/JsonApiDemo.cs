namespace Litmind.Emulator.JsonApi;

/// <summary>A user of the JSON:API service.</summary>
public sealed record JsonApiUser(string Email, string Password, string Name);

/// <summary>An article, the JSON:API service's resource (type <c>articles</c>).</summary>
public sealed record JsonApiArticle(long Id, string Title);

/// <summary>The fixed, documented user and seed articles of the JSON:API service.</summary>
public static class JsonApiDemo
{
    /// <summary>How long a session token lasts: 24 hours.</summary>
    public static TimeSpan TokenLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>The shortest title an article may have; shorter is 422 <c>too_short</c>.</summary>
    public const int MinTitleLength = 3;

    public static JsonApiUser Author { get; } = new("author@jsonapi.example", "JsonApi#2026", "Ann Author");

    public static IReadOnlyList<JsonApiUser> Users { get; } = [Author];

    /// <summary>The articles a start or a reset holds; created ones get ids from 4.</summary>
    public static IReadOnlyList<JsonApiArticle> Articles { get; } =
    [
        new(1, "Getting started with JSON:API"),
        new(2, "Compound documents"),
        new(3, "Sparse fieldsets"),
    ];

    /// <summary>Finds a user by email, ignoring case; null when none has it.</summary>
    public static JsonApiUser? Find(string email) =>
        Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
}
