namespace Litmind.Emulator.Api;

internal static class ApiPaths
{
    public const string Prefix = "/api/v1";
    public const string Login = Prefix + "/session/login";

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static bool IsLogin(string path) => IsPath(path, Login);

    /// <summary>Whether a request path is <paramref name="expected"/>, ignoring case and a trailing slash.</summary>
    public static bool IsPath(string path, string expected) =>
        string.Equals(path.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase);
}

internal static class ApiHeaders
{
    public const string ApiKey = "X-Key";
    public const string SessionId = "X-SessionId";
    public const string UserId = "X-UserId";
    public const string RequestId = "X-Request-Id";
}

/// <summary>The stable <c>errorCode</c> values of error answers; clients and tests may rely on them.</summary>
internal static class ErrorCodes
{
    public const string InvalidApiKey = "InvalidApiKey";
    public const string MissingHeader = "MissingHeader";
    public const string MissingField = "MissingField";
    public const string MalformedBody = "MalformedBody";
    public const string InvalidArgument = "InvalidArgument";
    public const string InvalidCredentials = "InvalidCredentials";
    public const string SessionExpired = "SessionExpired";
    public const string UnknownSession = "UnknownSession";
    public const string UserNotInSession = "UserNotInSession";
    public const string NotFound = "NotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string Forbidden = "Forbidden";
    public const string Conflict = "Conflict";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string Throttled = "Throttled";
    public const string Unavailable = "Unavailable";
    public const string ServerError = "ServerError";
    public const string BadGateway = "BadGateway";
    public const string GatewayTimeout = "GatewayTimeout";
    public const string Unauthorized = "Unauthorized";
}
