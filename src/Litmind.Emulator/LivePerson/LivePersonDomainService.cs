using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.LivePerson;

/// <summary>
/// The LivePerson service domain: the second loopback port that the login answer's
/// <c>csdsCollectionResponse.baseURIs</c> names for <c>accountConfigReadOnly</c> and <c>smt</c>.
/// It serves the account configuration API at its root (<c>/api/account/{accountId}/…</c>), as a
/// real domain does, and no login. Its requests are LivePerson's: same counters, recorded
/// requests, sessions and faults.
/// </summary>
internal sealed class LivePersonDomainService(ServiceState state) : StateBackedService(state)
{
    /// <summary>Everything on the domain's port belongs to it.</summary>
    public override PathString Root => PathString.Empty;

    public override ApiResult Error(int statusCode, string errorCode, string description) => ApiResult.Message(statusCode, description);

    /// <summary>
    /// Faults are matched as if the request were under <c>/liveperson/</c>, so a prefix relative to
    /// the service root (<c>api/account/90412079/configuration</c>) hits both origins.
    /// </summary>
    public override string FaultPath(HttpRequest request) => LivePersonService.RootPath.TrimEnd('/') + request.Path.Value;

    public override void Map(IEndpointRouteBuilder app) => LivePersonAccountApi.Map(app.MapGroup("/api/account/{accountId}"));

    public override ApiResult? Authenticate(HttpContext context) => LivePersonAccountApi.Authenticate(State, context);
}
