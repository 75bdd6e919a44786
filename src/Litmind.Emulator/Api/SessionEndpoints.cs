namespace Litmind.Emulator.Api;

/// <summary><c>GET /api/v1/session/list</c>: the accounts logged into the caller's session, in login order.</summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/session/list", List);

    private static ApiResult List(ApiCaller caller)
    {
        var accounts = caller.SessionUserIds
            .Select(DemoData.FindById)
            .OfType<DemoAccount>()
            .Select(account => ApiJson.Profile(account, withEntity: true));
        return ApiResult.Ok(ApiJson.List("SessionList", accounts, itemsProperty: "accounts"));
    }
}
