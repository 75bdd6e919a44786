using System.Text.Json.Nodes;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator.Cookie;

/// <summary>
/// A web app's session under <c>/cookie/</c> (*emulator's choice*): a form login answers HTML, a
/// <c>sid</c> cookie and an <c>X-CSRF-Token</c> header; calls send the cookie, and unsafe methods
/// also the CSRF token. No bearer, no JSON login answer. API errors are <c>{"error": "…"}</c>; the
/// login's are plain text.
/// </summary>
internal sealed class CookieService : StateBackedService
{
    public const string RootPath = "/cookie/";
    public const string SessionCookie = "sid";
    public const string CsrfHeader = "X-CSRF-Token";

    private const string LoginPath = "/cookie/login";
    private const string CookieAttributes = "Path=/cookie/; HttpOnly";
    private const string HtmlType = "text/html; charset=utf-8";
    private const string PlainType = "text/plain; charset=utf-8";
    private const string CsrfSecret = "csrf";

    private readonly Lock _sync = new();
    private List<CookieNote> _notes = [];

    public CookieService(ServiceState state)
        : base(state)
    {
        ResetNotes();
        state.OnReset(ResetNotes);
    }

    public static ServiceState CreateState(TimeProvider clock) =>
        new("Cookie", "cookie", RootPath, IsLogin, CookieDemo.SessionLifetime, clock);

    public override ApiResult Error(int statusCode, string errorCode, string description) => JsonError(statusCode, description);

    public override void Map(IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Root);
        root.MapPost("/login", LoginAsync);

        var session = root.MapGroup("").WithMetadata(RequiresSession.Instance);
        session.MapPost("/logout", Logout);
        session.MapGet("/api/notes", Notes);
        session.MapPost("/api/notes", AddNoteAsync);
    }

    /// <summary>
    /// The <c>sid</c> cookie of a live session (401 without one or for one that is unknown or over);
    /// for POST, PUT, PATCH and DELETE also its CSRF token in <c>X-CSRF-Token</c> (403 without it).
    /// </summary>
    public override ApiResult? Authenticate(HttpContext context)
    {
        var request = context.Request;
        if (!request.Cookies.TryGetValue(SessionCookie, out var sid) || sid.Length == 0)
        {
            return JsonError(401, "not logged in");
        }

        var check = State.SessionStore.Check(SessionCookie, sid);
        if (check.Status != ServiceSessionStatus.Active)
        {
            return JsonError(State.RefusedStatus(check.Session), "session expired");
        }

        var session = check.Session!;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            && !string.Equals(request.Headers[CsrfHeader].ToString(), session.Secrets[CsrfSecret], StringComparison.Ordinal))
        {
            return JsonError(403, "csrf");
        }

        new ServiceCaller(session.Subject, null).Store(context);
        return null;
    }

    private static bool IsLogin(string path) => ApiPaths.IsPath(path, LoginPath);

    /// <summary>Form <c>username</c> and <c>password</c>: 200 HTML with the cookie and the CSRF token; 401 plain text otherwise.</summary>
    private async Task<ApiResult> LoginAsync(HttpRequest request)
    {
        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: false);
        if (problem is not null)
        {
            return ApiResult.Text(400, "Bad request: " + problem, PlainType);
        }

        var user = fields!.TryGetValue("username", out var username) ? CookieDemo.Find(username) : null;
        if (user is null || !fields.TryGetValue("password", out var password) || !string.Equals(user.Password, password, StringComparison.Ordinal))
        {
            return ApiResult.Text(401, "Bad credentials", PlainType);
        }

        var sid = RandomText.Hex(16);
        var csrf = RandomText.Hex(16);
        State.SessionStore.Add(user.Username, null, State.SessionLifetime, new Dictionary<string, string>
        {
            [SessionCookie] = sid,
            [CsrfSecret] = csrf,
        });
        State.CountLogin();
        return ApiResult.Text(200, "<html>Welcome</html>", HtmlType)
            .WithHeader("Set-Cookie", $"{SessionCookie}={sid}; {CookieAttributes}")
            .WithHeader(CsrfHeader, csrf);
    }

    /// <summary>Ends the session of the cookie (which the gate found live) and deletes the cookie: 204.</summary>
    private ApiResult Logout(HttpRequest request)
    {
        var session = State.SessionStore.Check(SessionCookie, request.Cookies[SessionCookie]!).Session!;
        State.SessionStore.LogOut(session.Id);
        State.CountLogout();
        return ApiResult.Empty(204).WithHeader("Set-Cookie", $"{SessionCookie}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; {CookieAttributes}");
    }

    private ApiResult Notes()
    {
        lock (_sync)
        {
            return ApiResult.Raw(new JsonObject { ["notes"] = new JsonArray([.. _notes.Select(NoteJson)]) });
        }
    }

    /// <summary>JSON <c>{"text"}</c>: 201 with the note; 422 without text.</summary>
    private async Task<ApiResult> AddNoteAsync(HttpRequest request)
    {
        var (fields, problem) = await BodyReader.ReadAsync(request, jsonOnly: true);
        if (problem is not null)
        {
            return JsonError(400, problem);
        }

        if (!fields!.TryGetValue("text", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return JsonError(422, "text is required");
        }

        lock (_sync)
        {
            var note = new CookieNote(_notes.Count == 0 ? 1 : _notes.Max(n => n.Id) + 1, text);
            _notes.Add(note);
            return ApiResult.Raw(NoteJson(note), 201);
        }
    }

    private void ResetNotes()
    {
        lock (_sync)
        {
            _notes = [.. CookieDemo.Notes];
        }
    }

    private static JsonObject NoteJson(CookieNote note) => new() { ["id"] = note.Id, ["text"] = note.Text };

    private static ApiResult JsonError(int statusCode, string error) => ApiResult.Raw(new JsonObject { ["error"] = error }, statusCode);
}
