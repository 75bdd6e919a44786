using Litmind.Emulator.Api;

namespace Litmind.Emulator.Services;

/// <summary>
/// One API the emulator serves under its own root path: its endpoints, how its requests are
/// recorded and faulted, how callers prove who they are, and how it words errors.
/// <see cref="ServiceGateMiddleware"/> runs the same steps for every service.
/// </summary>
internal abstract class EmulatedService
{
    /// <summary>The path every request of this service starts with, e.g. <c>/api/v1</c> or <c>/liveperson</c>.</summary>
    public abstract PathString Root { get; }

    public abstract FaultInjector Faults { get; }

    public bool Owns(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>The path a request's faults are matched against; the request's own path unless the service says otherwise.</summary>
    public virtual string FaultPath(HttpRequest request) => request.Path.Value ?? "/";

    /// <summary>Counts and records a request as it arrives, before faults or validation.</summary>
    public abstract void Record(HttpRequest request);

    /// <summary>
    /// Puts the headers every answer of the service carries (Litmind: its rate limit) on the response
    /// as the request arrives, so faults and errors carry them too.
    /// </summary>
    public virtual void StampResponse(HttpContext context)
    {
    }

    /// <summary>Checks every request gets before routing (Litmind: the API key); null lets it through.</summary>
    public virtual ApiResult? CheckBeforeRouting(HttpRequest request) => null;

    /// <summary>
    /// For endpoints marked <see cref="RequiresSession"/>: checks the caller's credentials and stores
    /// the caller for the handler; returns the refusal, or null when the caller may go on.
    /// </summary>
    public abstract ApiResult? Authenticate(HttpContext context);

    /// <summary>An error answer in this service's shape.</summary>
    /// <param name="errorCode">One of <see cref="ErrorCodes"/>; services with their own codes map it.</param>
    public abstract ApiResult Error(int statusCode, string errorCode, string description);

    public abstract void Map(IEndpointRouteBuilder app);
}
