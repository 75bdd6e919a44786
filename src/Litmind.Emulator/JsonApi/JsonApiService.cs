using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Net.Http.Headers;

namespace Litmind.Emulator.JsonApi;

/// <summary>
/// A JSON:API (v1.1) service under <c>/jsonapi/</c> (*emulator's choice*): every document is
/// <c>application/vnd.api+json</c>, both ways; resources are <c>{"type","id","attributes"}</c> under
/// <c>data</c>; errors are <c>{"errors":[{"status","code","title"?,"source"?,"detail"}]}</c>, several
/// at once when several things are wrong. A session is created as a resource (<c>POST sessions</c>).
/// </summary>
internal sealed class JsonApiService : StateBackedService
{
    public const string RootPath = "/jsonapi/";
    public const string MediaType = "application/vnd.api+json";
    public const string TokenSecret = "token";

    private const string SessionsPath = "/jsonapi/sessions";

    private readonly Lock _sync = new();
    private List<JsonApiArticle> _articles = [];

    public JsonApiService(ServiceState state)
        : base(state)
    {
        ResetArticles();
        state.OnReset(ResetArticles);
    }

    public static ServiceState CreateState(TimeProvider clock) =>
        new("JsonApi", "jsonapi", RootPath, IsLogin, JsonApiDemo.TokenLifetime, clock);

    /// <summary>Errors the service does not word itself (faults, 404, 405, 500), as a JSON:API error document.</summary>
    public override ApiResult Error(int statusCode, string errorCode, string description) =>
        Errors(statusCode, ErrorObject(statusCode, SnakeCase(errorCode), description, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode)));

    /// <summary>
    /// A request with a body must say <c>Content-Type: application/vnd.api+json</c>, with no media type
    /// parameter but <c>ext</c> and <c>profile</c> (not even <c>charset</c>), as JSON:API requires: else 415.
    /// </summary>
    public override ApiResult? CheckBeforeRouting(HttpRequest request)
    {
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody || IsJsonApi(request.ContentType))
        {
            return null;
        }

        return Errors(415, ErrorObject(415, "unsupported_media_type", $"Send Content-Type: {MediaType} (without parameters), not '{request.ContentType}'.", "Unsupported Media Type"));
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Root);
        root.MapPost("/sessions", CreateSessionAsync);

        var api = root.MapGroup("").WithMetadata(RequiresSession.Instance);
        api.MapGet("/articles", Articles);
        api.MapGet("/articles/{id:long}", Article);
        api.MapPost("/articles", CreateArticleAsync);
    }

    /// <summary><c>Authorization: Bearer &lt;token&gt;</c> of a live session; missing, unknown and expired tokens each have their error code.</summary>
    public override ApiResult? Authenticate(HttpContext context)
    {
        if (BearerToken.From(context.Request) is not { } token)
        {
            return Errors(401, ErrorObject(401, "missing_token", "Send Authorization: Bearer <token>."));
        }

        var check = State.SessionStore.Check(TokenSecret, token);
        var status = State.RefusedStatus(check.Session);
        switch (check.Status)
        {
            case ServiceSessionStatus.Unknown:
                return Errors(status, ErrorObject(status, "invalid_token", "The token is not valid."));
            case ServiceSessionStatus.Expired or ServiceSessionStatus.LoggedOut:
                return Errors(status, ErrorObject(status, "token_expired", "The token has expired."));
        }

        new ServiceCaller(check.Session!.Subject, null).Store(context);
        return null;
    }

    private static bool IsLogin(string path) => ApiPaths.IsPath(path, SessionsPath);

    /// <summary>
    /// <c>{"data":{"type":"sessions","attributes":{"email","password"}}}</c>: 201 with the session
    /// resource (its token and <c>expires_at</c>); 401 <c>invalid_credentials</c> otherwise.
    /// </summary>
    private async Task<ApiResult> CreateSessionAsync(HttpRequest request)
    {
        var (attributes, problem) = await ReadResourceAsync(request, "sessions");
        if (problem is not null)
        {
            return problem;
        }

        var user = Text(attributes!, "email") is { } email ? JsonApiDemo.Find(email) : null;
        if (user is null || !string.Equals(Text(attributes!, "password"), user.Password, StringComparison.Ordinal))
        {
            return Errors(401, new JsonObject
            {
                ["status"] = "401",
                ["code"] = "invalid_credentials",
                ["title"] = "Invalid credentials",
                ["detail"] = "Email or password is wrong.",
            });
        }

        var token = RandomText.Hex(32);
        var session = State.SessionStore.Add(user.Email, null, State.SessionLifetime, new Dictionary<string, string> { [TokenSecret] = token });
        State.CountLogin();
        return Document(201, Resource("sessions", session.Id.TrimStart('s'), new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = session.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        }));
    }

    private ApiResult Articles()
    {
        lock (_sync)
        {
            return Document(200, new JsonArray([.. _articles.Select(ArticleResource)]));
        }
    }

    private ApiResult Article(long id)
    {
        lock (_sync)
        {
            return _articles.FirstOrDefault(a => a.Id == id) is { } article
                ? Document(200, ArticleResource(article))
                : Errors(404, ErrorObject(404, "not_found", $"Article {id} not found.", "Not Found"));
        }
    }

    /// <summary>
    /// <c>{"data":{"type":"articles","attributes":{"title"}}}</c>: 201 with the article and its
    /// <c>Location</c>; a missing or blank title is 422 with two errors (blank, too short), a title
    /// under <see cref="JsonApiDemo.MinTitleLength"/> characters 422 too short.
    /// </summary>
    private async Task<ApiResult> CreateArticleAsync(HttpRequest request)
    {
        var (attributes, problem) = await ReadResourceAsync(request, "articles");
        if (problem is not null)
        {
            return problem;
        }

        var title = Text(attributes!, "title")?.Trim();
        var tooShort = new JsonObject { ["status"] = "422", ["code"] = "too_short", ["detail"] = "Title is too short." };
        if (string.IsNullOrEmpty(title))
        {
            return Errors(
                422,
                new JsonObject { ["status"] = "422", ["code"] = "blank", ["source"] = new JsonObject { ["pointer"] = "/data/attributes/title" }, ["detail"] = "Title can't be blank." },
                tooShort);
        }

        if (title.Length < JsonApiDemo.MinTitleLength)
        {
            return Errors(422, tooShort);
        }

        JsonApiArticle article;
        lock (_sync)
        {
            article = new JsonApiArticle(_articles.Count == 0 ? 1 : _articles.Max(a => a.Id) + 1, title);
            _articles.Add(article);
        }

        var location = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, $"{RootPath}articles/{article.Id}");
        return Document(201, ArticleResource(article)).WithHeader("Location", location);
    }

    /// <summary>
    /// Reads a resource document of <paramref name="type"/> and gives its <c>attributes</c> (empty when
    /// absent): 400 <c>invalid_document</c> for a body that is not one, 409 <c>type_mismatch</c> for another type.
    /// </summary>
    private static async Task<(JsonObject? Attributes, ApiResult? Problem)> ReadResourceAsync(HttpRequest request, string type)
    {
        JsonNode? document;
        try
        {
            document = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, Errors(400, ErrorObject(400, "invalid_document", $"The body is not a JSON:API document: {e.Message}")));
        }

        if (document is not JsonObject { } root || root["data"] is not JsonObject data)
        {
            return (null, Errors(400, ErrorObject(400, "invalid_document", "The document needs a \"data\" object.")));
        }

        if (data["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var given) || given != type)
        {
            return (null, Errors(409, ErrorObject(409, "type_mismatch", $"\"data.type\" must be \"{type}\".", "Conflict")));
        }

        return (data["attributes"] as JsonObject ?? [], null);
    }

    private void ResetArticles()
    {
        lock (_sync)
        {
            _articles = [.. JsonApiDemo.Articles];
        }
    }

    private static string? Text(JsonObject attributes, string name) =>
        attributes[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsJsonApi(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase)
        && media.Parameters.All(p => p.Name.Equals("ext", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("profile", StringComparison.OrdinalIgnoreCase));

    private static JsonObject ArticleResource(JsonApiArticle article) =>
        Resource("articles", article.Id.ToString(CultureInfo.InvariantCulture), new JsonObject { ["title"] = article.Title });

    private static JsonObject Resource(string type, string id, JsonObject attributes) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["attributes"] = attributes,
    };

    private static ApiResult Document(int statusCode, JsonNode data) => ApiResult.Raw(new JsonObject { ["data"] = data }, statusCode, MediaType);

    private static ApiResult Errors(int statusCode, params JsonObject[] errors) =>
        ApiResult.Raw(new JsonObject { ["errors"] = new JsonArray([.. errors]) }, statusCode, MediaType);

    /// <summary>One error object; JSON:API's <c>status</c> is a string.</summary>
    private static JsonObject ErrorObject(int statusCode, string code, string detail, string? title = null)
    {
        var error = new JsonObject { ["status"] = statusCode.ToString(CultureInfo.InvariantCulture), ["code"] = code };
        if (!string.IsNullOrEmpty(title))
        {
            error["title"] = title;
        }

        error["detail"] = detail;
        return error;
    }

    /// <summary><c>NotFound</c> → <c>not_found</c>.</summary>
    private static string SnakeCase(string code) =>
        string.Concat(code.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLower(c, CultureInfo.InvariantCulture) : c.ToString()));
}
