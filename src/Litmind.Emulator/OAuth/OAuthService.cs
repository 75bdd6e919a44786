using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.OAuth;

/// <summary>
/// An OAuth 2.0 authorization and resource server under <c>/oauth/</c> (*emulator's choice*, after
/// RFC 6749, 6750 and 7009): <c>POST token</c> with the client's Basic credentials and
/// <c>grant_type=client_credentials</c> issues a bearer token; <c>POST revoke</c> ends one;
/// <c>api/…</c> takes it and refuses a bad one with <c>WWW-Authenticate</c>, as RFC 6750 says.
/// Errors are <c>{"error": "&lt;code&gt;"}</c>.
/// </summary>
internal sealed class OAuthService(ServiceState state) : StateBackedService(state)
{
    public const string RootPath = "/oauth/";
    public const string TokenSecret = "access_token";

    private const string TokenPath = "/oauth/token";
    private const string BasicChallenge = "Basic realm=\"oauth\"";
    private const string BearerChallenge = "Bearer realm=\"oauth\"";
    private const string InvalidTokenChallenge = "Bearer error=\"invalid_token\", error_description=\"The access token expired\"";

    public static ServiceState CreateState(TimeProvider clock) =>
        new("OAuth", "oauth", RootPath, IsLogin, OAuthDemo.TokenLifetime, clock);

    /// <summary>Errors the service does not word itself (faults, 404, 405, 500): <c>{"error": "&lt;code in snake case&gt;", "error_description": "…"}</c>.</summary>
    public override ApiResult Error(int statusCode, string errorCode, string description) =>
        ApiResult.Raw(new JsonObject { ["error"] = SnakeCase(errorCode), ["error_description"] = description }, statusCode);

    public override void Map(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Root);
        root.MapPost("/token", TokenAsync);
        root.MapPost("/revoke", RevokeAsync);

        var api = root.MapGroup("/api").WithMetadata(RequiresSession.Instance);
        api.MapGet("/things", Things);
    }

    /// <summary>
    /// The bearer of a live token. None at all: 401 with <c>WWW-Authenticate: Bearer realm="oauth"</c>
    /// and no body (RFC 6750 3.1: no error code when the request has no credentials); unknown, expired
    /// or revoked: 401 (or the expire's status) with <c>error="invalid_token"</c> in the challenge and the body.
    /// </summary>
    public override ApiResult? Authenticate(HttpContext context)
    {
        if (BearerToken.From(context.Request) is not { } token)
        {
            return ApiResult.Empty(401).WithHeader("WWW-Authenticate", BearerChallenge);
        }

        var check = State.SessionStore.Check(TokenSecret, token);
        if (check.Status != ServiceSessionStatus.Active)
        {
            return ApiResult.Raw(new JsonObject { ["error"] = "invalid_token" }, State.RefusedStatus(check.Session))
                .WithHeader("WWW-Authenticate", InvalidTokenChallenge);
        }

        new ServiceCaller(check.Session!.Subject, check.Session.Scope).Store(context);
        return null;
    }

    private static bool IsLogin(string path) => ApiPaths.IsPath(path, TokenPath);

    /// <summary>Client credentials grant: Basic client authentication, then <c>grant_type</c>; the token answer is never cached (<c>Cache-Control: no-store</c>).</summary>
    private async Task<ApiResult> TokenAsync(HttpRequest request)
    {
        if (AuthenticateClient(request) is not { } client)
        {
            return InvalidClient();
        }

        var (form, problem) = await ReadFormAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var grantType = form!.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return OAuthError(400, "invalid_request");
        }

        if (grantType != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type");
        }

        var lifetime = State.SessionLifetime;
        var token = RandomText.Hex(32);
        State.SessionStore.Add(client.ClientId, form!.GetValueOrDefault("scope") is { Length: > 0 } scope ? scope : null, lifetime, new Dictionary<string, string>
        {
            [TokenSecret] = token,
        });
        State.CountLogin();
        return ApiResult.Raw(new JsonObject
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["expires_in"] = (long)Math.Floor(lifetime.TotalSeconds),
            })
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Pragma", "no-cache");
    }

    /// <summary>RFC 7009: 200 with an empty body whether or not the token was known; a live token of the client ends.</summary>
    private async Task<ApiResult> RevokeAsync(HttpRequest request)
    {
        if (AuthenticateClient(request) is not { } client)
        {
            return InvalidClient();
        }

        var (form, problem) = await ReadFormAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.GetValueOrDefault("token") is not { Length: > 0 } token)
        {
            return OAuthError(400, "invalid_request");
        }

        var check = State.SessionStore.Check(TokenSecret, token);
        if (check.Status == ServiceSessionStatus.Active && check.Session!.Subject == client.ClientId)
        {
            State.SessionStore.LogOut(check.Session.Id);
            State.CountLogout();
        }

        return ApiResult.Empty(200);
    }

    private static ApiResult Things() =>
        ApiResult.Raw(new JsonObject
        {
            ["things"] = new JsonArray([.. OAuthDemo.Things.Select(t => new JsonObject { ["id"] = t.Id, ["name"] = t.Name })]),
        });

    /// <summary>
    /// The client of <c>Authorization: Basic base64(client_id:client_secret)</c> (each part form-encoded,
    /// as RFC 6749 2.3.1 says); null when the header is missing, malformed or names no client.
    /// </summary>
    private static OAuthClient? AuthenticateClient(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header[..space].Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(header[(space + 1)..].Trim()));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var client = OAuthDemo.Find(WebUtility.UrlDecode(decoded[..colon]));
        var secret = WebUtility.UrlDecode(decoded[(colon + 1)..]);
        return client is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(secret))
            ? client
            : null;
    }

    /// <summary>The token and revocation endpoints take a form body (RFC 6749 4.4.2); anything else is <c>invalid_request</c>.</summary>
    private static async Task<(IReadOnlyDictionary<string, string>? Form, ApiResult? Problem)> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return (null, OAuthError(400, "invalid_request"));
        }

        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: false);
        return problem is null ? (fields, null) : (null, OAuthError(400, "invalid_request"));
    }

    private static ApiResult InvalidClient() => OAuthError(401, "invalid_client").WithHeader("WWW-Authenticate", BasicChallenge);

    private static ApiResult OAuthError(int statusCode, string error) => ApiResult.Raw(new JsonObject { ["error"] = error }, statusCode);

    /// <summary><c>NotFound</c> → <c>not_found</c>, as OAuth words its error codes.</summary>
    private static string SnakeCase(string code) =>
        string.Concat(code.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLower(c, CultureInfo.InvariantCulture) : c.ToString()));
}
