using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Safety;

/// <summary>
/// The cmdlets mask every secret a session of any service holds, not only Litmind's, even where a
/// careless server quotes them back (a loopback stand-in plays that server: the emulator's
/// LivePerson answers its logout correctly).
/// </summary>
public sealed class OtherServiceSecretTests : IAsyncLifetime
{
    private TokenServiceFake fake = null!;

    public async Task InitializeAsync() => fake = await TokenServiceFake.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public void A_logout_that_quotes_the_sessions_cookie_shows_no_secret_in_Disconnect_Litmind()
    {
        using var ps = new PowerShellRunner(null);
        ps.Set("base", fake.BaseUri.ToString());
        ps.Set("cred", new System.Management.Automation.PSCredential("agent@example.org", PowerShellRunner.Secure(TokenServiceFake.Password)));
        var engine = ((LitmindSession)ps.Run("Connect-Litmind -Service LivePerson -BaseUri $base -AccountId 123456 -Credential $cred").ShouldSucceed().Output.Single().BaseObject).Engine;
        var tokens = engine.State.Current!;
        fake.LogoutEchoesCookie = true;

        var result = ps.Run("Disconnect-Litmind", verbose: true).ShouldSucceed();

        Assert.Equal(1, fake.Logouts);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains("Cookie received: Session_id=<redacted>", warning);
        foreach (var secret in tokens.SecretValues.Append(TokenServiceFake.Password))
        {
            Assert.DoesNotContain(secret, result.AllText);
        }
    }
}
