using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// A small loopback stand-in for the other seeds' services, for engine tests of what the Litmind
/// emulator cannot do: LivePerson's JSON login with bearer, csrf, Session_id cookie and sessionTTl,
/// its refresh and logout (seed 002); a token API's form login answering a JWT (003); Hypernative's
/// JSON login and its client id and secret (004). It plays only what those tests name; the full
/// emulators of these services come with issue 11.
/// </summary>
public sealed class TokenServiceFake : IAsyncDisposable
{
    public const string Password = "right-password";
    public const string ClientId = "client-id-1";
    public const string ClientSecret = "client-secret-1";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, bool> validBearers = new();
    private int logins;
    private int refreshes;
    private int logouts;

    private TokenServiceFake(WebApplication app) => this.app = app;

    public Uri BaseUri { get; private set; } = null!;

    public int Logins => Volatile.Read(ref logins);

    public int Refreshes => Volatile.Read(ref refreshes);

    public int Logouts => Volatile.Read(ref logouts);

    /// <summary>The sessionTTl a LivePerson login or refresh answers, in milliseconds.</summary>
    public int SessionTtlMs { get; set; } = 3_600_000;

    /// <summary>How long a token API JWT lives.</summary>
    public int JwtLifetimeSeconds { get; set; } = 3600;

    /// <summary>Refresh answers 401, as for a session the server already ended.</summary>
    public bool RefuseRefresh { get; set; }

    /// <summary>Logout answers 500 quoting the request's Cookie header, as a careless gateway does.</summary>
    public bool LogoutEchoesCookie { get; set; }

    /// <summary>Text a LivePerson login appends to the bearer it answers, as a hostile or broken server might (a line break).</summary>
    public string BearerTail { get; set; } = string.Empty;

    /// <summary>Every request, in order.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    public static async Task<TokenServiceFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new TokenServiceFake(builder.Build());
        fake.Map();
        await fake.app.StartAsync();
        fake.BaseUri = new Uri(fake.app.Urls.First().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Ends every session: calls with the bearers issued so far answer 401 until a refresh.</summary>
    public void ExpireAll()
    {
        foreach (var bearer in validBearers.Keys)
        {
            validBearers[bearer] = false;
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static IResult Json(JsonObject body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            string body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Calls.Enqueue(new Call(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            await next(context);
        });

        app.MapPost("/api/account/{accountId}/login", async (HttpContext context, string accountId) =>
        {
            var login = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
            if ((string?)login["password"] != Password)
            {
                return Json(new JsonObject { ["message"] = "Bad authentication" }, 401);
            }

            Interlocked.Increment(ref logins);
            string bearer = NewBearer();
            context.Response.Cookies.Append("Session_id", "cookie-" + Guid.NewGuid().ToString("N"));
            return Json(new JsonObject
            {
                ["csrf"] = "csrf-" + Guid.NewGuid().ToString("N"),
                ["config"] = new JsonObject { ["loginName"] = (string?)login["username"], ["userId"] = "3705342610" },
                ["sessionTTl"] = SessionTtlMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["bearer"] = bearer + BearerTail,
            });
        });

        app.MapPost("/api/account/{accountId}/refresh", (HttpContext context) =>
        {
            if (RefuseRefresh || !context.Request.Cookies.ContainsKey("Session_id"))
            {
                return Json(new JsonObject { ["message"] = "Session ended" }, 401);
            }

            Interlocked.Increment(ref refreshes);
            foreach (var bearer in validBearers.Keys)
            {
                validBearers[bearer] = true;
            }

            return Json(new JsonObject { ["sessionTTl"] = SessionTtlMs.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        });

        app.MapPost("/api/account/{accountId}/logout", (HttpContext context) =>
        {
            Interlocked.Increment(ref logouts);
            return LogoutEchoesCookie
                ? Json(new JsonObject { ["message"] = "Logout refused. Cookie received: " + context.Request.Headers.Cookie }, 500)
                : Json(new JsonObject());
        });

        app.MapPost("/sessions", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (form["password"] != Password)
            {
                return Json(new JsonObject { ["message"] = "Invalid credentials" }, 401);
            }

            Interlocked.Increment(ref logins);
            string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["user_id"] = 1, ["exp"] = DateTimeOffset.UtcNow.AddSeconds(JwtLifetimeSeconds).ToUnixTimeSeconds() }.ToJsonString()))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
            string token = "eyJhbGciOiJIUzI1NiJ9." + payload + "." + NewBearer();
            validBearers[token] = true;
            return Json(new JsonObject { ["auth_token"] = token });
        });

        app.MapPost("/auth/login", async (HttpContext context) =>
        {
            var login = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            if (login["organizationId"] is null)
            {
                return Json(new JsonObject { ["success"] = false, ["data"] = null, ["error"] = "organizationId is mandatory", ["errorCode"] = 1002 }, 400);
            }

            Interlocked.Increment(ref logins);
            return Json(new JsonObject { ["data"] = new JsonObject { ["token"] = NewBearer(), ["refreshToken"] = "refresh-" + Guid.NewGuid().ToString("N") } });
        });

        app.MapGet("/data", (HttpContext context) =>
        {
            string authorization = context.Request.Headers.Authorization.ToString();
            bool bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && validBearers.TryGetValue(authorization["Bearer ".Length..], out bool valid) && valid;
            bool keys = context.Request.Headers["x-client-id"] == ClientId && context.Request.Headers["x-client-secret"] == ClientSecret;
            return bearer || keys
                ? Json(new JsonObject { ["items"] = new JsonArray(1, 2, 3) })
                : Json(new JsonObject { ["message"] = "Unauthorized" }, 401);
        });
    }

    private string NewBearer()
    {
        string bearer = Guid.NewGuid().ToString("N");
        validBearers[bearer] = true;
        return bearer;
    }

    public sealed record Call(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }
}
