namespace Litmind.Emulator;

/// <summary>
/// A misbehaviour the emulator plays instead of (or before) a normal answer, so tests can check
/// how a client copes with throttling, outages, slowness, broken connections and huge bodies.
/// </summary>
/// <remarks>
/// Order of effects: <see cref="DelayMs"/> first; then the first of <see cref="DropConnection"/>,
/// <see cref="NeverAnswer"/>, <see cref="RedirectTo"/>, <see cref="EchoRequestHeaders"/>, <see cref="TrickleMs"/>, or an answer built from
/// <see cref="StatusCode"/>, <see cref="Body"/> / <see cref="BodySizeBytes"/>. A fault with only a delay lets the request
/// through afterwards, which makes it a latency fault.
/// </remarks>
public sealed class Fault
{
    /// <summary>Status of the answer (e.g. 429, 503, 500). Defaults to 200 when only a body is given.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Raw <c>Retry-After</c> header value: seconds ("1") or an HTTP date.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Wait this long before doing anything else; a client cancel or disconnect ends the wait.</summary>
    public int DelayMs { get; init; }

    /// <summary>Never answer; the request ends only when the client gives up (or the emulator stops).</summary>
    public bool NeverAnswer { get; init; }

    /// <summary>Close the connection without an answer.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Exact body to send instead of the error envelope.</summary>
    public string? Body { get; init; }

    /// <summary>Content type of <see cref="Body"/>; defaults to JSON. The body is encoded in the charset it names (UTF-8 when none).</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Stream this many bytes of never-closed JSON filler (<c>{"entity":"Big","items":["xxxx…</c>),
    /// to check that a client limits what it reads.
    /// </summary>
    public long? BodySizeBytes { get; init; }

    /// <summary>
    /// Answer 200 (or <see cref="StatusCode"/>) with a JSON body that arrives one byte every this
    /// many milliseconds: the envelope's opening, then a space per interval for at most
    /// <see cref="TrickleForMs"/>, then the closing. A server that never stalls long enough for a
    /// per-read timeout, yet never finishes in time.
    /// </summary>
    public int TrickleMs { get; init; }

    /// <summary>How long a <see cref="TrickleMs"/> answer trickles before it closes (default 30 s).</summary>
    public int TrickleForMs { get; init; } = 30_000;

    /// <summary>
    /// Quote the request's headers back, as a careless server or gateway does: in the error
    /// envelope's <c>errorDescription</c> when <see cref="StatusCode"/> is 400 or more, else in a
    /// success envelope <c>{"entity":"Echo","isSuccess":true,"headers":{…}}</c>.
    /// </summary>
    public bool EchoRequestHeaders { get; init; }

    /// <summary>Answer 302 with this <c>Location</c>.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>
    /// Only requests whose path starts with this (case-insensitive) are hit. When null, every API
    /// request except login is; a prefix matching <c>/api/v1/session/login</c> also hits login.
    /// </summary>
    public string? PathPrefix { get; init; }

    /// <summary>How many requests a queued fault applies to before it is used up.</summary>
    public int Count { get; init; } = 1;

    /// <summary>True when the fault itself produces the answer rather than only delaying the real one.</summary>
    internal bool Answers => StatusCode is not null || Body is not null || BodySizeBytes is not null || RedirectTo is not null || EchoRequestHeaders || TrickleMs > 0;

    internal void Validate()
    {
        if (StatusCode is { } status)
        {
            StatusCodeRange.Validate(status, nameof(StatusCode));
        }

        if (DelayMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DelayMs), DelayMs, "A delay cannot be negative.");
        }

        if (TrickleMs < 0 || TrickleForMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TrickleMs), TrickleMs, "A trickle interval cannot be negative.");
        }

        if (Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "A fault applies to at least one request.");
        }

        if (BodySizeBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BodySizeBytes), BodySizeBytes, "A body size cannot be negative.");
        }
    }
}
