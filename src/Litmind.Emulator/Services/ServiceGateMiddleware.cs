using Litmind.Emulator.Api;

namespace Litmind.Emulator.Services;

/// <summary>
/// Runs in front of every request to an emulated service, in the order a real gateway would:
/// count and record, play a fault, the service's pre-routing checks, then route (404/405 in the
/// service's error shape) and check the caller for endpoints that need one.
/// </summary>
internal sealed class ServiceGateMiddleware(RequestDelegate next, IReadOnlyList<EmulatedService> services, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var service = services.FirstOrDefault(s => s.Owns(context.Request.Path));
        if (service is null)
        {
            await next(context);
            return;
        }

        service.Record(context.Request);
        service.StampResponse(context);

        if (service.Faults.Take(service.FaultPath(context.Request)) is { } fault
            && await FaultResponder.PlayAsync(context, fault, service, lifetime.ApplicationStopping))
        {
            return;
        }

        if (service.CheckBeforeRouting(context.Request) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await service.Error(404, ErrorCodes.NotFound, $"No endpoint {context.Request.Method} {context.Request.Path}.").ExecuteAsync(context);
            return;
        }

        if (endpoint.Metadata.GetMetadata<RequiresSession>() is not null && service.Authenticate(context) is { } error)
        {
            await error.ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A bug in a handler still answers in the service's shape, so clients see a normal 500.
            await service.Error(500, ErrorCodes.ServerError, $"Internal server error: {e.Message}").ExecuteAsync(context);
            return;
        }

        // Routing answers a known path with the wrong method by an empty 405; give it the service's shape.
        if (context.Response.StatusCode == 405 && !context.Response.HasStarted && context.Response.ContentType is null)
        {
            await service.Error(405, ErrorCodes.MethodNotAllowed, $"Method {context.Request.Method} is not allowed on {context.Request.Path}.")
                .ExecuteAsync(context);
        }
    }
}
