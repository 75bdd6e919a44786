using System.Management.Automation;
using Litmind.ConsoleHost;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// What depends on process environment variables: the -ApiKey/-BaseUri fallbacks and sessions
/// handed to jobs or other processes (rebuilt with $env:LITMIND_API_KEY).
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
    public void A_deserialized_session_binds_to_Session_and_is_rebuilt_from_its_handle()
    {
        using var ps = fixture.NewRunner();
        var serialized = (string)ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $s | Out-Null
            [System.Management.Automation.PSSerializer]::Serialize($s)
            """).ShouldSucceed().Output.Single().BaseObject;

        Assert.DoesNotContain(fixture.Emulator.ApiKey, serialized);
        Assert.DoesNotContain("N0rthStar!2026", serialized);
        Assert.DoesNotContain("Ava#Runway1", serialized);

        // What Start-Job and Invoke-Command do: the job's runspace gets the deserialized object.
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", serialized);
        var result = job.Run("""
            $d = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $d.PSObject.TypeNames[0]
            (Invoke-LitmindRequest 'account/status/notifications' -Session $d -UserId 240101).entity
            (Get-LitmindAccount -Session $d).Count
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Deserialized.Litmind.PowerShell.Sessions.LitmindSession", "Notifications", 2 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void A_rebuilt_session_cannot_log_in_again_and_says_so()
    {
        using var ps = fixture.NewRunner();
        var serialized = (string)ps.Run("[System.Management.Automation.PSSerializer]::Serialize((Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri))").ShouldSucceed().Output.Single().BaseObject;
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        fixture.Emulator.State.ExpireAllSessions();

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", serialized);
        var error = job.Run("Invoke-LitmindRequest 'session/list' -Session ([System.Management.Automation.PSSerializer]::Deserialize($xml))").SingleError;

        ErrorAssert.Is(error, "Litmind.SessionExpired", ErrorCategory.AuthenticationError);
        Assert.Contains("rebuilt in another process", error.Exception.Message);
        Assert.Equal(1, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void A_rebuilt_session_without_an_api_key_asks_for_one()
    {
        using var ps = fixture.NewRunner();
        var serialized = (string)ps.Run("[System.Management.Automation.PSSerializer]::Serialize((Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri))").ShouldSucceed().Output.Single().BaseObject;
        long before = fixture.Emulator.State.Requests;

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", serialized);
        var error = job.Run("Invoke-LitmindRequest 'session/list' -Session ([System.Management.Automation.PSSerializer]::Deserialize($xml))").SingleError;

        ErrorAssert.Is(error, "Litmind.MissingApiKey", ErrorCategory.InvalidArgument);
        Assert.Contains("LITMIND_API_KEY", error.Exception.Message);
        Assert.Equal(before, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void A_line_break_in_the_environment_api_key_or_a_rebuilt_session_id_is_refused_before_anything_is_sent()
    {
        using var ps = fixture.NewRunner();
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey + "\r\nX-UserId: 240101");
        var error = ps.Run("Connect-Litmind -Credential $ProductionCred -BaseUri $BaseUri").SingleError;
        ErrorAssert.Is(error, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("$env:LITMIND_API_KEY contains a line break", error.Exception.Message);

        // A deserialized session is rebuilt from what it carries: a tampered handle never reaches the wire.
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        var serialized = (string)ps.Run("[System.Management.Automation.PSSerializer]::Serialize((Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri))").ShouldSucceed().Output.Single().BaseObject;
        string sessionId = fixture.Emulator.State.Sessions.Single().SessionId;
        long before = fixture.Emulator.State.Requests;
        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", serialized.Replace(sessionId, sessionId + "&#xD;&#xA;X-UserId: 240101", StringComparison.Ordinal));
        error = job.Run("Invoke-LitmindRequest 'session/list' -Session ([System.Management.Automation.PSSerializer]::Deserialize($xml))").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("request header 'X-SessionId'", error.Exception.Message);
        Assert.Equal(before, fixture.Emulator.State.Requests);
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
}
