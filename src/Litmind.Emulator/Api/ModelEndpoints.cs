using System.Text.Json.Nodes;
using Litmind.Emulator.Data;

namespace Litmind.Emulator.Api;

/// <summary>The model catalogue, the featured models and an agency's own models.</summary>
internal static class ModelEndpoints
{
    private const int DefaultPageSize = 50;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/models", List);
        api.MapGet("/models/featured", Featured);
        api.MapGet("/models/{id:long}", Get);
        api.MapGet("/agency/models", AgencyModels);
    }

    private static ApiResult List(string? page, string? pageSize) =>
        PageOf(Catalog.Models, page, pageSize);

    /// <summary>Deliberately without envelope: a top-level JSON array, so clients must cope with both shapes.</summary>
    private static ApiResult Featured() =>
        ApiResult.Raw(new JsonArray([.. Catalog.Featured.Select(ApiJson.Model)]));

    private static ApiResult Get(long id) =>
        Catalog.FindModel(id) is { } model
            ? ApiResult.Ok(ApiJson.Model(model))
            : ApiResult.NotFound($"Model {id} not found.");

    private static ApiResult AgencyModels(ApiCaller caller, string? page, string? pageSize) =>
        caller.IsAgency
            ? PageOf(Catalog.ModelsOfAgency(caller.Account.Id), page, pageSize)
            : ApiResult.Forbidden("Only model agencies have models.");

    private static ApiResult PageOf(IReadOnlyList<ModelProfile> models, string? page, string? pageSize) =>
        Paging.TryParse(page, pageSize, DefaultPageSize, out var paging, out var error)
            ? ApiResult.Ok(ApiJson.Page("ModelList", paging, models, ApiJson.Model))
            : error!;
}
