using System.Globalization;
using System.Net;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>Logs a demo account in to the emulator's Litmind API and gives the headers every later call needs.</summary>
public static class LitmindLogin
{
    /// <summary><c>X-Key</c>, <c>X-SessionId</c> and <c>X-UserId</c> of a fresh session of <paramref name="account"/>.</summary>
    public static async Task<(string Name, string Value)[]> LoginAsync(ServiceEmulatorFixture fixture, DemoAccount account)
    {
        var form = new FormUrlEncodedContent([KeyValuePair.Create("emailOrUsername", account.Username), KeyValuePair.Create("password", account.Password)]);
        var login = (await fixture.SendAsync(HttpMethod.Post, new Uri(fixture.Emulator.BaseUri, "session/login"), form, ("X-Key", fixture.Emulator.ApiKey)))
            .Is(HttpStatusCode.OK);
        return
        [
            ("X-Key", fixture.Emulator.ApiKey),
            ("X-SessionId", (string)login.Json["sessionId"]!),
            ("X-UserId", account.Id.ToString(CultureInfo.InvariantCulture)),
        ];
    }
}
