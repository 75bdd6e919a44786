using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Litmind.Emulator.Api;

/// <summary>
/// The <c>X-RateLimit-Limit</c> / <c>X-RateLimit-Remaining</c> headers every Litmind answer carries:
/// a budget of <see cref="Limit"/> requests per session (by <c>X-SessionId</c>; requests without one
/// share a budget) that counts down and stops at 0. Informational only: nothing is refused when it
/// runs out (a 429 is a fault's job), so clients can be tested on reading the headers alone.
/// </summary>
internal sealed class RateLimitCounter
{
    public const int Limit = 1000;
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";

    private static readonly string LimitText = Limit.ToString(CultureInfo.InvariantCulture);

    private readonly ConcurrentDictionary<string, StrongBox<long>> _used = new(StringComparer.Ordinal);

    /// <summary>Counts the request against its session's budget and puts both headers on its answer.</summary>
    public void Stamp(HttpContext context)
    {
        var session = context.Request.Headers[ApiHeaders.SessionId].ToString();
        var used = Interlocked.Increment(ref _used.GetOrAdd(session, static _ => new StrongBox<long>()).Value);
        var headers = context.Response.Headers;
        headers[LimitHeader] = LimitText;
        headers[RemainingHeader] = Math.Max(0, Limit - used).ToString(CultureInfo.InvariantCulture);
    }

    public void Clear() => _used.Clear();
}
