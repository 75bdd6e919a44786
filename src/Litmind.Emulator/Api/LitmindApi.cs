using System.Globalization;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.Api;

/// <summary>
/// The Litmind API under <c>/api/v1</c>: every request needs the API key (<c>X-Key</c>); every
/// endpoint but login needs a session (<c>X-SessionId</c>) and one of its users (<c>X-UserId</c>).
/// </summary>
internal sealed class LitmindApi(EmulatorState state) : EmulatedService
{
    public override PathString Root { get; } = new(ApiPaths.Prefix);

    public override FaultInjector Faults => state.FaultInjector;

    public override void Record(HttpRequest request) => state.RecordApiRequest(request);

    public override void StampResponse(HttpContext context) => state.RateLimit.Stamp(context);

    public override ApiResult Error(int statusCode, string errorCode, string description) =>
        ApiResult.Error(statusCode, errorCode, description);

    public override void Map(IEndpointRouteBuilder app)
    {
        LoginEndpoints.Map(app);
        var api = app.MapGroup(ApiPaths.Prefix).WithMetadata(RequiresSession.Instance);
        SessionEndpoints.Map(api);
        NotificationEndpoints.Map(api);
        CastingEndpoints.Map(api);
        ModelEndpoints.Map(api);
        SyntheticListEndpoints.Map(api);
        PagingStyleEndpoints.Map(api);
        EchoEndpoints.Map(api);
        DateEndpoints.Map(api);
    }

    public override ApiResult? CheckBeforeRouting(HttpRequest request)
    {
        var key = request.Headers[ApiHeaders.ApiKey].ToString();
        if (key.Length == 0)
        {
            return ApiResult.Error(401, ErrorCodes.MissingHeader, $"Missing header {ApiHeaders.ApiKey}: pass your API key.");
        }

        return string.Equals(key, state.ApiKey, StringComparison.Ordinal)
            ? null
            : ApiResult.Error(401, ErrorCodes.InvalidApiKey, "Invalid API key.");
    }

    public override ApiResult? Authenticate(HttpContext context)
    {
        var request = context.Request;
        var sessionId = request.Headers[ApiHeaders.SessionId].ToString();
        if (sessionId.Length == 0)
        {
            return ApiResult.Error(401, ErrorCodes.MissingHeader, $"Missing header {ApiHeaders.SessionId}: log in to get a session.");
        }

        var session = state.SessionStore.Check(sessionId);
        switch (session.Status)
        {
            case SessionStatus.Unknown:
                return UnknownSession(state);
            case SessionStatus.Expired:
                return SessionExpired(state, session.ExpiredStatusCode);
        }

        var userIdText = request.Headers[ApiHeaders.UserId].ToString();
        if (!long.TryParse(userIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            var problem = userIdText.Length == 0 ? "Missing header" : "Invalid header";
            return ApiResult.Error(400, ErrorCodes.MissingHeader, $"{problem} {ApiHeaders.UserId}: pass the profile id from the login answer.");
        }

        if (!session.UserIds.Contains(userId) || DemoData.FindById(userId) is not { } account)
        {
            return ApiResult.Error(403, ErrorCodes.UserNotInSession, $"User {userId} is not logged into this session.");
        }

        new ApiCaller(account, session.UserIds).Store(context);
        return null;
    }

    /// <summary>The answer for an unknown session: the current default status.</summary>
    public static ApiResult UnknownSession(EmulatorState state) =>
        state.ExpiryIsExplained
            ? ApiResult.Error(state.ExpiredSessionStatusCode, ErrorCodes.UnknownSession, "Session expired or invalid. Log in again.")
            : Unexplained(state.ExpiredSessionStatusCode);

    /// <summary>The answer for an expired session: the status given when it was expired, else the current default.</summary>
    public static ApiResult SessionExpired(EmulatorState state, int? expiredStatusCode) =>
        state.ExpiryIsExplained
            ? ApiResult.Error(expiredStatusCode ?? state.ExpiredSessionStatusCode, ErrorCodes.SessionExpired, "Session expired. Log in again.")
            : Unexplained(expiredStatusCode ?? state.ExpiredSessionStatusCode);

    /// <summary>A refusal that does not say why, as a server written from the seed's "a 40x HTTP error" answers expiry.</summary>
    private static ApiResult Unexplained(int status) => status switch
    {
        403 => ApiResult.Error(403, ErrorCodes.Forbidden, "Forbidden."),
        404 => ApiResult.Error(404, ErrorCodes.NotFound, "Not found."),
        _ => ApiResult.Error(status, $"Http{status}", "Request refused."),
    };
}
