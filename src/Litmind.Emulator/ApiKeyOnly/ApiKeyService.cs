using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.ApiKeyOnly;

/// <summary>
/// An API that takes a key and nothing else, under <c>/apikey/</c> (*emulator's choice*): no login, no
/// session; every call carries the key as <c>X-Api-Key</c> or as the <c>api_key</c> query parameter
/// (which leaks it into URLs and logs, so the state tallies which one a client used). Errors are
/// <c>{"error": "…"}</c>.
/// </summary>
internal sealed class ApiKeyService(ServiceState state) : StateBackedService(state)
{
    public const string RootPath = "/apikey/";
    public const string KeyHeader = "X-Api-Key";
    public const string KeyQuery = "api_key";

    /// <summary>Tally names: requests that carried a key in the header, in the query, and that were refused.</summary>
    public const string KeyInHeader = "keyInHeader";
    public const string KeyInQuery = "keyInQuery";
    public const string KeyRefused = "keyRefused";

    /// <summary>Nothing expires here; the lifetime only exists because every service has one.</summary>
    public static ServiceState CreateState(TimeProvider clock) =>
        new("ApiKey", "apikey", RootPath, static _ => false, TimeSpan.FromDays(1), clock);

    public override ApiResult Error(int statusCode, string errorCode, string description) =>
        ApiResult.Raw(new JsonObject { ["error"] = description }, statusCode);

    public override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Root).WithMetadata(RequiresSession.Instance);
        api.MapGet("/items", Items);
    }

    /// <summary>The header when it is sent, else the query parameter; a missing or wrong key is 401.</summary>
    public override ApiResult? Authenticate(HttpContext context)
    {
        var request = context.Request;
        var header = request.Headers[KeyHeader].ToString();
        var query = request.Query[KeyQuery].ToString();
        if (header.Length > 0)
        {
            State.CountTally(KeyInHeader);
        }

        if (query.Length > 0)
        {
            State.CountTally(KeyInQuery);
        }

        var key = header.Length > 0 ? header : query;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(ApiKeyDemo.Key)))
        {
            State.CountTally(KeyRefused);
            return ApiResult.Raw(new JsonObject { ["error"] = "invalid api key" }, 401);
        }

        new ServiceCaller("apikey-demo", header.Length > 0 ? "header" : "query").Store(context);
        return null;
    }

    private static ApiResult Items() =>
        ApiResult.Raw(new JsonObject
        {
            ["items"] = new JsonArray([.. ApiKeyDemo.Items.Select(i => new JsonObject { ["id"] = i.Id, ["name"] = i.Name })]),
        });
}
