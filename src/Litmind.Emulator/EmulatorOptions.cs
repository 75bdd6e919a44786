namespace Litmind.Emulator;

/// <summary>
/// Start-up settings of an emulator instance. The status codes can be changed later through
/// <see cref="EmulatorState"/>; <see cref="EmulatorState.Reset"/> brings them back to these values.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The only value of <c>X-Key</c> the emulator accepts.</summary>
    public string ApiKey { get; set; } = DemoData.ApiKey;

    /// <summary>
    /// Status of a login with wrong credentials. The real service answers 200 with
    /// <c>isSuccess: false</c>; set e.g. 401 to check that a client copes with either.
    /// </summary>
    public int LoginFailureStatusCode { get; set; } = 200;

    /// <summary>Status of a request made with an expired or unknown session ("a 40x error" in the Litmind docs).</summary>
    public int ExpiredSessionStatusCode { get; set; } = 401;

    /// <summary>
    /// The clock behind session lifetimes and token expiry of LivePerson, the token API and
    /// Hypernative (a test passes its own to move time without waiting); null means the system clock.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("The API key must not be empty.", nameof(ApiKey));
        }

        StatusCodeRange.Validate(LoginFailureStatusCode, nameof(LoginFailureStatusCode));
        StatusCodeRange.Validate(ExpiredSessionStatusCode, nameof(ExpiredSessionStatusCode));
    }
}

/// <summary>Range check shared by the options, the state setters and the HTTP controls.</summary>
internal static class StatusCodeRange
{
    public static bool Contains(int statusCode) => statusCode is >= 100 and <= 599;

    public static void Validate(int statusCode, string name)
    {
        if (!Contains(statusCode))
        {
            throw new ArgumentOutOfRangeException(name, statusCode, "An HTTP status code is between 100 and 599.");
        }
    }

    /// <summary>Validates a status when one is given; null stands for "the default".</summary>
    public static void ValidateOptional(int? statusCode, string name)
    {
        if (statusCode is { } status)
        {
            Validate(status, name);
        }
    }
}
