using System.Globalization;

namespace Litmind.Emulator.Api;

/// <summary>
/// Runs in front of every <c>/api/v1</c> request, in the order a real gateway would: count and
/// record, play a fault, check the API key, then route (404/405 in the envelope) and check the
/// session headers for endpoints that need them.
/// </summary>
internal sealed class ApiGateMiddleware(RequestDelegate next, EmulatorState state, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        state.RecordApiRequest(context.Request);

        if (state.FaultInjector.Take(context.Request.Path.Value ?? "/") is { } fault
            && await FaultResponder.PlayAsync(context, fault, lifetime.ApplicationStopping))
        {
            return;
        }

        if (CheckApiKey(context.Request) is { } keyError)
        {
            await keyError.ExecuteAsync(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await ApiResult.NotFound($"No endpoint {context.Request.Method} {context.Request.Path}.").ExecuteAsync(context);
            return;
        }

        if (endpoint.Metadata.GetMetadata<RequiresSession>() is not null)
        {
            var (caller, error) = Authenticate(context.Request);
            if (error is not null)
            {
                await error.ExecuteAsync(context);
                return;
            }

            caller!.Store(context);
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A bug in a handler still answers in the envelope, so clients see a normal 500.
            await ApiResult.Error(500, ErrorCodes.ServerError, $"Internal server error: {e.Message}").ExecuteAsync(context);
            return;
        }

        // Routing answers a known path with the wrong method by an empty 405; give it the envelope.
        if (context.Response.StatusCode == 405 && !context.Response.HasStarted && context.Response.ContentType is null)
        {
            await ApiResult.Error(405, ErrorCodes.MethodNotAllowed, $"Method {context.Request.Method} is not allowed on {context.Request.Path}.")
                .ExecuteAsync(context);
        }
    }

    private ApiResult? CheckApiKey(HttpRequest request)
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

    private (ApiCaller? Caller, ApiResult? Error) Authenticate(HttpRequest request)
    {
        var sessionId = request.Headers[ApiHeaders.SessionId].ToString();
        if (sessionId.Length == 0)
        {
            return (null, ApiResult.Error(401, ErrorCodes.MissingHeader, $"Missing header {ApiHeaders.SessionId}: log in to get a session."));
        }

        var session = state.SessionStore.Check(sessionId);
        switch (session.Status)
        {
            case SessionStatus.Unknown:
                return (null, UnknownSession(state));
            case SessionStatus.Expired:
                return (null, SessionExpired(state, session.ExpiredStatusCode));
        }

        var userIdText = request.Headers[ApiHeaders.UserId].ToString();
        if (!long.TryParse(userIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            var problem = userIdText.Length == 0 ? "Missing header" : "Invalid header";
            return (null, ApiResult.Error(400, ErrorCodes.MissingHeader, $"{problem} {ApiHeaders.UserId}: pass the profile id from the login answer."));
        }

        if (!session.UserIds.Contains(userId) || DemoData.FindById(userId) is not { } account)
        {
            return (null, ApiResult.Error(403, ErrorCodes.UserNotInSession, $"User {userId} is not logged into this session."));
        }

        return (new ApiCaller(account, session.UserIds), null);
    }

    /// <summary>The answer for an expired session: the status given when it was expired, else the current default.</summary>
    public static ApiResult UnknownSession(EmulatorState state) =>
        ApiResult.Error(state.ExpiredSessionStatusCode, ErrorCodes.UnknownSession, "Session expired or invalid. Log in again.");

    public static ApiResult SessionExpired(EmulatorState state, int? expiredStatusCode) =>
        ApiResult.Error(expiredStatusCode ?? state.ExpiredSessionStatusCode, ErrorCodes.SessionExpired, "Session expired. Log in again.");
}
