using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Litmind.Emulator.Api;

/// <summary>
/// A JSON answer: in the Litmind envelope, as a bare JSON value where an API has none, or in the
/// shape of another emulated service (built with <see cref="Raw"/> or <see cref="Message"/>).
/// </summary>
internal sealed class ApiResult : IResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    // Relaxed escaping keeps quotes, apostrophes and "São Paulo" readable, as a real JSON API sends them.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ApiResult(int statusCode, JsonNode body)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    public JsonNode Body { get; }

    /// <summary>
    /// Wraps an entity object (whose first property is <c>entity</c>) in a success envelope:
    /// <c>isSuccess</c> and <c>errorDescription</c> go right after <c>entity</c>, as Litmind orders them.
    /// </summary>
    public static ApiResult Ok(JsonObject entity)
    {
        entity.Insert(1, "isSuccess", true);
        entity.Insert(2, "errorDescription", null);
        return new ApiResult(200, entity);
    }

    /// <summary>A body sent as is: for the few endpoints that answer without an envelope.</summary>
    public static ApiResult Raw(JsonNode body, int statusCode = 200) => new(statusCode, body);

    /// <summary><c>{"message": "..."}</c>: how the token API (and, in the emulator, LivePerson) words an error.</summary>
    public static ApiResult Message(int statusCode, string message) => new(statusCode, new JsonObject { ["message"] = message });

    public static ApiResult Error(int statusCode, string errorCode, string description) => new(statusCode, new JsonObject
    {
        ["entity"] = "Error",
        ["isSuccess"] = false,
        ["errorDescription"] = description,
        ["errorCode"] = errorCode,
    });

    public static ApiResult NotFound(string description) => Error(404, ErrorCodes.NotFound, description);

    public static ApiResult Forbidden(string description) => Error(403, ErrorCodes.Forbidden, description);

    public static ApiResult InvalidArgument(string description) => Error(400, ErrorCodes.InvalidArgument, description);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = Encoding.UTF8.GetBytes(Body.ToJsonString(WriteOptions));
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
