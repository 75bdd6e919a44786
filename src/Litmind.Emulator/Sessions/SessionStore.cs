using Litmind.Emulator.Services;

namespace Litmind.Emulator;

/// <summary>A point-in-time copy of one session, for assertions and the debugging endpoint.</summary>
/// <param name="UserIds">Accounts logged into the session, in login order.</param>
/// <param name="ExpiredStatusCode">The status an explicit expire asked for; null means the current default.</param>
public sealed record SessionSnapshot(
    string SessionId,
    IReadOnlyList<long> UserIds,
    DateTimeOffset CreatedAt,
    bool IsExpired,
    int? ExpiredStatusCode);

internal enum SessionStatus
{
    Active,
    Unknown,
    Expired,
}

/// <summary>Outcome of looking up (or joining) a session.</summary>
/// <param name="UserIds">A copy of the logged-in users when the session is active; empty otherwise.</param>
internal readonly record struct SessionCheck(SessionStatus Status, IReadOnlyList<long> UserIds, int? ExpiredStatusCode);

/// <summary>
/// The emulator's sessions. One lock guards everything: the sets are tiny and a single lock
/// keeps "check expired, then add user" atomic without any cleverness.
/// </summary>
internal sealed class SessionStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Creates a session holding one user and returns its id (64 lowercase hex chars, like Litmind's).</summary>
    public string Create(long userId)
    {
        lock (_sync)
        {
            string id;
            do
            {
                id = RandomText.Hex(32);
            }
            while (_sessions.ContainsKey(id));

            _sessions[id] = new Session(id, DateTimeOffset.UtcNow) { UserIds = { userId } };
            return id;
        }
    }

    public SessionCheck Check(string sessionId)
    {
        lock (_sync)
        {
            return CheckLocked(sessionId);
        }
    }

    /// <summary>Adds a user to an active session (a second login on the same session); no-op if already there.</summary>
    public SessionCheck AddUser(string sessionId, long userId)
    {
        lock (_sync)
        {
            if (_sessions.TryGetValue(sessionId, out var session) && !session.IsExpired && !session.UserIds.Contains(userId))
            {
                session.UserIds.Add(userId);
            }

            return CheckLocked(sessionId);
        }
    }

    public int ExpireAll(int? statusCode)
    {
        lock (_sync)
        {
            foreach (var session in _sessions.Values)
            {
                session.Expire(statusCode);
            }

            return _sessions.Count;
        }
    }

    public bool Expire(string sessionId, int? statusCode)
    {
        lock (_sync)
        {
            if (!_sessions.TryGetValue(sessionId, out var session))
            {
                return false;
            }

            session.Expire(statusCode);
            return true;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _sessions.Clear();
        }
    }

    public IReadOnlyList<SessionSnapshot> Snapshot()
    {
        lock (_sync)
        {
            return _sessions.Values
                .OrderBy(s => s.CreatedAt)
                .Select(s => new SessionSnapshot(s.Id, [.. s.UserIds], s.CreatedAt, s.IsExpired, s.ExpiredStatusCode))
                .ToList();
        }
    }

    private SessionCheck CheckLocked(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return new SessionCheck(SessionStatus.Unknown, [], null);
        }

        return session.IsExpired
            ? new SessionCheck(SessionStatus.Expired, [], session.ExpiredStatusCode)
            : new SessionCheck(SessionStatus.Active, [.. session.UserIds], null);
    }

    private sealed class Session(string id, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public List<long> UserIds { get; } = [];

        public bool IsExpired { get; private set; }

        public int? ExpiredStatusCode { get; private set; }

        public void Expire(int? statusCode)
        {
            IsExpired = true;
            ExpiredStatusCode = statusCode;
        }
    }
}
