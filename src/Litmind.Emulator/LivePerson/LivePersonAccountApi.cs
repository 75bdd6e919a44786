using System.Globalization;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.LivePerson;

/// <summary>
/// LivePerson's account configuration API (<c>configuration/le-users/…</c> under
/// <c>api/account/{accountId}</c>), the calls that take the login's bearer. The same endpoints
/// answer on the login origin (under <c>/liveperson/</c>) and at the root of the service domain,
/// where real LivePerson serves them: one definition, so both origins answer alike.
/// </summary>
internal static class LivePersonAccountApi
{
    public const string SessionGone = "Session expired or invalid. Log in again.";

    private const int DefaultAgentGroupLimit = 20;
    private const int MaxAgentGroupLimit = 50;

    /// <summary>Maps the endpoints under <paramref name="account"/>, a group ending in <c>api/account/{accountId}</c>.</summary>
    public static void Map(RouteGroupBuilder account)
    {
        var users = account.MapGroup("/configuration/le-users").WithMetadata(RequiresSession.Instance);
        users.MapGet("/users", Users);
        users.MapGet("/users/{userId}", User);
        users.MapGet("/skills", Skills);
        users.MapGet("/agentGroups", AgentGroups);
    }

    /// <summary>API calls take <c>Authorization: Bearer &lt;bearer&gt;</c> of a live session of the account in the path.</summary>
    public static ApiResult? Authenticate(ServiceState state, HttpContext context)
    {
        if (BearerToken.From(context.Request) is not { } bearer)
        {
            return ApiResult.Message(401, "Missing or malformed Authorization header: send Authorization: Bearer <bearer from the login answer>.");
        }

        var check = state.SessionStore.Check(LivePersonService.Secrets.Bearer, bearer);
        if (check.Status != ServiceSessionStatus.Active)
        {
            return ApiResult.Message(state.RefusedStatus(check.Session), SessionGone);
        }

        var session = check.Session!;
        if (!string.Equals(session.Scope, context.Request.RouteValues["accountId"] as string, StringComparison.Ordinal))
        {
            return ApiResult.Message(401, $"The bearer is not valid for account {context.Request.RouteValues["accountId"]}.");
        }

        new ServiceCaller(session.Subject, session.Scope).Store(context);
        return null;
    }

    private static ApiResult Users() =>
        ApiResult.Raw(new JsonArray([.. LivePersonDemo.Users.Select(UserJson)]));

    private static ApiResult User(string userId) =>
        LivePersonDemo.Users.FirstOrDefault(u => u.UserId == userId) is { } user
            ? ApiResult.Raw(UserJson(user))
            : ApiResult.Message(404, $"User {userId} not found.");

    private static ApiResult Skills() =>
        ApiResult.Raw(new JsonArray([.. LivePersonDemo.Skills.Select(s => new JsonObject
        {
            ["id"] = s.Id,
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["deleted"] = false,
        })]));

    /// <summary>
    /// The paged agent groups: <c>offset</c> (from 0, default 0) and <c>limit</c> (1 to 50, default 20)
    /// slice the 45 groups; the answer is a top-level array, the total is in <c>X-Total-Count</c>.
    /// </summary>
    private static ApiResult AgentGroups(string? offset, string? limit)
    {
        if (!QueryNumber.TryParse(offset, 0, 0, int.MaxValue, out var skip))
        {
            return ApiResult.Message(400, $"offset must be a whole number of at least 0, not '{offset}'.");
        }

        if (!QueryNumber.TryParse(limit, DefaultAgentGroupLimit, 1, MaxAgentGroupLimit, out var take))
        {
            return ApiResult.Message(400, $"limit must be a whole number from 1 to {MaxAgentGroupLimit}, not '{limit}'.");
        }

        var groups = LivePersonDemo.AgentGroups;
        return ApiResult.Raw(new JsonArray([.. groups.Skip(skip).Take(take).Select(g => new JsonObject
            {
                ["id"] = g.Id,
                ["name"] = g.Name,
                ["description"] = g.Description,
                ["deleted"] = false,
            })]))
            .WithHeader(PageHeaders.TotalCount, groups.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static JsonObject UserJson(LivePersonUser user) => new()
    {
        ["id"] = long.Parse(user.UserId, CultureInfo.InvariantCulture),
        ["deleted"] = false,
        ["loginName"] = user.LoginName,
        ["fullName"] = user.FullName,
        ["nickname"] = user.FullName.Split(' ')[0],
        ["isEnabled"] = true,
        ["skillIds"] = new JsonArray([.. user.SkillIds.Select(id => JsonValue.Create(id))]),
    };
}
