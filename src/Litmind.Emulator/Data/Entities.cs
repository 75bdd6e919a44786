namespace Litmind.Emulator.Data;

/// <summary>A model profile as the catalogue lists it.</summary>
internal sealed record ModelProfile(long Id, string Username, string City, int HeightCm, long? AgencyId);

internal sealed record Casting(
    long Id,
    long OwnerId,
    string Title,
    string Status,
    string? Location,
    DateOnly? ShootDate,
    string? Description)
{
    public const string Open = "Open";
    public const string Closed = "Closed";

    /// <summary>Set by <c>POST /castings/{id}/archive</c>: still visible, closed to proposals.</summary>
    public const string Archived = "Archived";

    public bool IsOpen => Status == Open;
}

/// <summary>A model's place in a casting.</summary>
internal sealed record Candidate(long ModelId, string Status)
{
    public const string Proposed = "Proposed";
    public const string Shortlisted = "Shortlisted";
}

internal sealed record Notification(long Id, long UserId, string Type, string Text, string CreatedAt, bool IsRead);

/// <summary>A casting with its current candidate count (which changes as models are proposed).</summary>
internal sealed record CastingView(Casting Casting, int CandidateCount);

internal sealed record CandidateView(long ModelId, string Username, string Status);

internal enum ChangeOutcome
{
    Done,
    CastingNotFound,
    CastingClosed,
    ModelNotFound,
    NotYourModel,
    NotACandidate,
    NotYourCasting,
}
