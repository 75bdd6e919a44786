using System.Management.Automation;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// What depends on process environment variables: the -ApiKey/-BaseUri fallbacks (hand-offs, which
/// may take $env:LITMIND_API_KEY, are in HandOffTests).
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EnvironmentTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture fixture;

    // Each test starts with neither variable set (whatever the developer's shell has) and leaves
    // them as it found them.
    private readonly EnvironmentScope environment = EnvironmentScope.Set(new Dictionary<string, string?>
    {
        ["LITMIND_API_KEY"] = null,
        ["LITMIND_BASE_URI"] = null,
    });

    public EnvironmentTests(EmulatorFixture fixture) => this.fixture = fixture;

    public void Dispose() => environment.Dispose();

    [Fact]
    public void ApiKey_and_BaseUri_fall_back_to_the_environment()
    {
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        Environment.SetEnvironmentVariable("LITMIND_BASE_URI", fixture.Emulator.BaseUri.ToString().TrimEnd('/'));
        using var ps = fixture.NewRunner();

        var result = ps.Run("(Connect-Litmind -Credential $ProductionCred).BaseUri.ToString()").ShouldSucceed();

        Assert.Equal(fixture.Emulator.BaseUri.ToString(), result.Output.Single().BaseObject);
        Assert.Equal(1, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void A_line_break_in_the_environment_api_key_is_refused_before_anything_is_sent()
    {
        using var ps = fixture.NewRunner();
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey + "\r\nX-UserId: 240101");
        Environment.SetEnvironmentVariable("LITMIND_BASE_URI", fixture.Emulator.BaseUri.ToString());
        var error = ps.Run("Connect-Litmind -Credential $ProductionCred -BaseUri $BaseUri").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("$env:LITMIND_API_KEY contains a line break", error.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void A_missing_api_key_says_how_to_give_one()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run("Connect-Litmind -Credential $ProductionCred -BaseUri $BaseUri").SingleError;
        ErrorAssert.Is(error, "Litmind.MissingApiKey", ErrorCategory.InvalidArgument);
        Assert.Contains("LITMIND_API_KEY", error.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.LoginAttempts);
    }

    [Fact]
    public async Task The_environment_api_key_goes_only_to_the_host_the_environment_names()
    {
        await using var elsewhere = await Litmind.Emulator.LitmindEmulator.StartAsync();
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        Environment.SetEnvironmentVariable("LITMIND_BASE_URI", fixture.Emulator.BaseUri.ToString());
        using var ps = fixture.NewRunner();
        ps.Set("Elsewhere", elsewhere.BaseUri.ToString());

        var error = ps.Run("Connect-Litmind -Credential $ProductionCred -BaseUri $Elsewhere").SingleError;

        ErrorAssert.Is(error, "Litmind.MissingApiKey", ErrorCategory.InvalidArgument);
        Assert.Contains("$env:LITMIND_API_KEY", error.Exception.Message);
        Assert.Contains(fixture.Emulator.BaseUri.GetLeftPart(UriPartial.Authority), error.Exception.Message);
        Assert.Contains("-ApiKey", error.Exception.Message);
        Assert.Equal(0, elsewhere.State.Requests);

        // Given as a parameter, the key goes where the user says.
        ps.Run("Connect-Litmind -Credential $ProductionCred -BaseUri $Elsewhere -ApiKey $ApiKey | Out-Null").ShouldSucceed();
        Assert.Equal(1, elsewhere.State.Logins);
    }

    [Fact]
    public void Without_LITMIND_BASE_URI_the_environment_api_key_belongs_to_the_default_root()
    {
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        using var ps = fixture.NewRunner();

        var error = ps.Run("Connect-Litmind -Credential $ProductionCred -BaseUri $BaseUri").SingleError;

        ErrorAssert.Is(error, "Litmind.MissingApiKey", ErrorCategory.InvalidArgument);
        Assert.Contains("https://litmind.com", error.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void LITMIND_BASE_URI_is_Litmind_s_and_never_the_root_of_another_service()
    {
        Environment.SetEnvironmentVariable("LITMIND_BASE_URI", fixture.Emulator.BaseUri.ToString());
        using var ps = fixture.NewRunner();

        var error = ps.Run("Connect-Litmind -Service RailsToken -Credential $ProductionCred").SingleError;

        Assert.Contains("The RailsToken service has no default API root", error.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }
}
