using System.Management.Automation;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// A service of the user's own, described in a definition file (-Service path): loaded, validated
/// and used end to end through the cmdlets against the emulator (here its token API, described
/// afresh as "Tracker"), and handed to a job by its file.
/// </summary>
public sealed class UserDefinitionTests : IClassFixture<ServicesFixture>, IDisposable
{
    private const string Tracker = """
        {
          "name": "Tracker",
          "description": "The emulator's token API as a user would describe it, with a header of its own.",
          "parameters": {
            "client": { "type": "string" }
          },
          "envelope": { "message": "message" },
          "login": {
            "method": "POST",
            "path": "sessions",
            "form": { "email": "{credential.userName}", "password": "{credential.password}" },
            "capture": { "token": { "body": "auth_token" } }
          },
          "lifetime": { "jwt": "token", "refreshAhead": 120 },
          "authorize": {
            "headers": { "Authorization": "Bearer {token.token}", "X-Client": "{parameter.client}" }
          },
          "hints": [
            { "match": { "status": 401 }, "text": "Check the tracker's e-mail and password." }
          ]
        }
        """;

    private const string Connect = "$tracker = Connect-Litmind -Service ./tracker.json -BaseUri $RailsTokenUri -Credential $FooCred -ServiceParameter @{ client = 'nightly-report' }\n";

    private readonly ServicesFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-definitions-").FullName;

    public UserDefinitionTests(ServicesFixture fixture)
    {
        this.fixture = fixture;
        File.WriteAllText(Path.Combine(folder, "tracker.json"), Tracker);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Litmind.Emulator.Services.ServiceState RailsToken => fixture.State.RailsToken;

    private PowerShellRunner NewRunner()
    {
        var ps = fixture.NewRunner();
        ps.Runspace.SessionStateProxy.Path.SetLocation(folder);
        return ps;
    }

    [Fact]
    public void A_definition_file_relative_to_the_current_location_connects_and_calls_as_it_says()
    {
        using var ps = NewRunner();
        var result = ps.Run(Connect + """
            $tracker.Service
            (Invoke-LitmindRequest 'projects').name
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Tracker", "Website relaunch", "Mobile app" }, result.Output.Select(o => o.BaseObject));
        var call = RailsToken.RecentRequests.Last();
        Assert.Equal("nightly-report", call.Header("X-Client"));
        Assert.Equal("Bearer " + Assert.Single(RailsToken.Sessions).Secrets["auth_token"], call.Header("Authorization"));
        Assert.Null(RailsToken.RecentRequests.First().Header("X-Client"));
    }

    [Fact]
    public void Its_lifetime_and_hints_are_the_definitions()
    {
        using var ps = NewRunner();
        ps.Run(Connect).ShouldSucceed();
        var token = Assert.Single(RailsToken.Sessions);

        // Renewed 120 seconds ahead of the JWT's exp, as the file says (the built-in RailsToken says 60).
        fixture.Clock.Advance(token.ExpiresAt - fixture.Clock.GetUtcNow() - TimeSpan.FromSeconds(100));
        ps.Run("Invoke-LitmindRequest 'me' | Out-Null").ShouldSucceed();
        ps.WaitFor("$tracker.ReconnectCount", 1, "the new login ahead");
        Assert.Equal(2, RailsToken.Logins);

        ps.Set("wrong", new PSCredential("foo@bar.com", PowerShellRunner.Secure("not-foobar")));
        var error = ps.Run("Connect-Litmind -Service ./tracker.json -BaseUri $RailsTokenUri -Credential $wrong -ServiceParameter @{ client = 'x' }").SingleError;
        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("Login to Tracker as 'foo@bar.com' failed: HTTP 401: Invalid credentials Check the tracker's e-mail and password.", error.Exception.Message);
    }

    [Fact]
    public void A_value_the_definition_needs_is_asked_for_by_name_before_anything_is_sent()
    {
        using var ps = NewRunner();
        var error = ps.Run("Connect-Litmind -Service ./tracker.json -BaseUri $RailsTokenUri -Credential $FooCred").SingleError;

        // Only calls send the client, yet Connect-Litmind asks for it before it logs in.
        ErrorAssert.Is(error, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("The Tracker service needs a value for 'client': pass -ServiceParameter @{ client = ... }", error.Exception.Message);
        Assert.Equal(0, RailsToken.Requests);
    }

    [Fact]
    public void The_sessions_secrets_go_only_to_its_own_API_root()
    {
        using var ps = NewRunner();
        var error = ps.Run(Connect + "Invoke-LitmindRequest 'https://collector.example/projects'").SingleError;

        ErrorAssert.Is(error, "Litmind.ForeignHost", ErrorCategory.InvalidArgument);
        Assert.Equal(1, RailsToken.Requests);
    }

    [Fact]
    public void A_malformed_file_is_refused_with_its_path_line_and_what_was_expected()
    {
        using var ps = NewRunner();
        File.WriteAllText(Path.Combine(folder, "broken.json"), Tracker.Replace("\"path\": \"sessions\"", "\"path\": \"/sessions\"", StringComparison.Ordinal));

        var error = ps.Run("Connect-Litmind -Service ./broken.json -BaseUri $RailsTokenUri -Credential $FooCred").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidServiceDefinition", ErrorCategory.InvalidArgument);
        Assert.True(error.Exception.Message.Contains("The service definition '" + Path.Combine(folder, "broken.json") + "' is not valid at $.login.path (line 10, position", StringComparison.Ordinal), error.Exception.Message);
        Assert.Contains("expected a path relative to the base URI", error.Exception.Message);
        Assert.Equal(0, RailsToken.Requests);
    }

    [Fact]
    public void A_job_rebuilds_the_session_from_the_definition_the_hand_off_carries_whatever_the_file_says_now()
    {
        using var ps = NewRunner();
        string handOff = ps.Serialize(Connect + "$tracker | Get-LitmindSession -HandOff");

        // The file changes after the hand-off was made: the job uses the definition the session was connected with.
        File.WriteAllText(Path.Combine(folder, "tracker.json"), Tracker.Replace("\"name\": \"Tracker\"", "\"name\": \"Other\"", StringComparison.Ordinal));
        using var job = fixture.NewJobRunner();
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.PSObject.Properties.Name -contains 'ServiceFile'
            (Invoke-LitmindRequest 'me' -Session $h).email
            """).ShouldSucceed();

        Assert.Equal(new object[] { false, "foo@bar.com" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal("nightly-report", RailsToken.RecentRequests.Last().Header("X-Client"));
        Assert.Equal(1, RailsToken.Logins);
    }
}
