using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.LivePerson;

/// <summary>
/// The LivePerson Login Service (seed 002) under <c>/liveperson/</c>: login, refresh and logout on
/// <c>api/account/{accountId}/…?v=1.3</c>, with csrf and the <c>Session_id</c> cookie, and the
/// account configuration endpoints that take the bearer (<see cref="LivePersonAccountApi"/>, also
/// served on the service domain).
/// </summary>
/// <remarks>
/// The document gives no error bodies; the emulator answers errors as <c>{"message": "…"}</c>.
/// </remarks>
/// <param name="domainUri">The service domain's origin (<see cref="LivePersonDomainService"/>), once it listens; the login answer names it.</param>
internal sealed partial class LivePersonService(ServiceState state, Func<Uri?> domainUri) : StateBackedService(state)
{
    public const string RootPath = "/liveperson/";
    public const string SessionCookie = "Session_id";

    private const string AccountPath = "/liveperson/api/account/{accountId}";
    private const string BadAuthentication = "Bad authentication: invalid site or agent.";
    private const string SessionGone = LivePersonAccountApi.SessionGone;

    public static ServiceState CreateState(TimeProvider clock) =>
        new("LivePerson", "liveperson", RootPath, IsLogin, LivePersonDemo.SessionTtl, clock, otherRootPath: "/");

    public override ApiResult Error(int statusCode, string errorCode, string description) => ApiResult.Message(statusCode, description);

    public override void Map(IEndpointRouteBuilder app)
    {
        var account = app.MapGroup(AccountPath);
        account.MapPost("/login", LoginAsync);
        account.MapPost("/refresh", RefreshAsync);
        account.MapPost("/logout", LogoutAsync);

        LivePersonAccountApi.Map(account);
    }

    public override ApiResult? Authenticate(HttpContext context) => LivePersonAccountApi.Authenticate(State, context);

    private static bool IsLogin(string path) => LoginPath().IsMatch(path);

    [GeneratedRegex(@"^/liveperson/api/account/[^/]+/login/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LoginPath();

    private async Task<ApiResult> LoginAsync(string accountId, string? v, HttpContext context)
    {
        var (fields, error) = await ReadAsync(v, context.Request, "username", "password");
        if (error is not null)
        {
            return error;
        }

        var user = LivePersonDemo.Find(accountId, fields!["username"]);
        if (user is null || !string.Equals(user.Password, fields["password"], StringComparison.Ordinal))
        {
            // One answer for an unknown account, an unknown agent and a wrong password, as the document's 401 row says.
            return ApiResult.Message(401, BadAuthentication);
        }

        var lifetime = State.SessionLifetime;
        var sessionId = RandomText.Hex(24);
        var csrf = RandomText.Hex(32);
        var bearer = RandomText.Hex(32);
        State.SessionStore.Add(user.LoginName, accountId, lifetime, new Dictionary<string, string>
        {
            [Secrets.Bearer] = bearer,
            [Secrets.Csrf] = csrf,
            [SessionCookie] = sessionId,
        });
        context.Response.Cookies.Append(SessionCookie, sessionId, CookieOptions());
        State.CountLogin();
        return ApiResult.Raw(LoginAnswer(user, accountId, csrf, bearer, lifetime, context.Request));
    }

    /// <summary>Refresh: csrf and cookie of a live session push its expiry a full TTL ahead; the bearer stays the same.</summary>
    private async Task<ApiResult> RefreshAsync(string accountId, string? v, HttpContext context)
    {
        var (session, error) = await SessionOfAsync(accountId, v, context.Request);
        if (error is not null)
        {
            return error;
        }

        var lifetime = State.SessionLifetime;
        if (!State.SessionStore.Extend(session!.Id, lifetime))
        {
            return ApiResult.Message(State.RefusedStatus(session), SessionGone);
        }

        State.CountRefresh();
        return ApiResult.Raw(new JsonObject { ["sessionTTl"] = Milliseconds(lifetime) });
    }

    private async Task<ApiResult> LogoutAsync(string accountId, string? v, HttpContext context)
    {
        var (session, error) = await SessionOfAsync(accountId, v, context.Request);
        if (error is not null)
        {
            return error;
        }

        State.SessionStore.LogOut(session!.Id);
        context.Response.Cookies.Delete(SessionCookie, CookieOptions());
        State.CountLogout();
        return ApiResult.Raw(new JsonObject());
    }

    /// <summary>The session a refresh or logout names by its cookie and proves by its csrf.</summary>
    private async Task<(ServiceSessionSnapshot? Session, ApiResult? Error)> SessionOfAsync(string accountId, string? v, HttpRequest request)
    {
        var (fields, error) = await ReadAsync(v, request, "csrf");
        if (error is not null)
        {
            return (null, error);
        }

        if (!request.Cookies.TryGetValue(SessionCookie, out var sessionId) || sessionId.Length == 0)
        {
            return (null, ApiResult.Message(401, $"Missing {SessionCookie} cookie: send the cookie the login answer set."));
        }

        var check = State.SessionStore.Check(SessionCookie, sessionId);
        if (check.Status != ServiceSessionStatus.Active)
        {
            return (null, ApiResult.Message(State.RefusedStatus(check.Session), SessionGone));
        }

        var session = check.Session!;
        if (session.Scope != accountId || !string.Equals(session.Secrets[Secrets.Csrf], fields!["csrf"], StringComparison.Ordinal))
        {
            return (null, ApiResult.Message(401, "The csrf or the account does not match the session."));
        }

        return (session, null);
    }

    /// <summary>Checks the required <c>v</c> query parameter and reads the JSON body's required fields: 400 for either.</summary>
    private static async Task<(IReadOnlyDictionary<string, string>? Fields, ApiResult? Error)> ReadAsync(string? v, HttpRequest request, params string[] required)
    {
        // "NaN" and "Infinity" parse as doubles; they are not versions.
        if (!double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) || !double.IsFinite(version) || version <= 0)
        {
            return (null, ApiResult.Message(400, $"Missing or invalid query parameter v (the API version, e.g. v=1.3), not '{v}'."));
        }

        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: true);
        problem ??= BodyReader.DescribeMissing(fields!, required);
        return problem is null ? (fields, null) : (null, ApiResult.Message(400, problem));
    }

    private static CookieOptions CookieOptions() => new() { Path = RootPath, HttpOnly = true };

    private static string Milliseconds(TimeSpan lifetime) => ((long)lifetime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The login answer in the document's shape and order; the bearer comes last, as its note says.
    /// <c>baseURIs</c> are host:port without scheme, as in the seed: the service domain for the
    /// account configuration API (<c>accountConfigReadOnly</c>) and <c>smt</c>, the origin the login
    /// came to for <c>agentVep</c> (the login domain).
    /// </summary>
    private JsonObject LoginAnswer(LivePersonUser user, string accountId, string csrf, string bearer, TimeSpan lifetime, HttpRequest request)
    {
        var loginDomain = request.Host.Value ?? "";
        var serviceDomain = domainUri()?.Authority ?? loginDomain;
        return new JsonObject
        {
            ["csrf"] = csrf,
            ["wsuk"] = RandomText.Digits(18),
            ["config"] = new JsonObject
            {
                ["loginName"] = user.LoginName,
                ["userId"] = user.UserId,
                ["userPrivileges"] = new JsonArray([.. user.Privileges.Select(p => JsonValue.Create(p))]),
                ["serverCurrentTime"] = State.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
                ["timeDiff"] = 0,
                ["serverTimeZoneName"] = "UTC",
                ["serverTimeGMTDiff"] = 0,
                ["isLPA"] = false,
                ["isAdmin"] = user.IsAdmin,
                ["accountTimeZoneId"] = "UTC",
            },
            ["csdsCollectionResponse"] = new JsonObject
            {
                ["baseURIs"] = new JsonArray(
                    new JsonObject { ["account"] = accountId, ["baseURI"] = serviceDomain, ["service"] = "smt" },
                    new JsonObject { ["account"] = accountId, ["baseURI"] = loginDomain, ["service"] = "agentVep" },
                    new JsonObject { ["account"] = accountId, ["baseURI"] = serviceDomain, ["service"] = "accountConfigReadOnly" }),
            },
            ["accountData"] = new JsonObject
            {
                ["agentGroupsData"] = new JsonObject
                {
                    ["items"] = new JsonArray(new JsonObject { ["id"] = -1, ["deleted"] = false, ["name"] = "Main Group" }),
                    ["revision"] = 1,
                },
            },
            ["sessionTTl"] = Milliseconds(lifetime),
            ["bearer"] = bearer,
        };
    }

    /// <summary>Names of the secrets a session holds (besides the cookie), as the login answer names them.</summary>
    internal static class Secrets
    {
        public const string Bearer = "bearer";
        public const string Csrf = "csrf";
    }
}
