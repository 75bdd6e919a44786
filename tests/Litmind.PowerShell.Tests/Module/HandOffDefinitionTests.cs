using System.Management.Automation;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// A hand-off of a session of the user's own service carries that service's validated definition
/// text, never a file name: rebuilding a session from a hand-off, which may be forged, makes the
/// process read no file, and a definition that takes a built-in service's name is refused.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HandOffDefinitionTests : IClassFixture<ServicesFixture>, IDisposable
{
    private const string Tracker = """
        {
          "name": "Tracker",
          "envelope": { "message": "message" },
          "login": {
            "method": "POST",
            "path": "sessions",
            "form": { "email": "{credential.userName}", "password": "{credential.password}" },
            "capture": { "token": { "body": "auth_token" } }
          },
          "lifetime": { "jwt": "token" },
          "authorize": { "headers": { "Authorization": "Bearer {token.token}" } }
        }
        """;

    private readonly ServicesFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-handoff-definitions-").FullName;
    private readonly EnvironmentScope environment = EnvironmentScope.Set(new Dictionary<string, string?>
    {
        ["LITMIND_API_KEY"] = null,
        ["LITMIND_BASE_URI"] = null,
    });

    public HandOffDefinitionTests(ServicesFixture fixture)
    {
        this.fixture = fixture;
        File.WriteAllText(Path.Combine(folder, "tracker.json"), Tracker);
    }

    public void Dispose()
    {
        environment.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private PowerShellRunner NewRunner()
    {
        var ps = fixture.NewRunner();
        ps.Set("Folder", folder);
        ps.Run("Set-Location -LiteralPath $Folder").ShouldSucceed();
        return ps;
    }

    [Fact]
    public void A_job_rebuilds_a_session_of_a_users_service_from_the_definition_the_hand_off_carries()
    {
        using var ps = NewRunner();
        string handOff = ps.Serialize("Connect-Litmind -Service ./tracker.json -BaseUri $RailsTokenUri -Credential $FooCred | Get-LitmindSession -HandOff");

        // The file is gone by the time the job runs: the hand-off does not need it.
        File.Delete(Path.Combine(folder, "tracker.json"));
        using var job = fixture.NewJobRunner();
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.Service
            ($h.ServiceDefinition | ConvertFrom-Json).name
            (Invoke-LitmindRequest 'me' -Session $h).email
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Tracker", "Tracker", "foo@bar.com" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(1, fixture.State.RailsToken.Logins);
    }

    [Fact]
    public void A_forged_hand_off_that_names_a_definition_file_makes_the_process_read_nothing()
    {
        using var ps = NewRunner();
        ps.Run("Connect-Litmind -Service ./tracker.json -BaseUri $RailsTokenUri -Credential $FooCred | Out-Null").ShouldSucceed();
        string token = Assert.Single(fixture.State.RailsToken.Sessions).Secrets["auth_token"];
        long before = fixture.State.RailsToken.Requests;

        using var job = fixture.NewJobRunner();
        job.Set("File", Path.Combine(folder, "tracker.json"));
        job.Set("Token", token);
        var error = job.Run("""
            $forged = [pscustomobject]@{
                Service = 'Tracker'
                ServiceFile = $File
                BaseUri = $RailsTokenUri
                Tokens = @{ token = [System.Net.NetworkCredential]::new('', $Token).SecurePassword }
                Accounts = @([pscustomobject]@{ Username = 'foo@bar.com' })
            }
            $forged.PSObject.TypeNames.Insert(0, 'Deserialized.Litmind.PowerShell.Sessions.LitmindSessionHandOff')
            Invoke-LitmindRequest 'me' -Session $forged
            """).SingleError;

        var cause = Cause(error);
        Assert.Equal(ErrorIds.InvalidArgument, cause.ErrorId);
        Assert.Contains("'Tracker'", cause.Message);
        Assert.Contains("carries no definition", cause.Message);
        Assert.Equal(before, fixture.State.RailsToken.Requests);
    }

    [Fact]
    public void A_forged_definition_named_like_a_built_in_service_never_gets_the_environments_key()
    {
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        var forgedLitmind = Tracker.Replace("\"name\": \"Tracker\"", "\"name\": \"Litmind\", \"baseUri\": \"" + fixture.Emulator.BaseUri + "\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "litmind.json"), forgedLitmind);
        long before = fixture.State.RequestsWithApiKey;

        using var job = fixture.NewJobRunner();
        job.Set("File", Path.Combine(folder, "litmind.json"));
        job.Set("Text", forgedLitmind);
        var result = job.Run($$"""
            foreach ($carried in @{ ServiceFile = $File }, @{ ServiceDefinition = $Text }) {
                $forged = [pscustomobject]@{
                    Service = 'Litmind'
                    BaseUri = '{{fixture.Emulator.BaseUri}}'
                    Tokens = @{ token = [System.Net.NetworkCredential]::new('', 'forged-token').SecurePassword }
                    SessionId = [System.Net.NetworkCredential]::new('', '{{new string('f', 64)}}').SecurePassword
                    Accounts = @([pscustomobject]@{ Id = 138829 })
                }
                foreach ($entry in $carried.GetEnumerator()) { $forged.PSObject.Properties.Add([psnoteproperty]::new($entry.Key, $entry.Value)) }
                $forged.PSObject.TypeNames.Insert(0, 'Deserialized.Litmind.PowerShell.Sessions.LitmindSessionHandOff')
                Invoke-LitmindRequest 'session/list' -Session $forged
            }
            """);

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(ErrorIds.MissingApiKey, Cause(result.Errors[0]).ErrorId);
        Assert.Equal(ErrorIds.InvalidServiceDefinition, Cause(result.Errors[1]).ErrorId);
        Assert.Contains("built-in", Cause(result.Errors[1]).Message);
        Assert.Equal(before, fixture.State.RequestsWithApiKey);
    }

    [Fact]
    public void A_user_definition_file_named_like_a_built_in_service_is_refused()
    {
        File.WriteAllText(Path.Combine(folder, "rails.json"), Tracker.Replace("\"name\": \"Tracker\"", "\"name\": \"railstoken\"", StringComparison.Ordinal));
        using var ps = NewRunner();

        var error = ps.Run("Connect-Litmind -Service ./rails.json -BaseUri $RailsTokenUri -Credential $FooCred").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidServiceDefinition", ErrorCategory.InvalidArgument);
        Assert.Contains("$.name", error.Exception.Message);
        Assert.Contains("built-in", error.Exception.Message);
        Assert.Equal(0, fixture.State.RailsToken.Requests);
    }

    [Fact]
    public void A_hand_off_definition_larger_than_the_limit_is_refused_before_it_is_read()
    {
        using var job = fixture.NewJobRunner();
        var error = job.Run("""
            $forged = [pscustomobject]@{
                Service = 'Tracker'
                ServiceDefinition = '{"name":"Tracker","description":"' + ('x' * 600000) + '"}'
                BaseUri = $RailsTokenUri
                Tokens = @{ token = [System.Net.NetworkCredential]::new('', 'forged').SecurePassword }
                Accounts = @([pscustomobject]@{ Username = 'foo@bar.com' })
            }
            $forged.PSObject.TypeNames.Insert(0, 'Deserialized.Litmind.PowerShell.Sessions.LitmindSessionHandOff')
            Invoke-LitmindRequest 'me' -Session $forged
            """).SingleError;

        var cause = Cause(error);
        Assert.Equal(ErrorIds.InvalidArgument, cause.ErrorId);
        Assert.Contains("larger than", cause.Message);
        Assert.True(cause.Message.Length < 1000, cause.Message);
    }

    private static LitmindException Cause(ErrorRecord error)
    {
        for (Exception? ex = error.Exception; ex != null; ex = ex.InnerException)
        {
            if (ex is LitmindException failure)
            {
                return failure;
            }
        }

        throw new Xunit.Sdk.XunitException("No LitmindException behind: " + error);
    }
}
