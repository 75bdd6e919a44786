namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>A clock that moves only when a test says so, so expiry is tested without waiting.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _sync = new();
    private DateTimeOffset _now = new(2026, 11, 1, 9, 0, 0, 250, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_sync)
        {
            _now += by;
        }
    }
}
