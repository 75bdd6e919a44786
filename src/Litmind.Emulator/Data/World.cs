namespace Litmind.Emulator.Data;

/// <summary>
/// The mutable side of the demo data: notifications (read flags, deletions), castings (created,
/// archived) and their candidates, plus the rules of who sees what. One lock guards it;
/// <see cref="Reset"/> goes back to the seed.
/// </summary>
internal sealed class World
{
    /// <summary>Ids of castings created through the API start here, after the seeded 501 to 505.</summary>
    public const long FirstCreatedCastingId = 506;

    private readonly Lock _sync = new();
    private Dictionary<long, Notification> _notifications = [];
    private Dictionary<long, List<Candidate>> _candidates = [];
    private SortedDictionary<long, Casting> _castings = [];

    public World() => Reset();

    public void Reset()
    {
        lock (_sync)
        {
            _notifications = Catalog.SeedNotifications().ToDictionary(n => n.Id);
            _candidates = Catalog.SeedCandidates();
            _castings = new SortedDictionary<long, Casting>(Catalog.Castings.ToDictionary(c => c.Id));
        }
    }

    public IReadOnlyList<Notification> NotificationsFor(long userId)
    {
        lock (_sync)
        {
            return _notifications.Values.Where(n => n.UserId == userId).OrderBy(n => n.Id).ToList();
        }
    }

    /// <summary>Marks a notification of <paramref name="userId"/> read; null when the user has no such notification.</summary>
    public Notification? MarkRead(long userId, long notificationId)
    {
        lock (_sync)
        {
            if (!_notifications.TryGetValue(notificationId, out var notification) || notification.UserId != userId)
            {
                return null;
            }

            return _notifications[notificationId] = notification with { IsRead = true };
        }
    }

    /// <summary>Deletes a notification of <paramref name="userId"/>; false when the user has no such notification.</summary>
    public bool DeleteNotification(long userId, long notificationId)
    {
        lock (_sync)
        {
            return _notifications.TryGetValue(notificationId, out var notification) && notification.UserId == userId && _notifications.Remove(notificationId);
        }
    }

    public IReadOnlyList<CastingView> VisibleCastings(DemoAccount viewer)
    {
        lock (_sync)
        {
            return _castings.Values.Where(c => CanSee(viewer, c)).Select(View).ToList();
        }
    }

    /// <summary>A production company creates an open casting it owns; its id is the next free one from <see cref="FirstCreatedCastingId"/>.</summary>
    public CastingView CreateCasting(DemoAccount owner, string title, string? location, DateOnly? shootDate, string? description)
    {
        lock (_sync)
        {
            var id = Math.Max(FirstCreatedCastingId, _castings.Keys.Max() + 1);
            var casting = new Casting(id, owner.Id, title, Casting.Open, location, shootDate, description);
            _castings[id] = casting;
            _candidates[id] = [];
            return View(casting);
        }
    }

    /// <summary>The owner archives a casting (status <c>Archived</c>, closed to proposals); archiving twice changes nothing.</summary>
    public ChangeOutcome Archive(DemoAccount viewer, long castingId)
    {
        lock (_sync)
        {
            if (!_castings.TryGetValue(castingId, out var casting) || !CanSee(viewer, casting))
            {
                return ChangeOutcome.CastingNotFound;
            }

            if (casting.OwnerId != viewer.Id)
            {
                return ChangeOutcome.NotYourCasting;
            }

            _castings[castingId] = casting with { Status = Casting.Archived };
            return ChangeOutcome.Done;
        }
    }

    /// <summary>The casting, or null when it does not exist or the viewer may not see it (no leak either way).</summary>
    public CastingView? FindCasting(DemoAccount viewer, long castingId)
    {
        lock (_sync)
        {
            return _castings.GetValueOrDefault(castingId) is { } casting && CanSee(viewer, casting) ? View(casting) : null;
        }
    }

    /// <summary>The candidates the viewer may see, or null when the casting is not visible to them.</summary>
    public IReadOnlyList<CandidateView>? Candidates(DemoAccount viewer, long castingId)
    {
        lock (_sync)
        {
            if (_castings.GetValueOrDefault(castingId) is not { } casting || !CanSee(viewer, casting))
            {
                return null;
            }

            var all = viewer.Id == casting.OwnerId;
            return _candidates[casting.Id]
                .Where(c => all || Concerns(viewer, c))
                .Select(ToView)
                .ToList();
        }
    }

    /// <summary>An agency proposes one of its models. Proposing a model twice returns the existing candidate.</summary>
    public (ChangeOutcome Outcome, CandidateView? Candidate) Propose(DemoAccount agency, long castingId, long modelId)
    {
        lock (_sync)
        {
            if (_castings.GetValueOrDefault(castingId) is not { } casting)
            {
                return (ChangeOutcome.CastingNotFound, null);
            }

            if (Catalog.FindModel(modelId) is not { } model)
            {
                return (ChangeOutcome.ModelNotFound, null);
            }

            if (model.AgencyId != agency.Id)
            {
                return (ChangeOutcome.NotYourModel, null);
            }

            var candidates = _candidates[casting.Id];
            if (candidates.FirstOrDefault(c => c.ModelId == modelId) is { } existing)
            {
                // Idempotent, so a client that retries a timed-out proposal gets the same answer.
                return (ChangeOutcome.Done, ToView(existing));
            }

            if (!casting.IsOpen)
            {
                return (ChangeOutcome.CastingClosed, null);
            }

            var candidate = new Candidate(modelId, Candidate.Proposed);
            candidates.Add(candidate);
            return (ChangeOutcome.Done, ToView(candidate));
        }
    }

    /// <summary>The owning production company shortlists a candidate.</summary>
    public (ChangeOutcome Outcome, CandidateView? Candidate) Shortlist(DemoAccount owner, long castingId, long modelId)
    {
        lock (_sync)
        {
            if (_castings.GetValueOrDefault(castingId) is not { } casting || casting.OwnerId != owner.Id)
            {
                return (ChangeOutcome.CastingNotFound, null);
            }

            var candidates = _candidates[casting.Id];
            var index = candidates.FindIndex(c => c.ModelId == modelId);
            if (index < 0)
            {
                return (ChangeOutcome.NotACandidate, null);
            }

            if (!casting.IsOpen)
            {
                return (ChangeOutcome.CastingClosed, null);
            }

            var shortlisted = candidates[index] with { Status = Candidate.Shortlisted };
            candidates[index] = shortlisted;
            return (ChangeOutcome.Done, ToView(shortlisted));
        }
    }

    private static CandidateView ToView(Candidate candidate) =>
        new(candidate.ModelId, Catalog.FindModel(candidate.ModelId)?.Username ?? $"model-{candidate.ModelId}", candidate.Status);

    /// <summary>Whether a candidate is the viewer or one of the viewer's models.</summary>
    private static bool Concerns(DemoAccount viewer, Candidate candidate) =>
        candidate.ModelId == viewer.Id || Catalog.FindModel(candidate.ModelId)?.AgencyId == viewer.Id;

    /// <summary>Owners see their castings; agencies and models see castings they (or their models) are candidates in.</summary>
    private bool CanSee(DemoAccount viewer, Casting casting) =>
        casting.OwnerId == viewer.Id || _candidates[casting.Id].Any(c => Concerns(viewer, c));

    private CastingView View(Casting casting) => new(casting, _candidates[casting.Id].Count);
}
