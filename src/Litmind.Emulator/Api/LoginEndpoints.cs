using System.Text.Json.Nodes;

namespace Litmind.Emulator.Api;

/// <summary><c>POST /api/v1/session/login</c>: the one API endpoint that works without a session.</summary>
internal static class LoginEndpoints
{
    public const string WrongCredentials = "Wrong username or password.";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(ApiPaths.Login, LoginAsync);

    private static async Task<ApiResult> LoginAsync(HttpContext context, EmulatorState state)
    {
        var (fields, bodyError) = await BodyReader.ReadFieldsAsync(context.Request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (BodyReader.RequireFields(fields!, "emailOrUsername", "password") is { } missing)
        {
            return missing;
        }

        var account = DemoData.FindByLogin(fields!["emailOrUsername"].Trim());
        if (account is null || !string.Equals(state.PasswordOf(account), fields["password"], StringComparison.Ordinal))
        {
            // One message for unknown user and wrong password, so the answer does not reveal which accounts exist.
            return ApiResult.Error(state.LoginFailureStatusCode, ErrorCodes.InvalidCredentials, WrongCredentials);
        }

        var sessionId = context.Request.Headers[ApiHeaders.SessionId].ToString();
        if (sessionId.Length == 0)
        {
            sessionId = state.SessionStore.Create(account.Id);
        }
        else
        {
            // Logging in with an existing session adds the account to it (multi-account sessions).
            var session = state.SessionStore.AddUser(sessionId, account.Id);
            if (session.Status != SessionStatus.Active && state.JoinOfExpiredSessionStartsNew)
            {
                // A careless server: the join of a dead session quietly starts another one.
                sessionId = state.SessionStore.Create(account.Id);
            }
            else if (session.Status == SessionStatus.Unknown)
            {
                return LitmindApi.UnknownSession(state);
            }

            else if (session.Status != SessionStatus.Active)
            {
                return LitmindApi.SessionExpired(state, session.ExpiredStatusCode);
            }
        }

        state.CountLogin();
        return ApiResult.Ok(new JsonObject
        {
            ["entity"] = "Login",
            ["sessionId"] = sessionId,
            ["profile"] = ApiJson.Profile(account, withEntity: false),
        });
    }
}
