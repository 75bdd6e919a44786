using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Litmind.Emulator.Services;

/// <summary>
/// What a test can observe or steer in one of the emulated services other than Litmind (LivePerson,
/// the token API, Hypernative): counters, recent requests, sessions or tokens, their lifetime,
/// and faults. Safe to use from any thread while requests run.
/// </summary>
public sealed class ServiceState
{
    /// <summary>The status of a refused credential unless an expire said otherwise: 401, as every seed shows.</summary>
    public const int DefaultExpiredSessionStatusCode = 401;

    /// <summary>The longest lifetime the controls accept; anything longer is a typo.</summary>
    public static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromDays(366);

    private readonly Func<string, bool> _isLogin;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _tallies = new(StringComparer.Ordinal);
    private readonly List<Action> _resetHooks = [];
    private long _logins;
    private long _loginAttempts;
    private long _refreshes;
    private long _logouts;
    private volatile int _expiredSessionStatusCode = DefaultExpiredSessionStatusCode;
    private long _sessionLifetimeTicks;

    /// <param name="otherRootPath">Where else the service answers, e.g. <c>/</c> of LivePerson's service domain; relative paths count there too.</param>
    internal ServiceState(string name, string controlName, string rootPath, Func<string, bool> isLogin, TimeSpan defaultSessionLifetime, TimeProvider clock, string? otherRootPath = null)
    {
        Name = name;
        ControlName = controlName;
        RootPath = rootPath;
        _isLogin = isLogin;
        DefaultSessionLifetime = defaultSessionLifetime;
        _sessionLifetimeTicks = defaultSessionLifetime.Ticks;
        Clock = clock;
        Recorder = new RequestRecorder(new PathString(rootPath.TrimEnd('/')), otherRootPath is null ? null : new PathString(otherRootPath.TrimEnd('/')));
        FaultInjector = new FaultInjector(Recorder.NormalizePath, isLogin);
        SessionStore = new ServiceSessionStore(clock);
    }

    /// <summary>The service's name, as <c>Connect-Litmind -Service</c> spells it: <c>LivePerson</c>, <c>RailsToken</c>, <c>Hypernative</c>.</summary>
    public string Name { get; }

    /// <summary>The service's segment under <c>/_emulator/</c>: <c>liveperson</c>, <c>railstoken</c>, <c>hypernative</c>.</summary>
    public string ControlName { get; }

    /// <summary>The service's root on the emulator's port, e.g. <c>/liveperson/</c>: what a client passes as its base URI.</summary>
    public string RootPath { get; }

    /// <summary>Successful logins.</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Every POST to the login endpoint, whatever its outcome.</summary>
    public long LoginAttempts => Interlocked.Read(ref _loginAttempts);

    /// <summary>Successful refreshes (LivePerson's <c>refresh</c>); zero for services without one.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>Successful logouts (LivePerson's <c>logout</c>); zero for services without one.</summary>
    public long Logouts => Interlocked.Read(ref _logouts);

    /// <summary>
    /// Named counts a service keeps beyond the common ones, by name, e.g. the API key service's
    /// <c>keyInHeader</c> and <c>keyInQuery</c>: where a client put its credential. Empty for most services.
    /// </summary>
    public IReadOnlyDictionary<string, long> Tallies =>
        _tallies.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => Interlocked.Read(ref t.Value.Value), StringComparer.Ordinal);

    /// <summary>Every request under <see cref="RootPath"/>, login and faulted ones included; controls excluded.</summary>
    public long Requests => Recorder.Requests;

    /// <summary>The last 200 requests to this service, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> RecentRequests => Recorder.Recent;

    /// <summary>All sessions or tokens issued since the start or the last reset, oldest first, expired ones included.</summary>
    public IReadOnlyList<ServiceSessionSnapshot> Sessions => SessionStore.Snapshot();

    /// <summary>How many more requests the queued faults will hit.</summary>
    public int PendingFaults => FaultInjector.PendingCount;

    /// <summary>The lifetime this service starts with (and a reset restores).</summary>
    public TimeSpan DefaultSessionLifetime { get; }

    /// <summary>
    /// How long a session or token issued from now on lasts (LivePerson's <c>sessionTTl</c>, the JWT's
    /// <c>exp</c>, Hypernative's token). Shorten it to see a client renew in time; sessions already
    /// issued keep theirs.
    /// </summary>
    public TimeSpan SessionLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _sessionLifetimeTicks));
        set
        {
            if (value <= TimeSpan.Zero || value > MaxSessionLifetime)
            {
                throw new ArgumentOutOfRangeException(nameof(SessionLifetime), value, $"A session lifetime is more than zero and at most {MaxSessionLifetime.TotalDays} days.");
            }

            Interlocked.Exchange(ref _sessionLifetimeTicks, value.Ticks);
        }
    }

    /// <summary>Status for unknown, logged-out, timed-out and expired (without an explicit status) credentials.</summary>
    public int ExpiredSessionStatusCode
    {
        get => _expiredSessionStatusCode;
        set
        {
            StatusCodeRange.Validate(value, nameof(ExpiredSessionStatusCode));
            _expiredSessionStatusCode = value;
        }
    }

    internal TimeProvider Clock { get; }

    internal RequestRecorder Recorder { get; }

    internal FaultInjector FaultInjector { get; }

    internal ServiceSessionStore SessionStore { get; }

    /// <summary>One of <see cref="Tallies"/>; 0 when nothing was counted under that name.</summary>
    public long Tally(string name) => _tallies.TryGetValue(name, out var count) ? Interlocked.Read(ref count.Value) : 0;

    /// <summary>
    /// Requests made to <paramref name="path"/> (case-insensitive, query ignored), full or relative to
    /// <see cref="RootPath"/>. For LivePerson a relative path also counts the requests to the service
    /// domain (<c>/api/account/…</c> there); a full path counts one origin.
    /// </summary>
    public long RequestCount(string path) => Recorder.RequestCount(path);

    /// <summary>Expires every session or token issued so far; later use answers <paramref name="statusCode"/> (default: <see cref="ExpiredSessionStatusCode"/>). Returns how many.</summary>
    public int ExpireAllSessions(int? statusCode = null)
    {
        StatusCodeRange.ValidateOptional(statusCode, nameof(statusCode));
        return SessionStore.ExpireAll(statusCode);
    }

    /// <summary>Expires the session with this <see cref="ServiceSessionSnapshot.Id"/> or holding this secret (bearer, token, cookie); false when none does.</summary>
    public bool ExpireSession(string idOrSecret, int? statusCode = null)
    {
        ArgumentNullException.ThrowIfNull(idOrSecret);
        StatusCodeRange.ValidateOptional(statusCode, nameof(statusCode));
        return SessionStore.Expire(idOrSecret, statusCode);
    }

    /// <summary>Queues a fault for the next <see cref="Fault.Count"/> matching requests to this service (login spared unless its path is the prefix).</summary>
    public void EnqueueFault(Fault fault) => FaultInjector.Enqueue(fault);

    /// <summary>Plays <paramref name="template"/> on a seeded random <paramref name="rate"/> (0..1) of matching requests until <see cref="ClearFaults"/>.</summary>
    public void SetFaultRate(double rate, Fault template) => FaultInjector.SetRate(rate, template);

    /// <summary>Removes queued faults and the fault rate.</summary>
    public void ClearFaults() => FaultInjector.Clear();

    /// <summary>Back to a freshly started service: no sessions, zero counters, no faults, default lifetime and status, its seed data.</summary>
    public void Reset()
    {
        lock (_resetHooks)
        {
            _resetHooks.ForEach(hook => hook());
        }

        SessionStore.Clear();
        FaultInjector.Clear();
        Recorder.Clear();
        Interlocked.Exchange(ref _logins, 0);
        Interlocked.Exchange(ref _loginAttempts, 0);
        Interlocked.Exchange(ref _refreshes, 0);
        Interlocked.Exchange(ref _logouts, 0);
        _tallies.Clear();
        Interlocked.Exchange(ref _sessionLifetimeTicks, DefaultSessionLifetime.Ticks);
        _expiredSessionStatusCode = DefaultExpiredSessionStatusCode;
    }

    internal void Record(HttpRequest request)
    {
        Recorder.Record(request);
        if (HttpMethods.IsPost(request.Method) && _isLogin(request.Path.Value ?? "/"))
        {
            Interlocked.Increment(ref _loginAttempts);
        }
    }

    /// <summary>Has <see cref="Reset"/> also put back what the service keeps besides sessions (notes, articles...).</summary>
    internal void OnReset(Action hook)
    {
        lock (_resetHooks)
        {
            _resetHooks.Add(hook);
        }
    }

    internal void CountLogin() => Interlocked.Increment(ref _logins);

    internal void CountRefresh() => Interlocked.Increment(ref _refreshes);

    internal void CountLogout() => Interlocked.Increment(ref _logouts);

    internal void CountTally(string name) => Interlocked.Increment(ref _tallies.GetOrAdd(name, static _ => new StrongBox<long>()).Value);

    /// <summary>The status for a refused credential: the one its expire asked for, else the current default.</summary>
    internal int RefusedStatus(ServiceSessionSnapshot? session) => session?.ExpiredStatusCode ?? ExpiredSessionStatusCode;
}
