using System.Text.Json.Nodes;

namespace Litmind.Emulator.Api;

/// <summary>
/// <c>GET /api/v1/_emulator/dates</c> (emulator only): ISO 8601 strings in the forms real APIs send
/// (UTC with Z, an offset with milliseconds, a bare date) beside strings that only look like dates,
/// so a client's date conversion can be tested on what it should and should not convert.
/// </summary>
internal static class DateEndpoints
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/_emulator/dates", Dates);

    private static ApiResult Dates() => ApiResult.Ok(new JsonObject
    {
        ["entity"] = "Dates",
        ["createdAt"] = "2026-11-01T09:00:00Z",
        ["updatedAt"] = "2026-11-01T09:00:00.123+02:00",
        ["day"] = "2026-11-01",
        ["notADate"] = "2026-13-45",
        ["text"] = "Meeting at 2026-11-01T09:00:00Z",
    });
}
