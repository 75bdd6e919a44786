using Microsoft.AspNetCore.Http;

namespace Litmind.Emulator;

/// <summary>
/// Decides which fault, if any, a request gets: queued faults first (in order, each for its
/// <see cref="Fault.Count"/> requests), then the random fault rate. Each emulated service has its own.
/// </summary>
/// <param name="normalizePath">Turns a fault's path prefix into a full path (relative ones are under the service root).</param>
/// <param name="isLogin">The service's login path, which faults without a prefix spare.</param>
internal sealed class FaultInjector(Func<string, string> normalizePath, Func<string, bool> isLogin)
{
    /// <summary>Fixed seed: a failing run with a fault rate replays the same way.</summary>
    private const int RandomSeed = 20261101;

    private readonly Lock _sync = new();
    private readonly List<QueuedFault> _queue = [];
    private Random _random = new(RandomSeed);
    private double _rate;
    private Fault? _rateTemplate;

    public int PendingCount
    {
        get
        {
            lock (_sync)
            {
                return _queue.Sum(q => q.Remaining);
            }
        }
    }

    public double Rate
    {
        get
        {
            lock (_sync)
            {
                return _rate;
            }
        }
    }

    public void Enqueue(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        fault.Validate();
        lock (_sync)
        {
            _queue.Add(new QueuedFault(fault, fault.Count));
        }
    }

    public void SetRate(double rate, Fault template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A fault rate is a fraction between 0 and 1.");
        }

        template.Validate();
        lock (_sync)
        {
            _rate = rate;
            _rateTemplate = rate > 0 ? template : null;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _queue.Clear();
            _rate = 0;
            _rateTemplate = null;
            _random = new Random(RandomSeed);
        }
    }

    /// <summary>Picks (and uses up) the fault for a request to <paramref name="path"/>, or null.</summary>
    public Fault? Take(string path)
    {
        lock (_sync)
        {
            for (var i = 0; i < _queue.Count; i++)
            {
                var queued = _queue[i];
                if (!AppliesTo(queued.Fault, path))
                {
                    continue;
                }

                if (--queued.Remaining == 0)
                {
                    _queue.RemoveAt(i);
                }

                return queued.Fault;
            }

            // Draw only for requests the template could hit, so the seeded sequence
            // depends on the requests that matter, not on unrelated traffic.
            if (_rateTemplate is { } template && AppliesTo(template, path) && _random.NextDouble() < _rate)
            {
                return template;
            }

            return null;
        }
    }

    private bool AppliesTo(Fault fault, string path) =>
        fault.PathPrefix is { } prefix
            ? new PathString(path).StartsWithSegments(new PathString(normalizePath(prefix)), StringComparison.OrdinalIgnoreCase)
            : !isLogin(path); // Login is spared by default so tests can always get a session.

    private sealed class QueuedFault(Fault fault, int remaining)
    {
        public Fault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
