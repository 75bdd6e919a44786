namespace Litmind.Emulator;

/// <summary>One API request as the emulator received it, kept for test assertions.</summary>
/// <param name="PathAndQuery">Path plus query string, e.g. <c>/api/v1/castings?page=2</c>.</param>
/// <param name="Headers">Request headers by name (case-insensitive); repeated headers joined with ", ".</param>
public sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset Time)
{
    /// <summary>
    /// The host and port the request was addressed to (its <c>Host</c> header), e.g. <c>127.0.0.1:54322</c>:
    /// tells the emulator's origins apart, such as LivePerson's login origin and its service domain.
    /// </summary>
    public string Authority { get; init; } = "";

    /// <summary>The value of a header, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
