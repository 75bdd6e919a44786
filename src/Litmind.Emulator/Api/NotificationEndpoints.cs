using System.Text.Json.Nodes;

namespace Litmind.Emulator.Api;

/// <summary>The caller's notifications: list them, mark one read, delete one.</summary>
internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/account/status/notifications", List);
        api.MapPost("/account/status/notifications/{id:long}/read", MarkRead);
        api.MapDelete("/account/status/notifications/{id:long}", Delete);
    }

    private static ApiResult List(ApiCaller caller, EmulatorState state)
    {
        var notifications = state.World.NotificationsFor(caller.Account.Id);
        return ApiResult.Ok(new JsonObject
        {
            ["entity"] = "Notifications",
            ["unreadCount"] = notifications.Count(n => !n.IsRead),
            ["items"] = new JsonArray([.. notifications.Select(ApiJson.Notification)]),
        });
    }

    /// <summary>200 with an empty body and no Content-Type: a write that has nothing to say, which clients must not try to parse.</summary>
    private static ApiResult Delete(long id, ApiCaller caller, EmulatorState state) =>
        state.World.DeleteNotification(caller.Account.Id, id)
            ? ApiResult.Empty(200)
            : ApiResult.NotFound($"Notification {id} not found.");

    private static ApiResult MarkRead(long id, ApiCaller caller, EmulatorState state) =>
        state.World.MarkRead(caller.Account.Id, id) is { } notification
            ? ApiResult.Ok(ApiJson.Notification(notification))
            : ApiResult.NotFound($"Notification {id} not found.");
}
