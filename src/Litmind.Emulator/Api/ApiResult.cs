using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Litmind.Emulator.Api;

/// <summary>
/// An answer: JSON in the Litmind envelope, as a bare JSON value where an API has none, or in the
/// shape of another emulated service (built with <see cref="Raw"/> or <see cref="Message"/>); or,
/// for the APIs that answer so, text (<see cref="Text"/>) or no body at all (<see cref="Empty"/>).
/// Extra response headers ride along with <see cref="WithHeader"/>.
/// </summary>
internal sealed class ApiResult : IResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    // Relaxed escaping keeps quotes, apostrophes and "São Paulo" readable, as a real JSON API sends them.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<KeyValuePair<string, string>> _headers = [];

    private ApiResult(int statusCode, JsonNode? json, string? text, string? contentType)
    {
        StatusCode = statusCode;
        Json = json;
        TextBody = text;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    /// <summary>The JSON body; null for a text or empty answer.</summary>
    public JsonNode? Json { get; }

    /// <summary>The text body of a <see cref="Text"/> answer.</summary>
    public string? TextBody { get; }

    /// <summary>The Content-Type; null for an answer without a body.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// Wraps an entity object (whose first property is <c>entity</c>) in a success envelope:
    /// <c>isSuccess</c> and <c>errorDescription</c> go right after <c>entity</c>, as Litmind orders them.
    /// </summary>
    public static ApiResult Ok(JsonObject entity, int statusCode = 200)
    {
        entity.Insert(1, "isSuccess", true);
        entity.Insert(2, "errorDescription", null);
        return new ApiResult(statusCode, entity, null, JsonContentType);
    }

    /// <summary>A body sent as is: for the few endpoints that answer without an envelope.</summary>
    /// <param name="contentType">The media type when it is not plain JSON (e.g. <c>application/vnd.api+json</c>).</param>
    public static ApiResult Raw(JsonNode body, int statusCode = 200, string contentType = JsonContentType) => new(statusCode, body, null, contentType);

    /// <summary><c>{"message": "..."}</c>: how the token API (and, in the emulator, LivePerson) words an error.</summary>
    public static ApiResult Message(int statusCode, string message) => Raw(new JsonObject { ["message"] = message }, statusCode);

    /// <summary>A text answer (HTML, plain text), for the APIs that do not always answer JSON.</summary>
    public static ApiResult Text(int statusCode, string text, string contentType) => new(statusCode, null, text, contentType);

    /// <summary>
    /// An answer without a body and without a Content-Type: 204, 304, or a 200 whose body is empty
    /// (sent with <c>Content-Length: 0</c>), as APIs answer writes that have nothing to say.
    /// </summary>
    public static ApiResult Empty(int statusCode) => new(statusCode, null, null, null);

    public static ApiResult Error(int statusCode, string errorCode, string description) => Raw(new JsonObject
    {
        ["entity"] = "Error",
        ["isSuccess"] = false,
        ["errorDescription"] = description,
        ["errorCode"] = errorCode,
    }, statusCode);

    public static ApiResult NotFound(string description) => Error(404, ErrorCodes.NotFound, description);

    public static ApiResult Forbidden(string description) => Error(403, ErrorCodes.Forbidden, description);

    public static ApiResult InvalidArgument(string description) => Error(400, ErrorCodes.InvalidArgument, description);

    /// <summary>Adds a response header (a repeated name adds another value); returns this answer.</summary>
    public ApiResult WithHeader(string name, string value)
    {
        _headers.Add(KeyValuePair.Create(name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        byte[]? bytes = Json is not null ? Encoding.UTF8.GetBytes(Json.ToJsonString(WriteOptions))
            : TextBody is not null ? Encoding.UTF8.GetBytes(TextBody)
            : null;
        if (bytes is null)
        {
            // 204 and 304 must not carry a length; any other empty answer says it is empty.
            if (StatusCode is not (204 or 304))
            {
                response.ContentLength = 0;
            }

            return;
        }

        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
