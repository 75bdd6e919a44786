using Litmind.PowerShell.Auth;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Safety;

/// <summary>
/// The cmdlets mask every secret a session of any service holds, not only Litmind's. No built-in
/// service but Litmind exists yet, so the session is connected by the engine with a test
/// definition and handed to the cmdlets.
/// </summary>
public sealed class OtherServiceSecretTests : IAsyncLifetime
{
    private TokenServiceFake fake = null!;

    public async Task InitializeAsync() => fake = await TokenServiceFake.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public async Task A_logout_that_quotes_the_sessions_cookie_shows_no_secret_in_Disconnect_Litmind()
    {
        var definition = ServiceCatalog.Load(Path.Combine(AppContext.BaseDirectory, "Unit", "Definitions", "LivePerson.json"));
        var engine = await SessionEngine.ConnectAsync(
            definition, fake.BaseUri, new SecretBag(null), new Dictionary<string, object> { ["accountId"] = "123456" },
            new LoginCredential("agent@example.org", PowerShellRunner.Secure(TokenServiceFake.Password)), true, new CallOptions(), false, new RecordingLog(), CancellationToken.None);
        var tokens = engine.Current!;
        fake.LogoutEchoesCookie = true;

        using var ps = new PowerShellRunner(null);
        ps.Set("s", new LitmindSession(engine));
        var result = ps.Run("Disconnect-Litmind -Session $s", verbose: true).ShouldSucceed();

        Assert.Equal(1, fake.Logouts);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains("Cookie received: Session_id=<redacted>", warning);
        foreach (var secret in tokens.SecretValues.Append(TokenServiceFake.Password))
        {
            Assert.DoesNotContain(secret, result.AllText);
        }
    }
}
