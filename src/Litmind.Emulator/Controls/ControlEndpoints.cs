using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.Controls;

/// <summary>
/// <c>/_emulator/*</c>: the <see cref="EmulatorState"/> controls over HTTP, for manual use and for
/// tests that do not run in-process. No API key, not counted as API requests. Litmind's are at the
/// top; each other service has the same set under <c>/_emulator/{service}/</c>, plus <c>lifetime</c>.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    // Unknown fields are an error: a typo such as "statuscode" would otherwise queue a fault that does nothing.
    private static readonly JsonSerializerOptions FaultJsonOptions = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var controls = app.MapGroup(Prefix);
        controls.MapGet("/counters", Counters);
        controls.MapPost("/reset", Reset);
        controls.MapPost("/expire", Expire);
        controls.MapPost("/faults", AddFaultAsync);
        controls.MapDelete("/faults", ClearFaults);
        controls.MapGet("/sessions", Sessions);
        controls.MapGet("/requests", Requests);

        foreach (var service in state.OtherServices)
        {
            MapService(controls.MapGroup("/" + service.ControlName), service);
        }
    }

    private static void MapService(RouteGroupBuilder controls, ServiceState service)
    {
        controls.MapGet("/counters", () => ApiResult.Raw(ServiceCountersJson(service)));
        controls.MapPost("/reset", () =>
        {
            service.Reset();
            return ApiResult.Raw(new JsonObject { ["reset"] = true });
        });
        controls.MapPost("/expire", (string? sessionId, string? status) => ExpireSessions(
            status,
            statusCode => service.ExpireAllSessions(statusCode),
            statusCode => service.ExpireSession(sessionId!, statusCode),
            sessionId));
        controls.MapPost("/faults", (HttpRequest request, string? rate) => ApplyFaultAsync(request, service.EnqueueFault, service.SetFaultRate, () => FaultsJson(service.FaultInjector), rate));
        controls.MapDelete("/faults", () =>
        {
            service.ClearFaults();
            return ApiResult.Raw(FaultsJson(service.FaultInjector));
        });
        controls.MapPost("/lifetime", (string? seconds) => SetLifetime(service, seconds));
        controls.MapGet("/sessions", () => ApiResult.Raw(new JsonArray([.. service.Sessions.Select(s => new JsonObject
        {
            ["id"] = s.Id,
            ["subject"] = s.Subject,
            ["scope"] = s.Scope,
            ["issuedAt"] = s.IssuedAt,
            ["expiresAt"] = s.ExpiresAt,
            ["isExpired"] = s.IsExpired,
            ["isLoggedOut"] = s.IsLoggedOut,
            ["expiredStatusCode"] = s.ExpiredStatusCode,
            ["secrets"] = new JsonObject(s.Secrets.Select(x => KeyValuePair.Create(x.Key, (JsonNode?)x.Value))),
        })])));
        controls.MapGet("/requests", () => RequestsJson(service.RecentRequests));
    }

    private static ApiResult Counters(EmulatorState state) => ApiResult.Raw(CountersJson(state));

    private static ApiResult Reset(EmulatorState state)
    {
        state.Reset();
        return ApiResult.Raw(new JsonObject { ["reset"] = true });
    }

    /// <summary><c>POST /_emulator/expire[?sessionId=..][&amp;status=..]</c>: one session, or all of them.</summary>
    private static ApiResult Expire(EmulatorState state, string? sessionId, string? status) => ExpireSessions(
        status,
        statusCode => state.ExpireAll(statusCode),
        statusCode => state.TryExpireSession(sessionId!, statusCode),
        sessionId);

    /// <summary>Parses <c>status</c>, then expires all sessions (no <paramref name="sessionId"/>) or the one named.</summary>
    private static ApiResult ExpireSessions(string? status, Func<int?, int> expireAll, Func<int?, bool> expireOne, string? sessionId)
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
            return ApiResult.Raw(new JsonObject { ["expired"] = expireAll(statusCode) });
        }

        return expireOne(statusCode)
            ? ApiResult.Raw(new JsonObject { ["expired"] = 1 })
            : ApiResult.NotFound($"Session {sessionId} not found.");
    }

    /// <summary>
    /// <c>POST /_emulator/faults</c> with a JSON <see cref="Fault"/> (camelCase fields) queues it;
    /// with <c>?rate=0.2</c> it becomes the random-fault template instead.
    /// </summary>
    private static Task<ApiResult> AddFaultAsync(HttpRequest request, EmulatorState state, string? rate) =>
        ApplyFaultAsync(request, state.EnqueueFault, state.SetFaultRate, () => FaultsJson(state.FaultInjector), rate);

    private static async Task<ApiResult> ApplyFaultAsync(HttpRequest request, Action<Fault> enqueue, Action<double, Fault> setRate, Func<JsonObject> faultsJson, string? rate)
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
                enqueue(fault);
            }
            else if (double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
            {
                setRate(fraction, fault);
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

        return ApiResult.Raw(faultsJson());
    }

    private static ApiResult ClearFaults(EmulatorState state)
    {
        state.ClearFaults();
        return ApiResult.Raw(FaultsJson(state.FaultInjector));
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

    private static ApiResult Requests(EmulatorState state) => RequestsJson(state.RecentRequests);

    /// <summary><c>POST /_emulator/{service}/lifetime?seconds=N</c>: the lifetime of sessions or tokens issued from now on.</summary>
    private static ApiResult SetLifetime(ServiceState service, string? seconds)
    {
        // Range-checked as a number first: TimeSpan.FromSeconds throws on NaN and huge values. ("NaN" parses.)
        if (!double.TryParse(seconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !(value > 0 && value <= ServiceState.MaxSessionLifetime.TotalSeconds))
        {
            return ApiResult.InvalidArgument($"seconds must be a number more than 0 and at most {ServiceState.MaxSessionLifetime.TotalSeconds}, not '{seconds}'.");
        }

        service.SessionLifetime = TimeSpan.FromSeconds(value);

        return ApiResult.Raw(new JsonObject { ["sessionLifetimeSeconds"] = service.SessionLifetime.TotalSeconds });
    }

    private static ApiResult RequestsJson(IEnumerable<RecordedRequest> requests) =>
        ApiResult.Raw(new JsonArray([.. requests.Select(r => new JsonObject
        {
            ["method"] = r.Method,
            ["pathAndQuery"] = r.PathAndQuery,
            ["time"] = r.Time,
            ["authority"] = r.Authority,
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
        ["paths"] = PathsJson(state.PathCounts()),
    };

    private static JsonObject ServiceCountersJson(ServiceState service) => new()
    {
        ["logins"] = service.Logins,
        ["loginAttempts"] = service.LoginAttempts,
        ["refreshes"] = service.Refreshes,
        ["logouts"] = service.Logouts,
        ["requests"] = service.Requests,
        ["pendingFaults"] = service.PendingFaults,
        ["sessionLifetimeSeconds"] = service.SessionLifetime.TotalSeconds,
        ["paths"] = PathsJson(service.Recorder.PathCounts()),
        ["tallies"] = PathsJson(service.Tallies),
    };

    private static JsonObject PathsJson(IEnumerable<KeyValuePair<string, long>> counts) =>
        new(counts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    private static JsonObject FaultsJson(FaultInjector faults) => new()
    {
        ["pendingFaults"] = faults.PendingCount,
        ["faultRate"] = faults.Rate,
    };
}
