using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.Devise;

/// <summary>
/// A Rails API with devise_token_auth's shape under <c>/devise/</c> (*emulator's choice*): the login
/// answers its token in response headers (<c>access-token</c>, <c>client</c>, <c>uid</c>,
/// <c>expiry</c>, <c>token-type</c>), not in the body, and every call sends <c>access-token</c>,
/// <c>client</c> and <c>uid</c> back. The login body can be left empty or be HTML, so a client must
/// read the headers. Errors are <c>{"errors": ["…"]}</c>.
/// </summary>
internal sealed class DeviseService(ServiceState state) : StateBackedService(state)
{
    public const string RootPath = "/devise/";
    public const string AccessTokenHeader = "access-token";
    public const string ClientHeader = "client";
    public const string UidHeader = "uid";

    private const string SignInPath = "/devise/auth/sign_in";
    private const string InvalidLogin = "Invalid login credentials. Please try again.";
    private const string SignInFirst = "You need to sign in or sign up before continuing.";

    public static ServiceState CreateState(TimeProvider clock) =>
        new("Devise", "devise", RootPath, IsLogin, DeviseDemo.TokenLifetime, clock);

    public override ApiResult Error(int statusCode, string errorCode, string description) => Errors(statusCode, description);

    public override void Map(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Root);
        root.MapPost("/auth/sign_in", SignInAsync);
        root.MapDelete("/auth/sign_out", SignOut);

        var api = root.MapGroup("/api").WithMetadata(RequiresSession.Instance);
        api.MapGet("/me", Me);
        api.MapGet("/accounts", Accounts);
    }

    /// <summary>The three headers must name one live token: its <c>access-token</c>, its <c>client</c> and its user's <c>uid</c>.</summary>
    public override ApiResult? Authenticate(HttpContext context)
    {
        var (status, session) = Check(context.Request);
        if (status != ServiceSessionStatus.Active)
        {
            // A missing header is always 401; a token that was, or never was, is refused as the controls say.
            var missing = new[] { AccessTokenHeader, ClientHeader, UidHeader }.Any(h => context.Request.Headers[h].ToString().Length == 0);
            return Errors(missing ? 401 : State.RefusedStatus(session), SignInFirst);
        }

        new ServiceCaller(session!.Subject, null).Store(context);
        return null;
    }

    private static bool IsLogin(string path) => ApiPaths.IsPath(path, SignInPath);

    /// <summary>
    /// JSON (or form) <c>email</c> and <c>password</c>: 200 with the token headers and
    /// <c>{"data":{…}}</c>; <c>?empty=1</c> sends the same headers with no body, <c>?html=1</c> with a
    /// small HTML page.
    /// </summary>
    private async Task<ApiResult> SignInAsync(HttpRequest request, string? empty, string? html)
    {
        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: false);
        if (problem is not null)
        {
            return Errors(400, problem);
        }

        var user = fields!.TryGetValue("email", out var email) ? DeviseDemo.Find(email) : null;
        if (user is null || !fields.TryGetValue("password", out var password) || !string.Equals(user.Password, password, StringComparison.Ordinal))
        {
            return Errors(401, InvalidLogin);
        }

        var token = NewToken();
        var client = NewToken();
        var expiry = WholeSecondsAfter(State.Clock.GetUtcNow() + State.SessionLifetime);
        State.SessionStore.Add(user.Email, null, DateTimeOffset.FromUnixTimeSeconds(expiry), new Dictionary<string, string>
        {
            [AccessTokenHeader] = token,
            [ClientHeader] = client,
        });
        State.CountLogin();

        var answer = IsSet(empty) ? ApiResult.Empty(200)
            : IsSet(html) ? ApiResult.Text(200, $"<!DOCTYPE html><html><body><p>Signed in as {user.Name}.</p></body></html>", "text/html; charset=utf-8")
            : ApiResult.Raw(new JsonObject { ["data"] = UserJson(user) });
        return answer
            .WithHeader(AccessTokenHeader, token)
            .WithHeader("token-type", "Bearer")
            .WithHeader(ClientHeader, client)
            .WithHeader("expiry", expiry.ToString(CultureInfo.InvariantCulture))
            .WithHeader(UidHeader, user.Email);
    }

    /// <summary>Ends the token the three headers name: 200 <c>{"success":true}</c>; 404 when they name no live token, as devise_token_auth answers.</summary>
    private ApiResult SignOut(HttpRequest request)
    {
        var (status, session) = Check(request);
        if (status != ServiceSessionStatus.Active)
        {
            return ApiResult.Raw(new JsonObject { ["success"] = false, ["errors"] = new JsonArray("User was not found or was not logged in.") }, 404);
        }

        State.SessionStore.LogOut(session!.Id);
        State.CountLogout();
        return ApiResult.Raw(new JsonObject { ["success"] = true });
    }

    private static ApiResult Me(ServiceCaller caller) =>
        DeviseDemo.Find(caller.Subject) is { } user
            ? ApiResult.Raw(new JsonObject { ["data"] = UserJson(user) })
            : Errors(404, "User not found.");

    /// <summary>The demo users of the caller's team; their ids are strings (the emails), as <c>uid</c>s are.</summary>
    private static ApiResult Accounts(ServiceCaller caller)
    {
        var team = DeviseDemo.Find(caller.Subject)?.Team;
        return ApiResult.Raw(new JsonObject
        {
            ["accounts"] = new JsonArray([.. DeviseDemo.Users.Where(u => u.Team == team).Select(u => new JsonObject
            {
                ["uid"] = u.Email,
                ["name"] = u.Name,
                ["role"] = u.Role,
            })]),
        });
    }

    /// <summary>The session the request's <c>access-token</c>, <c>client</c> and <c>uid</c> name together; unknown when any is missing or they disagree.</summary>
    private (ServiceSessionStatus Status, ServiceSessionSnapshot? Session) Check(HttpRequest request)
    {
        var token = request.Headers[AccessTokenHeader].ToString();
        var client = request.Headers[ClientHeader].ToString();
        var uid = request.Headers[UidHeader].ToString();
        if (token.Length == 0 || client.Length == 0 || uid.Length == 0)
        {
            return (ServiceSessionStatus.Unknown, null);
        }

        var check = State.SessionStore.Check(AccessTokenHeader, token);
        if (check.Session is not { } session
            || !string.Equals(session.Secrets[ClientHeader], client, StringComparison.Ordinal)
            || !string.Equals(session.Subject, uid, StringComparison.OrdinalIgnoreCase))
        {
            return (ServiceSessionStatus.Unknown, null);
        }

        return (check.Status, session);
    }

    private static JsonObject UserJson(DeviseUser user) => new()
    {
        ["id"] = user.Id,
        ["email"] = user.Email,
        // devise_token_auth answers the uid with the user, as its header names it.
        ["uid"] = user.Email,
        ["name"] = user.Name,
    };

    private static ApiResult Errors(int statusCode, string message) => ApiResult.Raw(new JsonObject { ["errors"] = new JsonArray(message) }, statusCode);

    private static bool IsSet(string? flag) => flag is "1" or "true";

    /// <summary>A token as devise_token_auth makes them: 16 random bytes, URL-safe base64.</summary>
    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The <c>expiry</c> (whole seconds) no earlier than <paramref name="time"/>, so a token never lasts less than asked.</summary>
    private static long WholeSecondsAfter(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds) < time ? seconds + 1 : seconds;
    }
}
