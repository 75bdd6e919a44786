using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Litmind.Emulator.Api;
using Litmind.Emulator.Data;

namespace Litmind.Emulator;

/// <summary>
/// Everything a test can observe or steer in a running emulator: counters, recent requests,
/// sessions, status-code settings and faults. Safe to use from any thread while requests run.
/// </summary>
public sealed class EmulatorState
{
    private const int RecentRequestCapacity = 200;

    private readonly EmulatorOptions _options;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _pathCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<RecordedRequest> _recent = new(RecentRequestCapacity);
    private readonly Lock _recentSync = new();

    private long _logins;
    private long _loginAttempts;
    private long _requests;
    private long _connections;
    private long _requestsWithApiKey;
    private long _requestsWithSessionId;
    private volatile int _expiredSessionStatusCode;
    private volatile int _loginFailureStatusCode;

    internal EmulatorState(EmulatorOptions options)
    {
        options.Validate();
        _options = new EmulatorOptions
        {
            ApiKey = options.ApiKey,
            LoginFailureStatusCode = options.LoginFailureStatusCode,
            ExpiredSessionStatusCode = options.ExpiredSessionStatusCode,
        };
        _expiredSessionStatusCode = _options.ExpiredSessionStatusCode;
        _loginFailureStatusCode = _options.LoginFailureStatusCode;
    }

    /// <summary>The API key this instance accepts.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>Successful logins.</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Every POST to the login endpoint, whatever its outcome (faulted, rejected, wrong password, success).</summary>
    public long LoginAttempts => Interlocked.Read(ref _loginAttempts);

    /// <summary>Every request under <c>/api/v1</c>, login and faulted ones included; controls excluded.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>TCP connections Kestrel accepted: shows whether a client reuses connections.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>API requests that carried an <c>X-Key</c> header (any value).</summary>
    public long RequestsWithApiKey => Interlocked.Read(ref _requestsWithApiKey);

    /// <summary>API requests that carried an <c>X-SessionId</c> header (any value).</summary>
    public long RequestsWithSessionId => Interlocked.Read(ref _requestsWithSessionId);

    /// <summary>Status used for unknown sessions and for sessions expired without an explicit status.</summary>
    public int ExpiredSessionStatusCode
    {
        get => _expiredSessionStatusCode;
        set
        {
            StatusCodeRange.Validate(value, nameof(ExpiredSessionStatusCode));
            _expiredSessionStatusCode = value;
        }
    }

    /// <summary>Status of a login with wrong credentials (200 means "200 with isSuccess false").</summary>
    public int LoginFailureStatusCode
    {
        get => _loginFailureStatusCode;
        set
        {
            StatusCodeRange.Validate(value, nameof(LoginFailureStatusCode));
            _loginFailureStatusCode = value;
        }
    }

    /// <summary>The last 200 API requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> RecentRequests
    {
        get
        {
            lock (_recentSync)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>All sessions, oldest first, including expired ones.</summary>
    public IReadOnlyList<SessionSnapshot> Sessions => SessionStore.Snapshot();

    /// <summary>How many more requests the queued faults will hit.</summary>
    public int PendingFaults => FaultInjector.PendingCount;

    internal SessionStore SessionStore { get; } = new();

    internal FaultInjector FaultInjector { get; } = new();

    internal World World { get; } = new();

    /// <summary>
    /// API requests made to <paramref name="path"/> (case-insensitive, query ignored). Accepts a full
    /// path ("/api/v1/session/list") or one relative to the API base ("session/list").
    /// </summary>
    public long RequestCount(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = NormalizePath(path);
        return _pathCounts.TryGetValue(key, out var count) ? Interlocked.Read(ref count.Value) : 0;
    }

    /// <summary>Expires every existing session; later use answers <paramref name="statusCode"/> (default: <see cref="ExpiredSessionStatusCode"/>).</summary>
    public void ExpireAllSessions(int? statusCode = null) => ExpireAll(statusCode);

    /// <summary>Expires one session; unknown ids are ignored.</summary>
    public void ExpireSession(string sessionId, int? statusCode = null) => TryExpireSession(sessionId, statusCode);

    /// <summary>Queues a fault for the next <see cref="Fault.Count"/> matching API requests.</summary>
    public void EnqueueFault(Fault fault) => FaultInjector.Enqueue(fault);

    /// <summary>
    /// Plays <paramref name="template"/> on a random <paramref name="rate"/> (0..1) of matching API
    /// requests until <see cref="ClearFaults"/>. The random sequence is seeded, so runs repeat.
    /// </summary>
    public void SetFaultRate(double rate, Fault template) => FaultInjector.SetRate(rate, template);

    /// <summary>Removes queued faults and the fault rate.</summary>
    public void ClearFaults() => FaultInjector.Clear();

    /// <summary>Back to a freshly started emulator: no sessions, zero counters, no faults, seed data, start-up status codes.</summary>
    public void Reset()
    {
        SessionStore.Clear();
        FaultInjector.Clear();
        World.Reset();
        _pathCounts.Clear();
        lock (_recentSync)
        {
            _recent.Clear();
        }

        Interlocked.Exchange(ref _logins, 0);
        Interlocked.Exchange(ref _loginAttempts, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _connections, 0);
        Interlocked.Exchange(ref _requestsWithApiKey, 0);
        Interlocked.Exchange(ref _requestsWithSessionId, 0);
        _expiredSessionStatusCode = _options.ExpiredSessionStatusCode;
        _loginFailureStatusCode = _options.LoginFailureStatusCode;
    }

    internal int ExpireAll(int? statusCode)
    {
        ValidateOptionalStatus(statusCode);
        return SessionStore.ExpireAll(statusCode);
    }

    internal bool TryExpireSession(string sessionId, int? statusCode)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ValidateOptionalStatus(statusCode);
        return SessionStore.Expire(sessionId, statusCode);
    }

    /// <summary>Per-path request counts, for the counters endpoint.</summary>
    internal IReadOnlyList<KeyValuePair<string, long>> PathCounts() =>
        _pathCounts.Select(p => KeyValuePair.Create(p.Key, Interlocked.Read(ref p.Value.Value)))
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();

    internal void CountConnection() => Interlocked.Increment(ref _connections);

    internal void CountLogin() => Interlocked.Increment(ref _logins);

    /// <summary>Counts and records an API request as it arrives, before faults or validation.</summary>
    internal void RecordApiRequest(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        var path = request.Path.Value ?? "/";
        Interlocked.Increment(ref _pathCounts.GetOrAdd(path, static _ => new StrongBox<long>()).Value);

        if (ApiPaths.IsLogin(path) && HttpMethods.IsPost(request.Method))
        {
            Interlocked.Increment(ref _loginAttempts);
        }

        if (request.Headers.ContainsKey(ApiHeaders.ApiKey))
        {
            Interlocked.Increment(ref _requestsWithApiKey);
        }

        if (request.Headers.ContainsKey(ApiHeaders.SessionId))
        {
            Interlocked.Increment(ref _requestsWithSessionId);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var recorded = new RecordedRequest(request.Method, path + request.QueryString.Value, headers, DateTimeOffset.UtcNow);
        lock (_recentSync)
        {
            if (_recent.Count == RecentRequestCapacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(recorded);
        }
    }

    /// <summary>A path as the API sees it: without query, and under /api/v1 when given relative.</summary>
    internal static string NormalizePath(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        return path.StartsWith('/') ? path : ApiPaths.Prefix + "/" + path;
    }

    private static void ValidateOptionalStatus(int? statusCode)
    {
        if (statusCode is { } status)
        {
            StatusCodeRange.Validate(status, "statusCode");
        }
    }
}
