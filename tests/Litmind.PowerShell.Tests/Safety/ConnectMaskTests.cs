using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Safety;

/// <summary>
/// Connect-Litmind masks the secrets of the service it connects to (read from its definition
/// before anything else), not Litmind's: a server that quotes a user's service's key back in a
/// refused login shows nothing.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConnectMaskTests : IClassFixture<ServicesFixture>, IDisposable
{
    private const string TrackerKey = "tracker-key-5b8e1d2c9a7f4e6b";

    private readonly ServicesFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-mask-").FullName;
    private readonly EnvironmentScope environment = EnvironmentScope.Set(new Dictionary<string, string?> { ["TRACKER_KEY"] = TrackerKey });

    public ConnectMaskTests(ServicesFixture fixture) => this.fixture = fixture;

    public void Dispose()
    {
        environment.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_refused_login_that_quotes_a_users_service_key_from_the_environment_shows_no_key()
    {
        string definition = $$"""
            {
              "name": "Tracker",
              "baseUri": "{{fixture.Emulator.RailsTokenBaseUri}}",
              "secrets": { "trackerKey": { "label": "tracker key", "environment": "TRACKER_KEY" } },
              "envelope": { "message": [ "errorDescription", "message" ] },
              "login": {
                "method": "POST",
                "path": "sessions",
                "headers": { "X-Tracker-Key": "{secret.trackerKey}" },
                "form": { "email": "{credential.userName}", "password": "{credential.password}" },
                "capture": { "token": { "body": "auth_token" } }
              },
              "authorize": { "headers": { "Authorization": "Bearer {token.token}", "X-Tracker-Key": "{secret.trackerKey}" } }
            }
            """;
        File.WriteAllText(Path.Combine(folder, "tracker.json"), definition);
        using var ps = fixture.NewRunner();
        ps.Set("File", Path.Combine(folder, "tracker.json"));
        fixture.State.RailsToken.EnqueueFault(new Fault { StatusCode = 400, EchoRequestHeaders = true, PathPrefix = "sessions" });

        var result = ps.Run("Connect-Litmind -Service $File -Credential $FooCred", verbose: true);

        var error = result.SingleError;
        Assert.Equal("Litmind.LoginFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("X-Tracker-Key: <redacted>", error.Exception.Message);
        Assert.DoesNotContain(TrackerKey, result.AllText);
        Assert.Equal(1, fixture.State.RailsToken.LoginAttempts);
    }
}
