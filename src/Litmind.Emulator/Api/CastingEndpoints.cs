using System.Globalization;
using Litmind.Emulator.Data;

namespace Litmind.Emulator.Api;

/// <summary>
/// Castings and their candidates. Production companies see the castings they own; agencies and
/// models see the castings they (or their models) are candidates in. Agencies propose their
/// models; the owning production company shortlists them.
/// </summary>
internal static class CastingEndpoints
{
    private const int DefaultPageSize = 20;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/castings", List);
        api.MapGet("/castings/{id:long}", Get);
        api.MapGet("/castings/{id:long}/candidates", Candidates);
        api.MapPost("/castings/{id:long}/candidates", ProposeAsync);
        api.MapPost("/castings/{id:long}/candidates/{modelId:long}/shortlist", Shortlist);
        api.MapPost("/castings/{id:long}/archive", Archive);
    }

    private static ApiResult List(ApiCaller caller, EmulatorState state, string? page, string? pageSize)
    {
        if (!Paging.TryParse(page, pageSize, DefaultPageSize, out var paging, out var error))
        {
            return error!;
        }

        var castings = state.World.VisibleCastings(caller.Account);
        return ApiResult.Ok(ApiJson.Page("CastingList", paging, castings, c => ApiJson.Casting(c, detailed: false)));
    }

    private static ApiResult Get(long id, ApiCaller caller, EmulatorState state) =>
        state.World.FindCasting(caller.Account, id) is { } casting
            ? ApiResult.Ok(ApiJson.Casting(casting, detailed: true))
            : CastingNotFound(id);

    private static ApiResult Candidates(long id, ApiCaller caller, EmulatorState state) =>
        state.World.Candidates(caller.Account, id) is { } candidates
            ? ApiResult.Ok(ApiJson.List("CandidateList", candidates.Select(ApiJson.Candidate)))
            : CastingNotFound(id);

    private static async Task<ApiResult> ProposeAsync(long id, ApiCaller caller, EmulatorState state, HttpRequest request)
    {
        if (!caller.IsAgency)
        {
            return ApiResult.Forbidden("Only model agencies can propose models.");
        }

        var (fields, bodyError) = await BodyReader.ReadFieldsAsync(request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (BodyReader.RequireFields(fields!, "modelId") is { } missing)
        {
            return missing;
        }

        if (!long.TryParse(fields!["modelId"], NumberStyles.None, CultureInfo.InvariantCulture, out var modelId))
        {
            return ApiResult.InvalidArgument($"modelId must be a model id, not '{fields["modelId"]}'.");
        }

        var (outcome, candidate) = state.World.Propose(caller.Account, id, modelId);
        return outcome switch
        {
            ChangeOutcome.Done => ApiResult.Ok(ApiJson.Candidate(candidate!)),
            ChangeOutcome.CastingNotFound => CastingNotFound(id),
            ChangeOutcome.CastingClosed => CastingClosed(id),
            ChangeOutcome.ModelNotFound => ApiResult.NotFound($"Model {modelId} not found."),
            _ => ApiResult.Forbidden($"Model {modelId} is not represented by your agency."),
        };
    }

    private static ApiResult Shortlist(long id, long modelId, ApiCaller caller, EmulatorState state)
    {
        if (!caller.IsProductionCompany)
        {
            return ApiResult.Forbidden("Only production companies can shortlist candidates.");
        }

        var (outcome, candidate) = state.World.Shortlist(caller.Account, id, modelId);
        return outcome switch
        {
            ChangeOutcome.Done => ApiResult.Ok(ApiJson.Candidate(candidate!)),
            ChangeOutcome.CastingClosed => CastingClosed(id),
            ChangeOutcome.NotACandidate => ApiResult.NotFound($"Model {modelId} is not a candidate in casting {id}."),
            _ => CastingNotFound(id),
        };
    }

    /// <summary>The owner archives a casting: 204 without a body. Visible to a non-owner: 403; not visible: 404.</summary>
    private static ApiResult Archive(long id, ApiCaller caller, EmulatorState state) => state.World.Archive(caller.Account, id) switch
    {
        ChangeOutcome.Done => ApiResult.Empty(204),
        ChangeOutcome.NotYourCasting => ApiResult.Forbidden($"Only the owner can archive casting {id}."),
        _ => CastingNotFound(id),
    };

    private static ApiResult CastingNotFound(long id) => ApiResult.NotFound($"Casting {id} not found.");

    private static ApiResult CastingClosed(long id) => ApiResult.Error(409, ErrorCodes.Conflict, $"Casting {id} is closed.");
}
