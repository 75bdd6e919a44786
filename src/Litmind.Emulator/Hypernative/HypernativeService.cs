using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.Hypernative;

/// <summary>
/// Hypernative (seed 004) under <c>/hypernative/</c>: <c>POST auth/login</c> with JSON email, password
/// and, for users in several organizations, <c>organizationId</c>; <c>api/v2/…</c> endpoints that take
/// the token as a bearer, or an API key as <c>x-client-id</c> / <c>x-client-secret</c>. Errors use the
/// seed's envelope (<c>success</c>, <c>data</c>, <c>error</c>, <c>errorCode</c>, <c>version</c>, <c>service</c>).
/// </summary>
internal sealed class HypernativeService(ServiceState state) : StateBackedService(state)
{
    public const string RootPath = "/hypernative/";
    public const string ClientIdHeader = "x-client-id";
    public const string ClientSecretHeader = "x-client-secret";

    private const string LoginPath = "/hypernative/auth/login";
    private const string Version = "2.2.0";
    private const string ServiceName = "hypernative-webapp-server";
    private const int DefaultAlertLimit = 20;
    private const int MaxAlertLimit = 50;

    public static ServiceState CreateState(TimeProvider clock) =>
        new("Hypernative", "hypernative", RootPath, IsLogin, HypernativeDemo.TokenLifetime, clock);

    /// <summary>Errors the service does not word itself (faults, 404, 405, 500) carry the HTTP status as <c>errorCode</c>.</summary>
    public override ApiResult Error(int statusCode, string errorCode, string description) => Failure(statusCode, statusCode, description);

    public override void Map(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Root);
        root.MapPost("/auth/login", LoginAsync);

        var api = root.MapGroup("/api/v2").WithMetadata(RequiresSession.Instance);
        api.MapGet("/organizations", Organizations);
        api.MapGet("/watchlists", Watchlists);
        api.MapGet("/watchlists/{id:long}", Watchlist);
        api.MapGet("/alerts", Alerts);
    }

    /// <summary>A bearer token from login, or else an API key (client id and secret headers).</summary>
    public override ApiResult? Authenticate(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            if (BearerToken.From(request) is not { } token)
            {
                return Failure(401, HypernativeErrorCodes.MissingCredentials, "Malformed Authorization header: send Authorization: Bearer <token>.");
            }

            var check = State.SessionStore.Check(Secrets.Token, token);
            if (check.Status != ServiceSessionStatus.Active)
            {
                return Failure(State.RefusedStatus(check.Session), HypernativeErrorCodes.InvalidToken, "Token expired or invalid. Log in again.");
            }

            new ServiceCaller(check.Session!.Subject, check.Session.Scope).Store(context);
            return null;
        }

        var clientId = request.Headers[ClientIdHeader].ToString();
        var clientSecret = request.Headers[ClientSecretHeader].ToString();
        if (clientId.Length == 0 && clientSecret.Length == 0)
        {
            return Failure(401, HypernativeErrorCodes.MissingCredentials, $"Missing credentials: send Authorization: Bearer <token>, or {ClientIdHeader} and {ClientSecretHeader}.");
        }

        var key = HypernativeDemo.ApiKeys.FirstOrDefault(k => k.ClientId == clientId);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ClientSecret), Encoding.UTF8.GetBytes(clientSecret)))
        {
            return Failure(401, HypernativeErrorCodes.InvalidApiKey, "Invalid client id or client secret.");
        }

        new ServiceCaller(key.ClientId, Text(key.OrganizationId)).Store(context);
        return null;
    }

    private static bool IsLogin(string path) => ApiPaths.IsPath(path, LoginPath);

    private async Task<ApiResult> LoginAsync(HttpRequest request)
    {
        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: true);
        problem ??= BodyReader.DescribeMissing(fields!, "email", "password");
        if (problem is not null)
        {
            return Failure(400, HypernativeErrorCodes.Validation, problem);
        }

        long? organizationId = null;
        if (fields!.TryGetValue("organizationId", out var organizationText))
        {
            if (!long.TryParse(organizationText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Failure(400, HypernativeErrorCodes.Validation, $"organizationId must be a number, not '{organizationText}'.");
            }

            organizationId = parsed;
        }

        // Credentials first, so the organization errors never tell a stranger that an account exists.
        var user = HypernativeDemo.FindUser(fields["email"]);
        if (user is null || !string.Equals(user.Password, fields["password"], StringComparison.Ordinal))
        {
            return Failure(401, HypernativeErrorCodes.InvalidCredentials, "Invalid email or password");
        }

        if (organizationId is { } chosen && !user.OrganizationIds.Contains(chosen))
        {
            return Failure(400, HypernativeErrorCodes.NotInOrganization, $"User is not a member of organization {chosen}");
        }

        if (organizationId is null && user.OrganizationIds.Count > 1)
        {
            return Failure(400, HypernativeErrorCodes.OrganizationMandatory, "organizationId is mandatory");
        }

        var token = RandomText.Hex(32);
        var refreshToken = RandomText.Hex(32);
        State.SessionStore.Add(user.Email, Text(organizationId ?? user.OrganizationIds[0]), State.SessionLifetime, new Dictionary<string, string>
        {
            [Secrets.Token] = token,
            [Secrets.RefreshToken] = refreshToken,
        });
        State.CountLogin();

        // The seed's 200 answer is only "data", without the error envelope's other fields.
        return ApiResult.Raw(new JsonObject { ["data"] = new JsonObject { [Secrets.Token] = token, [Secrets.RefreshToken] = refreshToken } });
    }

    /// <summary>The caller's organizations: a user's all, an API key's one.</summary>
    private static ApiResult Organizations(ServiceCaller caller)
    {
        var ids = HypernativeDemo.FindUser(caller.Subject)?.OrganizationIds ?? [long.Parse(caller.Scope!, CultureInfo.InvariantCulture)];
        return Success(new JsonArray([.. HypernativeDemo.Organizations.Where(o => ids.Contains(o.Id)).Select(o => new JsonObject
        {
            ["id"] = o.Id,
            ["name"] = o.Name,
        })]));
    }

    private static ApiResult Watchlists(ServiceCaller caller) =>
        Success(new JsonArray([.. WatchlistsOf(caller).Select(WatchlistJson)]));

    private static ApiResult Watchlist(long id, ServiceCaller caller) =>
        WatchlistsOf(caller).FirstOrDefault(w => w.Id == id) is { } watchlist
            ? Success(WatchlistJson(watchlist))
            : Failure(404, 404, $"Watchlist {id} not found");

    /// <summary>
    /// The alerts of the caller's organization, a page at a time: <c>limit</c> 1 to 50 (default 20),
    /// <c>cursor</c> the previous page's <c>nextCursor</c> (opaque, bound to the organization).
    /// </summary>
    private static ApiResult Alerts(ServiceCaller caller, string? cursor, string? limit)
    {
        if (!QueryNumber.TryParse(limit, DefaultAlertLimit, 1, MaxAlertLimit, out var size))
        {
            return Failure(400, HypernativeErrorCodes.Validation, $"limit must be a whole number from 1 to {MaxAlertLimit}, not '{limit}'.");
        }

        var purpose = "hypernative/alerts/" + caller.Scope;
        long skip = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!OpaqueCursor.TryRead(cursor, purpose, 1, out var position))
            {
                return Failure(400, HypernativeErrorCodes.Validation, $"Unknown cursor '{cursor}': pass the nextCursor of the previous page.");
            }

            skip = position[0];
        }

        var alerts = HypernativeDemo.AlertsOf(long.Parse(caller.Scope!, CultureInfo.InvariantCulture));
        var page = alerts.Skip((int)Math.Min(skip, alerts.Count)).Take(size).Select(a => new JsonObject
        {
            ["id"] = a.Id,
            ["severity"] = a.Severity,
            ["title"] = a.Title,
            ["watchlistId"] = a.WatchlistId,
        });
        var next = skip + size < alerts.Count ? OpaqueCursor.Create(purpose, skip + size) : null;
        return Success(new JsonArray([.. page]), nextCursor: (next, true));
    }

    private static IEnumerable<HypernativeWatchlist> WatchlistsOf(ServiceCaller caller) =>
        HypernativeDemo.Watchlists.Where(w => Text(w.OrganizationId) == caller.Scope);

    private static JsonObject WatchlistJson(HypernativeWatchlist watchlist) => new()
    {
        ["id"] = watchlist.Id,
        ["name"] = watchlist.Name,
        ["organizationId"] = watchlist.OrganizationId,
        ["assets"] = new JsonArray([.. watchlist.Assets.Select(a => JsonValue.Create(a))]),
    };

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The envelope of the seed's 400 answer, with <c>success</c> true and the payload in <c>data</c>.</summary>
    /// <param name="nextCursor">For a paged list: adds <c>nextCursor</c> (null on the last page) after <c>data</c>.</param>
    private static ApiResult Success(JsonNode data, (string? Value, bool Paged) nextCursor = default) => Envelope(200, true, data, null, null, nextCursor);

    /// <summary>The seed's error envelope: <c>{"success": false, "data": null, "error", "errorCode", "version", "service"}</c>.</summary>
    private static ApiResult Failure(int statusCode, int errorCode, string error) => Envelope(statusCode, false, null, error, errorCode);

    private static ApiResult Envelope(int statusCode, bool success, JsonNode? data, string? error, int? errorCode, (string? Value, bool Paged) nextCursor = default)
    {
        var envelope = new JsonObject { ["success"] = success, ["data"] = data };
        if (nextCursor.Paged)
        {
            envelope["nextCursor"] = nextCursor.Value;
        }

        envelope["error"] = error;
        envelope["errorCode"] = errorCode;
        envelope["version"] = Version;
        envelope["service"] = ServiceName;
        return ApiResult.Raw(envelope, statusCode);
    }

    /// <summary>Names of the secrets of a login, as its answer names them.</summary>
    private static class Secrets
    {
        public const string Token = "token";
        public const string RefreshToken = "refreshToken";
    }
}

/// <summary>
/// The <c>errorCode</c> values the emulated Hypernative sends. Only 1002 is in the seed; the others
/// are the emulator's choice, documented in docs/emulator.md. Other errors carry their HTTP status.
/// </summary>
internal static class HypernativeErrorCodes
{
    /// <summary>400: the body is not JSON, a field is missing, or organizationId is not a number.</summary>
    public const int Validation = 1000;

    /// <summary>401: unknown email or wrong password.</summary>
    public const int InvalidCredentials = 1001;

    /// <summary>400: the user is in several organizations and named none (the seed's example).</summary>
    public const int OrganizationMandatory = 1002;

    /// <summary>400: the user is not in the organization named.</summary>
    public const int NotInOrganization = 1003;

    /// <summary>401: an API call without a token or API key, or with a malformed Authorization header.</summary>
    public const int MissingCredentials = 1004;

    /// <summary>401 (or the status an expire asked for): the token expired, was logged out or is unknown.</summary>
    public const int InvalidToken = 1005;

    /// <summary>401: unknown client id or wrong client secret.</summary>
    public const int InvalidApiKey = 1006;
}
