using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;

namespace Litmind.Emulator.Controls;

/// <summary>
/// <c>/_emulator/*</c>: the <see cref="EmulatorState"/> controls over HTTP, for manual use and for
/// tests that do not run in-process. No API key, not counted as API requests.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    // Unknown fields are an error: a typo such as "statuscode" would otherwise queue a fault that does nothing.
    private static readonly JsonSerializerOptions FaultJsonOptions = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var controls = app.MapGroup(Prefix);
        controls.MapGet("/counters", Counters);
        controls.MapPost("/reset", Reset);
        controls.MapPost("/expire", Expire);
        controls.MapPost("/faults", AddFaultAsync);
        controls.MapDelete("/faults", ClearFaults);
        controls.MapGet("/sessions", Sessions);
        controls.MapGet("/requests", Requests);
    }

    private static ApiResult Counters(EmulatorState state) => ApiResult.Raw(CountersJson(state));

    private static ApiResult Reset(EmulatorState state)
    {
        state.Reset();
        return ApiResult.Raw(new JsonObject { ["reset"] = true });
    }

    /// <summary><c>POST /_emulator/expire[?sessionId=..][&amp;status=..]</c>: one session, or all of them.</summary>
    private static ApiResult Expire(EmulatorState state, string? sessionId, string? status)
    {
        int? statusCode = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || !StatusCodeRange.Contains(parsed))
            {
                return ApiResult.InvalidArgument($"status must be an HTTP status code, not '{status}'.");
            }

            statusCode = parsed;
        }

        if (string.IsNullOrEmpty(sessionId))
        {
            return ApiResult.Raw(new JsonObject { ["expired"] = state.ExpireAll(statusCode) });
        }

        return state.TryExpireSession(sessionId, statusCode)
            ? ApiResult.Raw(new JsonObject { ["expired"] = 1 })
            : ApiResult.NotFound($"Session {sessionId} not found.");
    }

    /// <summary>
    /// <c>POST /_emulator/faults</c> with a JSON <see cref="Fault"/> (camelCase fields) queues it;
    /// with <c>?rate=0.2</c> it becomes the random-fault template instead.
    /// </summary>
    private static async Task<ApiResult> AddFaultAsync(HttpRequest request, EmulatorState state, string? rate)
    {
        Fault? fault;
        try
        {
            fault = await JsonSerializer.DeserializeAsync<Fault>(request.Body, FaultJsonOptions, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return ApiResult.Error(400, ErrorCodes.MalformedBody, $"The body must be a JSON fault: {e.Message}");
        }

        if (fault is null)
        {
            return ApiResult.Error(400, ErrorCodes.MalformedBody, "The body must be a JSON fault object.");
        }

        try
        {
            if (string.IsNullOrEmpty(rate))
            {
                state.EnqueueFault(fault);
            }
            else if (double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
            {
                state.SetFaultRate(fraction, fault);
            }
            else
            {
                return ApiResult.InvalidArgument($"rate must be a number between 0 and 1, not '{rate}'.");
            }
        }
        catch (ArgumentException e)
        {
            return ApiResult.InvalidArgument(e.Message);
        }

        return ApiResult.Raw(FaultsJson(state));
    }

    private static ApiResult ClearFaults(EmulatorState state)
    {
        state.ClearFaults();
        return ApiResult.Raw(FaultsJson(state));
    }

    private static ApiResult Sessions(EmulatorState state) =>
        ApiResult.Raw(new JsonArray([.. state.Sessions.Select(s => new JsonObject
        {
            ["sessionId"] = s.SessionId,
            ["userIds"] = new JsonArray([.. s.UserIds.Select(id => JsonValue.Create(id))]),
            ["createdAt"] = s.CreatedAt,
            ["isExpired"] = s.IsExpired,
            ["expiredStatusCode"] = s.ExpiredStatusCode,
        })]));

    private static ApiResult Requests(EmulatorState state) =>
        ApiResult.Raw(new JsonArray([.. state.RecentRequests.Select(r => new JsonObject
        {
            ["method"] = r.Method,
            ["pathAndQuery"] = r.PathAndQuery,
            ["time"] = r.Time,
            ["headers"] = new JsonObject(r.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
        })]));

    private static JsonObject CountersJson(EmulatorState state) => new()
    {
        ["logins"] = state.Logins,
        ["loginAttempts"] = state.LoginAttempts,
        ["requests"] = state.Requests,
        ["connections"] = state.Connections,
        ["requestsWithApiKey"] = state.RequestsWithApiKey,
        ["requestsWithSessionId"] = state.RequestsWithSessionId,
        ["pendingFaults"] = state.PendingFaults,
        ["paths"] = new JsonObject(state.PathCounts().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
    };

    private static JsonObject FaultsJson(EmulatorState state) => new()
    {
        ["pendingFaults"] = state.PendingFaults,
        ["faultRate"] = state.FaultInjector.Rate,
    };
}
