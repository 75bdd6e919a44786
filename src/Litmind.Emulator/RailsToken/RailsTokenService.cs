using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.RailsToken;

/// <summary>
/// The Rails-style token API (seed 003) under <c>/railstoken/api/v1/</c>: <c>POST sessions</c> with
/// form <c>email</c>/<c>password</c> answers <c>{"auth_token": "&lt;JWT&gt;"}</c>; the other endpoints
/// take that token as <c>Authorization: Bearer</c> until its <c>exp</c>. Errors are <c>{"message": "…"}</c>.
/// </summary>
internal sealed class RailsTokenService(ServiceState state) : StateBackedService(state)
{
    public const string RootPath = "/railstoken/api/v1/";
    public const string TokenSecret = "auth_token";

    private const string LoginPath = "/railstoken/api/v1/sessions";
    private const int DefaultTicketsPerPage = 25;
    private const int MaxTicketsPerPage = 50;

    /// <summary>Signs this instance's tokens; clients decode them without verifying, as the seed's clients do.</summary>
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);

    public static ServiceState CreateState(TimeProvider clock) =>
        new("RailsToken", "railstoken", RootPath, IsLogin, RailsTokenDemo.TokenLifetime, clock);

    public override ApiResult Error(int statusCode, string errorCode, string description) => ApiResult.Message(statusCode, description);

    public override void Map(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Root);
        root.MapPost("/sessions", LoginAsync);

        var api = root.MapGroup("").WithMetadata(RequiresSession.Instance);
        api.MapGet("/me", Me);
        api.MapGet("/projects", Projects);
        api.MapGet("/projects/{id:long}", Project);
        api.MapGet("/tickets", Tickets);
    }

    public override ApiResult? Authenticate(HttpContext context)
    {
        if (BearerToken.From(context.Request, allowBare: true) is not { } token)
        {
            return ApiResult.Message(401, "Missing token: send Authorization: Bearer <auth_token>.");
        }

        var check = State.SessionStore.Check(TokenSecret, token);
        switch (check.Status)
        {
            case ServiceSessionStatus.Unknown:
                return ApiResult.Message(State.ExpiredSessionStatusCode, "Invalid token");
            case ServiceSessionStatus.Expired or ServiceSessionStatus.LoggedOut:
                return ApiResult.Message(State.RefusedStatus(check.Session), "Signature has expired");
        }

        new ServiceCaller(check.Session!.Subject, null).Store(context);
        return null;
    }

    private static bool IsLogin(string path) => ApiPaths.IsPath(path, LoginPath);

    private async Task<ApiResult> LoginAsync(HttpRequest request)
    {
        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: false);
        if (problem is not null)
        {
            return ApiResult.Message(400, problem);
        }

        // Missing fields find no user, so they get the same 401 as a wrong password, as in a Rails controller.
        var user = fields!.TryGetValue("email", out var email) ? RailsTokenDemo.Find(email) : null;
        if (user is null || !fields.TryGetValue("password", out var password) || !string.Equals(user.Password, password, StringComparison.Ordinal))
        {
            return ApiResult.Message(401, "Invalid credentials");
        }

        var exp = WholeSecondsAfter(State.Clock.GetUtcNow() + State.SessionLifetime);
        var token = Jwt.Issue(new JsonObject { ["user_id"] = user.Id, ["exp"] = exp }, _signingKey);
        State.SessionStore.Add(user.Id.ToString(CultureInfo.InvariantCulture), null, DateTimeOffset.FromUnixTimeSeconds(exp), new Dictionary<string, string>
        {
            [TokenSecret] = token,
        });
        State.CountLogin();
        return ApiResult.Raw(new JsonObject { [TokenSecret] = token });
    }

    private static ApiResult Me(ServiceCaller caller) =>
        FindUser(caller) is { } user
            ? ApiResult.Raw(new JsonObject { ["id"] = user.Id, ["email"] = user.Email, ["name"] = user.Name })
            : ApiResult.Message(404, "User not found");

    private static ApiResult Projects(ServiceCaller caller) =>
        ApiResult.Raw(new JsonArray([.. ProjectsOf(caller).Select(ProjectJson)]));

    private static ApiResult Project(long id, ServiceCaller caller) =>
        ProjectsOf(caller).FirstOrDefault(p => p.Id == id) is { } project
            ? ApiResult.Raw(ProjectJson(project))
            : ApiResult.Message(404, $"Couldn't find Project with 'id'={id}");

    /// <summary>
    /// The caller's tickets, a page at a time (<c>page</c> from 1, <c>per_page</c> 1 to 50, default 25),
    /// as Rails apps with a pagination gem answer: a JSON array, <c>Link</c> (<c>rel="next"</c> while
    /// there is one, <c>rel="last"</c>) and <c>X-Total-Count</c>.
    /// </summary>
    private static ApiResult Tickets(HttpRequest request, ServiceCaller caller, string? page, string? per_page)
    {
        if (!QueryNumber.TryParse(page, 1, 1, int.MaxValue, out var number))
        {
            return ApiResult.Message(400, $"page must be a whole number of at least 1, not '{page}'");
        }

        if (!QueryNumber.TryParse(per_page, DefaultTicketsPerPage, 1, MaxTicketsPerPage, out var size))
        {
            return ApiResult.Message(400, $"per_page must be a whole number from 1 to {MaxTicketsPerPage}, not '{per_page}'");
        }

        var tickets = RailsTokenDemo.TicketsOf(long.Parse(caller.Subject, CultureInfo.InvariantCulture));
        var skip = ((long)number - 1) * size;
        var slice = skip >= tickets.Count ? [] : tickets.Skip((int)skip).Take(size);
        return ApiResult.Raw(new JsonArray([.. slice.Select(t => new JsonObject
            {
                ["id"] = t.Id,
                ["title"] = t.Title,
                ["status"] = t.Status,
                ["project_id"] = t.ProjectId,
            })]))
            .WithHeader(PageHeaders.Link, PageLinks.Header(request, "page", number, PageLinks.LastPage(tickets.Count, size)))
            .WithHeader(PageHeaders.TotalCount, tickets.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static RailsTokenUser? FindUser(ServiceCaller caller) =>
        RailsTokenDemo.Users.FirstOrDefault(u => u.Id.ToString(CultureInfo.InvariantCulture) == caller.Subject);

    private static IEnumerable<RailsTokenProject> ProjectsOf(ServiceCaller caller) =>
        RailsTokenDemo.Projects.Where(p => p.OwnerId.ToString(CultureInfo.InvariantCulture) == caller.Subject);

    private static JsonObject ProjectJson(RailsTokenProject project) => new()
    {
        ["id"] = project.Id,
        ["name"] = project.Name,
        ["owner_id"] = project.OwnerId,
        ["created_at"] = project.CreatedAt,
    };

    /// <summary>The JWT <c>exp</c> (whole seconds) no earlier than <paramref name="time"/>, so a token never lasts less than asked.</summary>
    private static long WholeSecondsAfter(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds) < time ? seconds + 1 : seconds;
    }
}
