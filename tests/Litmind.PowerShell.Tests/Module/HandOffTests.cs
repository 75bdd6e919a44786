using System.Management.Automation;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Handing a session to a job or another process: the session itself carries no secret anywhere,
/// the hand-off (Get-LitmindSession -HandOff) keeps its secrets in SecureStrings, and a rebuilt
/// session trusts nothing its data claims. A job is emulated as Start-Job delivers $using: values:
/// a PSSerializer round trip into a second runspace (tests/Pester/HandOff.Tests.ps1 runs real jobs).
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HandOffTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string ConnectAgencyAndAva = """
        $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
        Connect-Litmind -Credential $AvaCred -Session $s | Out-Null

        """;

    private readonly EmulatorFixture fixture;

    // Neither variable is set unless a test sets it: a hand-off must work without them.
    private readonly EnvironmentScope environment = EnvironmentScope.Set(new Dictionary<string, string?>
    {
        ["LITMIND_API_KEY"] = null,
        ["LITMIND_BASE_URI"] = null,
    });

    public HandOffTests(EmulatorFixture fixture) => this.fixture = fixture;

    public void Dispose() => environment.Dispose();

    [Fact]
    public void A_session_shows_its_session_id_to_no_serializer_or_list()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndAva + EveryProperty + """
            Get-EveryProperty $s
            [System.Management.Automation.PSSerializer]::Serialize($s, 5)
            Get-EveryProperty ([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($s)))
            """).ShouldSucceed();
        string display = ps.Render("$s = Get-LitmindSession -Default; $s; \"$s\"");

        string sessionId = Assert.Single(fixture.Emulator.State.Sessions).SessionId;
        SecretScan.AssertNoForm(result.AllText + display, sessionId);
        SecretScan.AssertNoForm(result.AllText + display, fixture.Emulator.ApiKey);
        Assert.Contains("SessionIdHint=", result.AllText);
        Assert.DoesNotContain("ResumeHandle", result.AllText);
    }

    [Fact]
    public void A_hand_off_keeps_its_secrets_in_SecureStrings_that_lists_and_displays_do_not_show()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndAva + EveryProperty + """
            $h = Get-LitmindSession -Default -HandOff
            $h.PSObject.TypeNames[0]
            $h.SessionId.GetType().FullName
            $h.ApiKey.GetType().FullName
            Get-EveryProperty $h
            "$h"
            """).ShouldSucceed();
        string display = ps.Render("Get-LitmindSession -Default -HandOff");

        Assert.Equal(new object[] { "Litmind.PowerShell.Sessions.LitmindSessionHandOff", "System.Security.SecureString", "System.Security.SecureString" }, result.Output.Take(3).Select(o => o.BaseObject));
        string sessionId = Assert.Single(fixture.Emulator.State.Sessions).SessionId;
        SecretScan.AssertNoForm(result.AllText + display, sessionId);
        SecretScan.AssertNoForm(result.AllText + display, fixture.Emulator.ApiKey);
        Assert.Contains("SessionId=System.Security.SecureString", result.AllText);
        Assert.Contains("northstar-agency (240001)", display);

        // Serialized (Export-Clixml, Start-Job), the secrets travel only as SecureStrings (<SS>):
        // encrypted by Export-Clixml on Windows, only encoded on Linux and macOS (about_Litmind says so).
        string clixml = (string)ps.Run("[System.Management.Automation.PSSerializer]::Serialize($h)").ShouldSucceed().Output.Single().BaseObject;
        Assert.DoesNotContain(sessionId, clixml);
        Assert.DoesNotContain(fixture.Emulator.ApiKey, clixml);
        Assert.Contains("<SS N=\"SessionId\">", clixml);
        Assert.Contains("<SS N=\"ApiKey\">", clixml);
    }

    [Fact]
    public void Get_LitmindSession_hands_off_the_default_a_given_or_every_session()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $a = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri
            $b = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            (Get-LitmindSession -Default -HandOff).SessionHandle -eq $b.Handle
            ($a | Get-LitmindSession -HandOff).SessionHandle -eq $a.Handle
            (Get-LitmindSession -Session $a).Handle -eq $a.Handle
            @(Get-LitmindSession -HandOff).Count
            Disconnect-Litmind -Session $a
            $a | Get-LitmindSession -HandOff
            """);

        Assert.Equal(new object[] { true, true, true, 2 }, result.Output.Select(o => o.BaseObject));
        ErrorAssert.Is(result.SingleError, "Litmind.NotConnected", ErrorCategory.ConnectionError);
    }

    [Fact]
    public void A_hand_off_passed_to_a_job_works_there_without_the_environment_and_stays_out_of_its_sessions()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize(ConnectAgencyAndAva + "Get-LitmindSession -Default -HandOff");

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.PSObject.TypeNames[0]
            (Invoke-LitmindRequest 'account/status/notifications' -Session $h -UserId 240101 -Verbose).entity
            (Get-LitmindAccount -Session $h).Username
            Connect-Litmind -Credential $LiamCred -Session $h | Out-Null
            (Invoke-LitmindRequest 'account/status/notifications' -Session $h -UserId 240102).entity
            @(Get-LitmindSession).Count
            """, verbose: true).ShouldSucceed();

        Assert.Equal(
            new object[] { "Deserialized.Litmind.PowerShell.Sessions.LitmindSessionHandOff", "Notifications", "northstar-agency", "ava-north", "Notifications", 0 },
            result.Output.Select(o => o.BaseObject));
        Assert.Contains(result.Verbose, v => v.Contains("authenticates to " + fixture.Emulator.BaseUri.GetLeftPart(UriPartial.Authority)) && v.Contains("the hand-off carries"));
        Assert.Equal(3, fixture.Emulator.State.Logins);
        SecretScan.AssertNoneIn(result.AllText, fixture.Emulator);
    }

    [Fact]
    public void A_deserialized_session_is_refused_with_a_pointer_to_the_hand_off()
    {
        using var ps = fixture.NewRunner();
        string session = ps.Serialize(ConnectAgencyAndAva + "$s");
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        long before = fixture.Emulator.State.Requests;

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", session);
        var error = job.Run("Invoke-LitmindRequest 'session/list' -Session ([System.Management.Automation.PSSerializer]::Deserialize($xml))").SingleError;

        Assert.Equal(ErrorIds.InvalidArgument, Cause(error).ErrorId);
        Assert.Contains("Get-LitmindSession -HandOff", error.Exception.Message);
        Assert.Equal(before, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void A_second_hand_off_of_the_same_session_uses_its_newer_session_id()
    {
        using var ps = fixture.NewRunner();
        string first = ps.Serialize(ConnectAgencyAndAva + "Get-LitmindSession -Default -HandOff");
        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", first);
        job.Run("$first = [System.Management.Automation.PSSerializer]::Deserialize($xml); Invoke-LitmindRequest 'session/list' -Session $first | Out-Null").ShouldSucceed();

        // The session expires and renews at home; the job gets a new hand-off of it.
        fixture.Emulator.State.ExpireAllSessions();
        string second = ps.Serialize("Invoke-LitmindRequest 'session/list' | Out-Null; Get-LitmindSession -Default -HandOff");
        string renewedId = fixture.Emulator.State.Sessions.Last().SessionId;
        job.Set("xml", second);
        var result = job.Run("""
            $second = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            (Invoke-LitmindRequest 'session/list' -Session $second).accounts.Count
            """).ShouldSucceed();

        Assert.Equal(2, result.Output.Single().BaseObject);
        Assert.Equal(renewedId, fixture.Emulator.State.RecentRequests.Last().Header("X-SessionId"));
    }

    [Fact]
    public void A_rebuilt_session_cannot_log_in_again_and_says_so()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize(ConnectAgencyAndAva + "Get-LitmindSession -Default -HandOff");
        fixture.Emulator.State.ExpireAllSessions();

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", handOff);
        var error = job.Run("Invoke-LitmindRequest 'session/list' -Session ([System.Management.Automation.PSSerializer]::Deserialize($xml))").SingleError;

        ErrorAssert.Is(error, "Litmind.SessionExpired", ErrorCategory.AuthenticationError);
        Assert.Contains("rebuilt from a hand-off", error.Exception.Message);
        Assert.Equal(2, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void A_forged_hand_off_over_plain_http_to_another_host_is_refused_whatever_it_claims()
    {
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        Environment.SetEnvironmentVariable("LITMIND_BASE_URI", "http://litmind.test/api/v1");
        using var job = fixture.NewRunner();

        var error = job.Run(Forged("http://litmind.test/api/v1") + """
            $forged.PSObject.Properties.Add([psnoteproperty]::new('AllowUnencryptedAuthentication', $true))
            Invoke-LitmindRequest 'session/list' -Session $forged
            """).SingleError;

        var cause = Cause(error);
        Assert.Equal(ErrorIds.InsecureTransport, cause.ErrorId);
        Assert.Contains("whatever the hand-off claims", cause.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void A_hand_off_without_a_key_gets_none_from_the_environment_for_another_host()
    {
        // The environment's key belongs to the default API root (no LITMIND_BASE_URI).
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        using var job = fixture.NewRunner();

        var elsewhere = job.Run(Forged("https://collector.test/api/v1") + "Invoke-LitmindRequest 'session/list' -Session $forged -Verbose", verbose: true);
        var here = job.Run(Forged(fixture.Emulator.BaseUri.ToString()) + "Invoke-LitmindRequest 'session/list' -Session $forged -Verbose", verbose: true);

        ErrorAssert.Is(elsewhere.SingleError, "Litmind.MissingApiKey", ErrorCategory.InvalidArgument);
        Assert.Contains("is not sent to https://collector.test", elsewhere.SingleError.Exception.Message);
        Assert.Contains(elsewhere.Verbose, v => v.Contains("points at https://collector.test") && v.Contains("no API key"));
        ErrorAssert.Is(here.SingleError, "Litmind.MissingApiKey", ErrorCategory.InvalidArgument);
        Assert.Contains("https://litmind.com", here.SingleError.Exception.Message);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void A_hand_off_without_a_key_takes_the_environments_key_for_the_host_the_environment_names()
    {
        Environment.SetEnvironmentVariable("LITMIND_API_KEY", fixture.Emulator.ApiKey);
        Environment.SetEnvironmentVariable("LITMIND_BASE_URI", fixture.Emulator.BaseUri.ToString());
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize("Connect-Litmind -Credential $ProductionCred | Out-Null; Get-LitmindSession -Default -HandOff");

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", handOff);
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.ApiKey = $null
            (Invoke-LitmindRequest 'session/list' -Session $h -Verbose).accounts.Count
            """, verbose: true).ShouldSucceed();

        Assert.Equal(1, result.Output.Single().BaseObject);
        Assert.True(result.Verbose.Any(v => v.Contains("authenticates to " + fixture.Emulator.BaseUri.GetLeftPart(UriPartial.Authority)) && v.Contains("$env:LITMIND_API_KEY")), string.Join("\n", result.Verbose));
    }

    [Fact]
    public void A_hand_off_whose_session_id_or_api_key_carries_a_line_break_is_refused_before_anything_is_sent()
    {
        using var ps = fixture.NewRunner();
        string handOff = ps.Serialize("Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null; Get-LitmindSession -Default -HandOff");
        string sessionId = Assert.Single(fixture.Emulator.State.Sessions).SessionId;
        long before = fixture.Emulator.State.Requests;

        using var job = new PowerShellRunner(fixture.Emulator);
        job.Set("xml", handOff);
        job.Set("tampered", sessionId + "\r\nX-UserId: 240101");
        var result = job.Run("""
            $h = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $h.SessionId = [System.Net.NetworkCredential]::new('', $tampered).SecurePassword
            Invoke-LitmindRequest 'session/list' -Session $h
            $k = [System.Management.Automation.PSSerializer]::Deserialize($xml)
            $k.ApiKey = [System.Net.NetworkCredential]::new('', "key`nX-UserId: 240101").SecurePassword
            Get-LitmindAccount -Session $k
            """);

        Assert.Equal(2, result.Errors.Count);
        ErrorAssert.Is(result.Errors[0], "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("the hand-off's SessionId contains a line break", result.Errors[0].Exception.Message);
        ErrorAssert.Is(result.Errors[1], "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("the hand-off's ApiKey contains a line break", result.Errors[1].Exception.Message);
        Assert.Equal(before, fixture.Emulator.State.Requests);
        SecretScan.AssertNoneIn(result.AllText, fixture.Emulator, sessionId);
    }

    /// <summary>
    /// Defines Get-EveryProperty: every property of an object and of the objects in it, hidden ones
    /// included, as name=value text: what Format-List * and ConvertTo-Json read (neither is in the
    /// SDK's runspace; tests/Pester/HandOff.Tests.ps1 runs the real ones).
    /// </summary>
    private const string EveryProperty = """
        function Get-EveryProperty($object, $depth = 0) {
            foreach ($property in $object.PSObject.Properties) {
                "$($property.Name)=$($property.Value)"
                if ($depth -lt 3 -and $property.Value -is [System.Collections.IEnumerable] -and $property.Value -isnot [string]) {
                    foreach ($item in $property.Value) { Get-EveryProperty $item ($depth + 1) }
                }
            }
        }

        """;

    [Fact]
    public void A_hand_off_with_fifty_thousand_accounts_names_a_few_in_its_errors_not_all()
    {
        using var job = fixture.NewRunner();
        var error = job.Run(Forged(fixture.Emulator.BaseUri.ToString()) + """
            $forged.Accounts = @(1..50000 | ForEach-Object { [pscustomobject]@{ Id = $_; Username = "account-$_" } })
            $forged.PSObject.Properties.Add([psnoteproperty]::new('ApiKey', $ApiKey))
            Invoke-LitmindRequest 'session/list' -Session $forged -UserId 99999999
            """).SingleError;

        ErrorAssert.Is(error, "Litmind.UnknownAccount", ErrorCategory.InvalidArgument);
        Assert.Contains("account-1 (1), account-2 (2)", error.Exception.Message);
        Assert.Contains("and 49990 more", error.Exception.Message);
        Assert.InRange(error.Exception.Message.Length, 1, 1000);
        Assert.Equal(0, fixture.Emulator.State.Requests);
    }

    /// <summary>A script that makes $forged: data that claims to be a deserialized hand-off, with no API key.</summary>
    private static string Forged(string baseUri) => $$"""
        $forged = [pscustomobject]@{
            BaseUri = '{{baseUri}}'
            SessionId = [System.Net.NetworkCredential]::new('', '{{new string('f', 64)}}').SecurePassword
            Accounts = @([pscustomobject]@{ Id = 138829 })
        }
        $forged.PSObject.TypeNames.Insert(0, 'Deserialized.Litmind.PowerShell.Sessions.LitmindSessionHandOff')

        """;

    /// <summary>The module's own failure behind a parameter-binding error.</summary>
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
