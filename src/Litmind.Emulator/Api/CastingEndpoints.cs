using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Litmind.Emulator.Data;
using Microsoft.AspNetCore.Http.Extensions;

namespace Litmind.Emulator.Api;

/// <summary>
/// Castings and their candidates. Production companies see the castings they own, create and
/// archive them; agencies and models see the castings they (or their models) are candidates in.
/// Agencies propose their models; the owning production company shortlists them. One casting
/// answers with an <c>ETag</c> and honours <c>If-None-Match</c>; a created one with 201 and <c>Location</c>.
/// </summary>
internal static class CastingEndpoints
{
    private const int DefaultPageSize = 20;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/castings", List);
        api.MapPost("/castings", CreateAsync);
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

    /// <summary>One casting with <c>ETag: "&lt;hash of the casting&gt;"</c>; 304 without a body when <c>If-None-Match</c> names it.</summary>
    private static ApiResult Get(long id, ApiCaller caller, EmulatorState state, HttpRequest request)
    {
        if (state.World.FindCasting(caller.Account, id) is not { } casting)
        {
            return CastingNotFound(id);
        }

        var json = ApiJson.Casting(casting, detailed: true);
        var etag = ETagOf(json.ToJsonString());
        return Matches(request.Headers.IfNoneMatch.ToString(), etag)
            ? ApiResult.Empty(304).WithHeader("ETag", etag)
            : ApiResult.Ok(json).WithHeader("ETag", etag);
    }

    /// <summary>
    /// A production company creates an open casting: <c>title</c> (required), <c>location</c>,
    /// <c>shootDate</c> (yyyy-MM-dd) and <c>description</c> (optional), as form or JSON. 201 with the
    /// casting and <c>Location</c>, its absolute URL.
    /// </summary>
    private static async Task<ApiResult> CreateAsync(ApiCaller caller, EmulatorState state, HttpRequest request)
    {
        if (!caller.IsProductionCompany)
        {
            return ApiResult.Forbidden("Only production companies can create castings.");
        }

        var (fields, bodyError) = await BodyReader.ReadFieldsAsync(request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (BodyReader.RequireFields(fields!, "title") is { } missing)
        {
            return missing;
        }

        if (string.IsNullOrWhiteSpace(fields!["title"]))
        {
            return ApiResult.Error(400, ErrorCodes.MissingField, "Missing field 'title'.");
        }

        DateOnly? shootDate = null;
        if (fields!.TryGetValue("shootDate", out var dateText) && dateText.Length > 0)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return ApiResult.InvalidArgument($"shootDate must be a date as yyyy-MM-dd, not '{dateText}'.");
            }

            shootDate = date;
        }

        var casting = state.World.CreateCasting(caller.Account, fields["title"].Trim(), fields.GetValueOrDefault("location"), shootDate, fields.GetValueOrDefault("description"));
        var location = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, $"{ApiPaths.Prefix}/castings/{casting.Casting.Id}");
        return ApiResult.Ok(ApiJson.Casting(casting, detailed: true), 201).WithHeader("Location", location);
    }

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

    /// <summary>A strong entity tag: the first 16 bytes of the SHA-256 of the casting's JSON, quoted, so it changes exactly when the casting does.</summary>
    private static string ETagOf(string json) => "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)).AsSpan(0, 16)) + "\"";

    /// <summary>Whether an <c>If-None-Match</c> value (a list, <c>*</c>, weak tags included, as RFC 9110 compares them for GET) names <paramref name="etag"/>.</summary>
    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag);

    private static ApiResult CastingNotFound(long id) => ApiResult.NotFound($"Casting {id} not found.");

    private static ApiResult CastingClosed(long id) => ApiResult.Error(409, ErrorCodes.Conflict, $"Casting {id} is closed.");
}
