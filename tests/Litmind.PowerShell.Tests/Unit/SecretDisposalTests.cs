using System.Security;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// A session owns its secrets: Disconnect-Litmind disposes every SecureString it holds (the API
/// key, each stored password), and a password the server refused is disposed the moment it is.
/// </summary>
public sealed class SecretDisposalTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;

    public SecretDisposalTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Emulator.State.Reset();
    }

    private async Task<(LitmindSession Session, SecureString ApiKey, LoginCredential Credential)> ConnectAsync()
    {
        var apiKey = SecretText.Protect(fixture.Emulator.ApiKey);
        var credential = new LoginCredential("imagine-production", SecretText.Protect("Dq4juHcnJBw8"));
        var settings = TestSessions.Settings(ServiceCatalog.Default, fixture.Emulator.BaseUri, new SecretBag([new("apiKey", apiKey)]));
        var session = await SessionFactory.ConnectAsync(settings, credential, keepCredential: true, NullOperationLog.Instance, CancellationToken.None);
        return (session, apiKey, credential);
    }

    [Fact]
    public async Task Disconnect_disposes_the_api_key_and_every_stored_password()
    {
        var (session, apiKey, credential) = await ConnectAsync();
        Assert.Equal(fixture.Emulator.ApiKey.Length, apiKey.Length);
        Assert.True(session.CanReconnect);

        session.Disconnect();

        Assert.Throws<ObjectDisposedException>(() => apiKey.Length);
        Assert.Throws<ObjectDisposedException>(() => credential.Password.Length);
        Assert.False(session.Engine.Settings.Secrets.Has("apiKey"));
        Assert.Null(session.Engine.State.Current);
    }

    [Fact]
    public async Task A_password_the_server_refused_is_disposed_and_dropped()
    {
        var (session, _, credential) = await ConnectAsync();
        fixture.Emulator.State.ChangePassword("imagine-production", "Rotated#2026");
        fixture.Emulator.State.ExpireAllSessions();

        var refused = await Assert.ThrowsAsync<LitmindException>(() => TestSessions.GetTreeAsync(session, "castings"));

        Assert.Equal(ErrorIds.LoginFailed, refused.ErrorId);
        Assert.Throws<ObjectDisposedException>(() => credential.Password.Length);
        Assert.False(session.CanReconnect);
        Assert.All(session.Engine.Accounts.Entries, entry => Assert.Null(entry.Credential));
    }
}
