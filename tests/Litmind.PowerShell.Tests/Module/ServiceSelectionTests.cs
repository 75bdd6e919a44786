using System.Management.Automation;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Connect-Litmind -Service and the service values (-AccountId, -OrganizationId, -ServiceParameter,
/// -ClientId/-ClientSecret): a choice or a value that cannot be used is a clear error before
/// anything is sent.
/// </summary>
public sealed class ServiceSelectionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;

    public ServiceSelectionTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Service_completes_the_built_in_names_the_default_first()
    {
        using var ps = fixture.NewRunner();
        Assert.Equal(new[] { "Litmind", "Hypernative", "LivePerson", "RailsToken" }, ps.Complete("Connect-Litmind -Service "));
        Assert.Equal(new[] { "Litmind", "LivePerson" }, ps.Complete("Connect-Litmind -Service Li").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Service_completes_a_path_with_folders_and_json_files()
    {
        using var ps = fixture.NewRunner();
        string folder = Directory.CreateTempSubdirectory("litmind-completion-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "mine.json"), "{}");
            File.WriteAllText(Path.Combine(folder, "notes.txt"), string.Empty);
            Directory.CreateDirectory(Path.Combine(folder, "more"));
            ps.Runspace.SessionStateProxy.Path.SetLocation(folder);

            var completions = ps.Complete("Connect-Litmind -Service ./").Select(c => c.Trim('\'', '"')).ToList();

            Assert.Contains(completions, c => c.EndsWith("mine.json", StringComparison.Ordinal));
            Assert.Contains(completions, c => c.EndsWith("more", StringComparison.Ordinal));
            Assert.DoesNotContain(completions, c => c.EndsWith("notes.txt", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "-Service Litmnd -Credential $ProductionCred", "Litmind.InvalidArgument", "The built-in services are Litmind, Hypernative, LivePerson, RailsToken" },
        { "-Service ./no-such-file.json -Credential $ProductionCred", "Litmind.InvalidArgument", "no-such-file.json' cannot be read" },
        { "-Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -AccountId 42", "Litmind.InvalidArgument", "The Litmind service takes no -AccountId" },
        { "-Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -ServiceParameter @{ tenant = 'x' }", "Litmind.InvalidArgument", "The Litmind service has no parameter 'tenant'" },
        { "-ClientId id -ClientSecret $ApiKey -BaseUri $BaseUri", "Litmind.InvalidArgument", "The Litmind service cannot be used with keys alone" },
        { "-Service LivePerson -Credential $ProductionCred -AccountId 90412079", "Litmind.InvalidArgument", "The LivePerson service has no default API root. Pass -BaseUri" },
        { "-Service LivePerson -Credential $ProductionCred -BaseUri $BaseUri", "Litmind.InvalidArgument", "The LivePerson service needs a value for 'accountId': pass -AccountId" },
        { "-Service LivePerson -Credential $ProductionCred -BaseUri $BaseUri -AccountId 1 -ApiKey $ApiKey", "Litmind.InvalidArgument", "The LivePerson service takes no -ApiKey" },
        { "-Service Hypernative -ClientId id -ClientSecret $ApiKey -BaseUri $BaseUri -OrganizationId 2", "Litmind.InvalidArgument", "-OrganizationId is not used when connecting to Hypernative with -ClientId and -ClientSecret" },
        { "-Service Hypernative -Credential $ProductionCred -BaseUri $BaseUri -OrganizationId acme", "Litmind.InvalidArgument", "The Hypernative parameter 'organizationId' is a number; 'acme' is not" },
        { "-Service Hypernative -Credential $ProductionCred -BaseUri $BaseUri -OrganizationId 2 -ServiceParameter @{ organizationid = 3 }", "Litmind.InvalidArgument", "'organizationId' is given twice" },
        { "-Service Hypernative -Credential $ProductionCred -BaseUri $BaseUri -ServiceParameter @{ organizationId = @(1, 2) }", "Litmind.InvalidArgument", "takes a string or a number, not a Object[]" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_service_or_value_that_cannot_be_used_is_refused_before_anything_is_sent(string arguments, string errorId, string message)
    {
        using var ps = fixture.NewRunner();

        var error = ps.Run("Connect-Litmind " + arguments).SingleError;

        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(message, error.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
        Assert.Empty(ps.Run("Get-LitmindSession").Output);
    }

    [Fact]
    public void An_unknown_service_is_an_InvalidArgument_error_with_its_category()
    {
        using var ps = fixture.NewRunner();
        ErrorAssert.Is(ps.Run("Connect-Litmind -Service Nope -Credential $ProductionCred").SingleError, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
    }

    [Fact]
    public void Litmind_is_the_default_service_and_the_session_names_it()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            (Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri).Service
            (Connect-Litmind -Service litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri).Service
            """).ShouldSucceed();
        Assert.Equal(new object[] { "Litmind", "Litmind" }, result.Output.Select(o => o.BaseObject));
    }
}
