using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Litmind.Emulator.Services;

/// <summary>
/// Counts and keeps the recent requests of one emulated service: the total, per path, and the
/// last <see cref="Capacity"/> with their headers. Safe to use from any thread.
/// </summary>
/// <param name="root">The service's root path; relative paths are taken under it.</param>
/// <param name="otherRoot">
/// Where else the service answers the same paths, e.g. the root of LivePerson's service domain:
/// a relative path then counts the requests under both roots.
/// </param>
internal sealed class RequestRecorder(PathString root, PathString? otherRoot = null)
{
    public const int Capacity = 200;

    private readonly ConcurrentDictionary<string, StrongBox<long>> _pathCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<RecordedRequest> _recent = new(Capacity);
    private readonly Lock _recentSync = new();
    private long _requests;

    /// <summary>The service's root path, e.g. <c>/api/v1</c>; relative paths are taken under it.</summary>
    public PathString Root { get; } = root;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Recent
    {
        get
        {
            lock (_recentSync)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>Counts and records a request as it arrives, before faults or validation.</summary>
    public void Record(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        var path = request.Path.Value ?? "/";
        Interlocked.Increment(ref _pathCounts.GetOrAdd(path, static _ => new StrongBox<long>()).Value);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var recorded = new RecordedRequest(request.Method, path + request.QueryString.Value, headers, DateTimeOffset.UtcNow)
        {
            Authority = request.Host.Value ?? "",
        };
        lock (_recentSync)
        {
            if (_recent.Count == Capacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(recorded);
        }
    }

    /// <summary>
    /// Requests to one path (case-insensitive, query ignored), full or relative to <see cref="Root"/>;
    /// a relative path also counts those under the other root, when the service has one.
    /// </summary>
    public long RequestCount(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var count = CountOf(NormalizePath(path));
        if (otherRoot is { } other && !StripQuery(path).StartsWith('/'))
        {
            count += CountOf(other.Value + "/" + StripQuery(path));
        }

        return count;
    }

    /// <summary>Per-path request counts, for the counters endpoints.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> PathCounts() =>
        _pathCounts.Select(p => KeyValuePair.Create(p.Key, Interlocked.Read(ref p.Value.Value)))
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>A path as the service sees it: without query, and under <see cref="Root"/> when given relative.</summary>
    public string NormalizePath(string path)
    {
        path = StripQuery(path);
        return path.StartsWith('/') ? path : Root.Value + "/" + path;
    }

    private static string StripQuery(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 ? path[..query] : path;
    }

    private long CountOf(string fullPath) => _pathCounts.TryGetValue(fullPath, out var count) ? Interlocked.Read(ref count.Value) : 0;

    public void Clear()
    {
        _pathCounts.Clear();
        lock (_recentSync)
        {
            _recent.Clear();
        }

        Interlocked.Exchange(ref _requests, 0);
    }
}
