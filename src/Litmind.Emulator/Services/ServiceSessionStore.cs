namespace Litmind.Emulator.Services;

/// <summary>A point-in-time copy of one session (or token) of an emulated service.</summary>
/// <param name="Id">A short handle for the controls (<c>s1</c>, <c>s2</c>, ...); not something the service sends.</param>
/// <param name="Subject">Who logged in: the LivePerson login name, the token API user id, the Hypernative email.</param>
/// <param name="Scope">What the session is bound to: the LivePerson account id, the Hypernative organization id; null otherwise.</param>
/// <param name="IsExpired">Past <paramref name="ExpiresAt"/>, or expired through the controls.</param>
/// <param name="ExpiredStatusCode">The status an explicit expire asked for; null means the service's default.</param>
/// <param name="Secrets">What the client received, by name (<c>bearer</c>, <c>csrf</c>, <c>Session_id</c>, <c>auth_token</c>, <c>token</c>, <c>refreshToken</c>), so tests can check none of it leaks.</param>
public sealed record ServiceSessionSnapshot(
    string Id,
    string Subject,
    string? Scope,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    bool IsExpired,
    bool IsLoggedOut,
    int? ExpiredStatusCode,
    IReadOnlyDictionary<string, string> Secrets);

internal enum ServiceSessionStatus
{
    Active,
    Unknown,
    Expired,
    LoggedOut,
}

/// <summary>Outcome of looking a credential up; <see cref="Session"/> is null when it is unknown.</summary>
internal readonly record struct ServiceSessionCheck(ServiceSessionStatus Status, ServiceSessionSnapshot? Session);

/// <summary>
/// The sessions or tokens one emulated service has issued. One lock guards everything: the sets
/// are small, and lookups by any secret are a scan.
/// </summary>
internal sealed class ServiceSessionStore(TimeProvider clock)
{
    private readonly Lock _sync = new();
    private readonly List<Session> _sessions = [];
    private long _nextId;

    public ServiceSessionSnapshot Add(string subject, string? scope, TimeSpan lifetime, IReadOnlyDictionary<string, string> secrets) =>
        Add(subject, scope, clock.GetUtcNow() + lifetime, secrets);

    /// <summary>Adds a session that expires at <paramref name="expiresAt"/> (e.g. a JWT's whole-second <c>exp</c>).</summary>
    public ServiceSessionSnapshot Add(string subject, string? scope, DateTimeOffset expiresAt, IReadOnlyDictionary<string, string> secrets)
    {
        lock (_sync)
        {
            var session = new Session($"s{++_nextId}", subject, scope, clock.GetUtcNow(), new Dictionary<string, string>(secrets, StringComparer.Ordinal))
            {
                ExpiresAt = expiresAt,
            };
            _sessions.Add(session);
            return session.Snapshot(clock.GetUtcNow());
        }
    }

    /// <summary>Finds the session whose secret <paramref name="name"/> is <paramref name="value"/> and says whether it is usable.</summary>
    public ServiceSessionCheck Check(string name, string value)
    {
        lock (_sync)
        {
            // The latest wins: a token API issues the very same JWT to two logins of one user in one second.
            var session = _sessions.LastOrDefault(s => s.Secrets.TryGetValue(name, out var secret) && string.Equals(secret, value, StringComparison.Ordinal));
            if (session is null)
            {
                return new ServiceSessionCheck(ServiceSessionStatus.Unknown, null);
            }

            var now = clock.GetUtcNow();
            var snapshot = session.Snapshot(now);
            var status = session.IsLoggedOut ? ServiceSessionStatus.LoggedOut
                : snapshot.IsExpired ? ServiceSessionStatus.Expired
                : ServiceSessionStatus.Active;
            return new ServiceSessionCheck(status, snapshot);
        }
    }

    /// <summary>Pushes an active session's expiry to now + <paramref name="lifetime"/>; false when it is no longer active.</summary>
    public bool Extend(string id, TimeSpan lifetime)
    {
        lock (_sync)
        {
            var now = clock.GetUtcNow();
            if (Find(id) is not { } session || session.IsLoggedOut || session.Snapshot(now).IsExpired)
            {
                return false;
            }

            session.ExpiresAt = now + lifetime;
            return true;
        }
    }

    public void LogOut(string id)
    {
        lock (_sync)
        {
            Find(id)?.LogOut();
        }
    }

    public int ExpireAll(int? statusCode)
    {
        lock (_sync)
        {
            foreach (var session in _sessions)
            {
                session.Expire(statusCode);
            }

            return _sessions.Count;
        }
    }

    /// <summary>Expires the session with this handle, or every one holding this secret (bearer, token, cookie...); false when none does.</summary>
    public bool Expire(string idOrSecret, int? statusCode)
    {
        lock (_sync)
        {
            var sessions = _sessions.Where(s => s.Id == idOrSecret || s.Secrets.Values.Contains(idOrSecret, StringComparer.Ordinal)).ToList();
            sessions.ForEach(s => s.Expire(statusCode));
            return sessions.Count > 0;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _sessions.Clear();
            _nextId = 0;
        }
    }

    public IReadOnlyList<ServiceSessionSnapshot> Snapshot()
    {
        lock (_sync)
        {
            var now = clock.GetUtcNow();
            return [.. _sessions.Select(s => s.Snapshot(now))];
        }
    }

    private Session? Find(string id) => _sessions.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    private sealed class Session(string id, string subject, string? scope, DateTimeOffset issuedAt, IReadOnlyDictionary<string, string> secrets)
    {
        public string Id { get; } = id;

        public IReadOnlyDictionary<string, string> Secrets { get; } = secrets;

        public DateTimeOffset ExpiresAt { get; set; }

        public bool IsLoggedOut { get; private set; }

        private bool IsExpiredExplicitly { get; set; }

        private int? ExpiredStatusCode { get; set; }

        public void Expire(int? statusCode)
        {
            IsExpiredExplicitly = true;
            ExpiredStatusCode = statusCode;
        }

        public void LogOut() => IsLoggedOut = true;

        public ServiceSessionSnapshot Snapshot(DateTimeOffset now) =>
            new(Id, subject, scope, issuedAt, ExpiresAt, IsExpiredExplicitly || now >= ExpiresAt, IsLoggedOut, ExpiredStatusCode, Secrets);
    }
}
