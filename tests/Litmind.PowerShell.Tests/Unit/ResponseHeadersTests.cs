using System.Net;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// The answer's headers as -ResponseHeadersVariable and $_.Exception.Response show them: a header
/// whose name says it carries a secret is redacted (no server of the emulator answers a call with
/// one, so the answer is built here), the others kept as sent.
/// </summary>
public sealed class ResponseHeadersTests
{
    [Fact]
    public void Headers_that_carry_secrets_are_redacted_and_the_others_kept()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        response.Headers.TryAddWithoutValidation("Set-Cookie", "sid=abc123; Path=/");
        response.Headers.TryAddWithoutValidation("access-token", "tok-456");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        response.Headers.TryAddWithoutValidation("Access-Control-Allow-Credentials", "true");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "7");

        var headers = ResponseHeaders.Snapshot(response).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(new[] { HeaderRedaction.Redacted }, headers["Set-Cookie"]);
        Assert.Equal(new[] { HeaderRedaction.Redacted }, headers["access-token"]);
        Assert.Equal(new[] { "Bearer error=\"invalid_token\"" }, headers["WWW-Authenticate"]);
        Assert.Equal(new[] { "true" }, headers["Access-Control-Allow-Credentials"]);
        Assert.Equal(new[] { "7" }, headers["X-RateLimit-Remaining"]);
        Assert.Equal(new[] { "application/json; charset=utf-8" }, headers["Content-Type"]);
    }
}
