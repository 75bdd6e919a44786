using Litmind.Emulator.Api;
using Litmind.Emulator.ApiKeyOnly;
using Litmind.Emulator.Cookie;
using Litmind.Emulator.Data;
using Litmind.Emulator.Devise;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.JsonApi;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.RailsToken;
using Litmind.Emulator.Services;

namespace Litmind.Emulator;

/// <summary>
/// Everything a test can observe or steer in a running emulator: counters, recent requests,
/// sessions, status-code settings and faults. Its own members are Litmind's; <see cref="OtherServices"/>
/// (<see cref="LivePerson"/>, <see cref="RailsToken"/>, <see cref="Hypernative"/>, …) hold the other
/// services'. Safe to use from any thread while requests run.
/// </summary>
public sealed class EmulatorState
{
    private readonly EmulatorOptions _options;
    private readonly RequestRecorder _recorder = new(ApiPaths.Prefix);

    private long _logins;
    private long _loginAttempts;
    private long _connections;
    private long _requestsWithApiKey;
    private long _requestsWithSessionId;
    private volatile int _expiredSessionStatusCode;
    private volatile int _loginFailureStatusCode;
    private volatile bool _expiryIsExplained = true;
    private volatile bool _joinOfExpiredSessionStartsNew;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _changedPasswords = new();

    internal EmulatorState(EmulatorOptions options)
    {
        options.Validate();
        _options = new EmulatorOptions
        {
            ApiKey = options.ApiKey,
            LoginFailureStatusCode = options.LoginFailureStatusCode,
            ExpiredSessionStatusCode = options.ExpiredSessionStatusCode,
            TimeProvider = options.TimeProvider,
        };
        _expiredSessionStatusCode = _options.ExpiredSessionStatusCode;
        _loginFailureStatusCode = _options.LoginFailureStatusCode;
        FaultInjector = new FaultInjector(_recorder.NormalizePath, ApiPaths.IsLogin);
        var clock = _options.TimeProvider ?? TimeProvider.System;
        LivePerson = LivePersonService.CreateState(clock);
        RailsToken = RailsTokenService.CreateState(clock);
        Hypernative = HypernativeService.CreateState(clock);
        OAuth = OAuthService.CreateState(clock);
        Devise = DeviseService.CreateState(clock);
        ApiKeyService = ApiKeyOnly.ApiKeyService.CreateState(clock);
        Cookie = CookieService.CreateState(clock);
        JsonApi = JsonApiService.CreateState(clock);
    }

    /// <summary>The emulated LivePerson Login Service, under <c>/liveperson/</c>.</summary>
    public ServiceState LivePerson { get; }

    /// <summary>
    /// The origin of the LivePerson service domain, e.g. <c>http://127.0.0.1:54322/</c>: the second
    /// loopback port, where the account configuration API answers at the root and which the login
    /// answer names in <c>csdsCollectionResponse.baseURIs</c>. Null until it listens.
    /// </summary>
    public Uri? LivePersonDomainUri { get; internal set; }

    /// <summary>The emulated Rails-style token API, under <c>/railstoken/api/v1/</c>.</summary>
    public ServiceState RailsToken { get; }

    /// <summary>The emulated Hypernative API, under <c>/hypernative/</c>.</summary>
    public ServiceState Hypernative { get; }

    /// <summary>The emulated OAuth 2.0 client-credentials server and API, under <c>/oauth/</c>.</summary>
    public ServiceState OAuth { get; }

    /// <summary>The emulated Devise-style API (tokens in response headers), under <c>/devise/</c>.</summary>
    public ServiceState Devise { get; }

    /// <summary>
    /// The emulated API-key-only service, under <c>/apikey/</c> (its <see cref="ServiceState.Name"/> is
    /// <c>ApiKey</c>; the property is named apart from <see cref="ApiKey"/>, Litmind's key).
    /// </summary>
    public ServiceState ApiKeyService { get; }

    /// <summary>The emulated cookie-session service with CSRF, under <c>/cookie/</c>.</summary>
    public ServiceState Cookie { get; }

    /// <summary>The emulated JSON:API service, under <c>/jsonapi/</c>.</summary>
    public ServiceState JsonApi { get; }

    /// <summary>The services other than Litmind, in the order the banner and the docs list them: the seeds' three, then the other API shapes.</summary>
    public IReadOnlyList<ServiceState> OtherServices => [LivePerson, RailsToken, Hypernative, OAuth, Devise, ApiKeyService, Cookie, JsonApi];

    /// <summary>The API key this instance accepts.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>Successful logins.</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Every POST to the login endpoint, whatever its outcome (faulted, rejected, wrong password, success).</summary>
    public long LoginAttempts => Interlocked.Read(ref _loginAttempts);

    /// <summary>Every request under <c>/api/v1</c>, login and faulted ones included; controls excluded.</summary>
    public long Requests => _recorder.Requests;

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

    /// <summary>
    /// Whether an expired or unknown session is answered with an error code that says so
    /// (<c>SessionExpired</c>, <c>UnknownSession</c>; the default). When false, the answer is what a
    /// server written from the seed alone sends: the status and a generic refusal (403
    /// <c>Forbidden</c>, 404 <c>NotFound</c>, else <c>Http{status}</c>), so a client cannot tell
    /// expiry from a permission error by the answer.
    /// </summary>
    public bool ExpiryIsExplained
    {
        get => _expiryIsExplained;
        set => _expiryIsExplained = value;
    }

    /// <summary>
    /// Whether a login that joins an expired or unknown session starts a new session holding only
    /// that account and answers its id (as some servers do), instead of refusing the join as expired.
    /// Off by default.
    /// </summary>
    public bool JoinOfExpiredSessionStartsNew
    {
        get => _joinOfExpiredSessionStartsNew;
        set => _joinOfExpiredSessionStartsNew = value;
    }

    /// <summary>
    /// Changes a demo account's password (by username or email, any case), as a user who rotates
    /// it elsewhere does: logins with the old one are refused from now on. A reset restores it.
    /// </summary>
    public void ChangePassword(string usernameOrEmail, string newPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPassword);
        var account = DemoData.FindByLogin(usernameOrEmail) ?? throw new ArgumentException($"No demo account '{usernameOrEmail}'.", nameof(usernameOrEmail));
        _changedPasswords[account.Id] = newPassword;
    }

    /// <summary>The password a demo account logs in with now.</summary>
    public string PasswordOf(DemoAccount account) => _changedPasswords.TryGetValue(account.Id, out var changed) ? changed : account.Password;

    /// <summary>The last 200 API requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> RecentRequests => _recorder.Recent;

    /// <summary>All sessions, oldest first, including expired ones.</summary>
    public IReadOnlyList<SessionSnapshot> Sessions => SessionStore.Snapshot();

    /// <summary>How many more requests the queued faults will hit.</summary>
    public int PendingFaults => FaultInjector.PendingCount;

    internal SessionStore SessionStore { get; } = new();

    internal FaultInjector FaultInjector { get; }

    internal World World { get; } = new();

    internal RateLimitCounter RateLimit { get; } = new();

    /// <summary>
    /// API requests made to <paramref name="path"/> (case-insensitive, query ignored). Accepts a full
    /// path ("/api/v1/session/list") or one relative to the API base ("session/list").
    /// </summary>
    public long RequestCount(string path) => _recorder.RequestCount(path);

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

    /// <summary>
    /// Back to a freshly started emulator: no sessions, zero counters, no faults, seed data, start-up
    /// status codes, for Litmind and every other service.
    /// </summary>
    public void Reset()
    {
        foreach (var service in OtherServices)
        {
            service.Reset();
        }

        SessionStore.Clear();
        FaultInjector.Clear();
        World.Reset();
        RateLimit.Clear();
        _recorder.Clear();
        Interlocked.Exchange(ref _logins, 0);
        Interlocked.Exchange(ref _loginAttempts, 0);
        Interlocked.Exchange(ref _connections, 0);
        Interlocked.Exchange(ref _requestsWithApiKey, 0);
        Interlocked.Exchange(ref _requestsWithSessionId, 0);
        _expiredSessionStatusCode = _options.ExpiredSessionStatusCode;
        _loginFailureStatusCode = _options.LoginFailureStatusCode;
        _expiryIsExplained = true;
        _joinOfExpiredSessionStartsNew = false;
        _changedPasswords.Clear();
    }

    internal int ExpireAll(int? statusCode)
    {
        StatusCodeRange.ValidateOptional(statusCode, nameof(statusCode));
        return SessionStore.ExpireAll(statusCode);
    }

    internal bool TryExpireSession(string sessionId, int? statusCode)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        StatusCodeRange.ValidateOptional(statusCode, nameof(statusCode));
        return SessionStore.Expire(sessionId, statusCode);
    }

    /// <summary>Per-path request counts, for the counters endpoint.</summary>
    internal IReadOnlyList<KeyValuePair<string, long>> PathCounts() => _recorder.PathCounts();

    internal void CountConnection() => Interlocked.Increment(ref _connections);

    internal void CountLogin() => Interlocked.Increment(ref _logins);

    /// <summary>Counts and records an API request as it arrives, before faults or validation.</summary>
    internal void RecordApiRequest(HttpRequest request)
    {
        _recorder.Record(request);
        var path = request.Path.Value ?? "/";

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
    }
}
