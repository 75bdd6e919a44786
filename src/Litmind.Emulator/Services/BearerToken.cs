using Microsoft.Net.Http.Headers;

namespace Litmind.Emulator.Services;

/// <summary>Reads the token of an <c>Authorization</c> header.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>
    /// The token of <c>Authorization: Bearer &lt;token&gt;</c> (scheme in any case); null when the
    /// header is absent or has another shape.
    /// </summary>
    /// <param name="allowBare">
    /// Also take a header that is only the token, as Rails apps reading
    /// <c>headers['Authorization'].split(' ').last</c> do.
    /// </param>
    public static string? From(HttpRequest request, bool allowBare = false)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return allowBare ? header : null;
        }

        var token = header[(space + 1)..].Trim();
        return header[..space].Equals(Scheme, StringComparison.OrdinalIgnoreCase) && token.Length > 0 && !token.Contains(' ', StringComparison.Ordinal)
            ? token
            : null;
    }
}
