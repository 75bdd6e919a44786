using System.Management.Automation;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>Pipeline binding, -WhatIf/-Confirm, [OutputType] and tab completion.</summary>
public sealed class PowerShellCitizenTests : IClassFixture<EmulatorFixture>
{
    private const string ConnectAgencyAndModels = """
        $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
        Connect-Litmind -Credential $AvaCred -Session $s | Out-Null
        Connect-Litmind -Credential $LiamCred -Session $s | Out-Null

        """;

    private readonly EmulatorFixture fixture;

    public PowerShellCitizenTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Accounts_piped_in_bind_UserId_from_their_Id()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndModels + "Get-LitmindAccount | Invoke-LitmindRequest 'account/status/notifications' | ForEach-Object { $_.entity }").ShouldSucceed();

        Assert.Equal(3, result.Output.Count);
        var calls = fixture.Emulator.State.RecentRequests.Where(r => r.PathAndQuery.EndsWith("notifications")).Select(r => r.Header("X-UserId"));
        Assert.Equal(new[] { "240001", "240101", "240102" }, calls);
    }

    [Fact]
    public void API_objects_piped_in_keep_their_id_to_themselves()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null
            $castings = (Invoke-LitmindRequest castings).items
            $castings.Count
            $castings | Invoke-LitmindRequest -Path { "castings/$($_.id)/candidates" } | ForEach-Object { $_.entity }
            """).ShouldSucceed();

        int castings = Convert.ToInt32(result.Output[0].BaseObject);
        Assert.True(castings > 1);
        Assert.Equal(Enumerable.Repeat<object>("CandidateList", castings), result.Output.Skip(1).Select(o => o.BaseObject));
        var calls = fixture.Emulator.State.RecentRequests.Where(r => r.PathAndQuery.EndsWith("/candidates")).Select(r => r.Header("X-UserId")).ToList();
        Assert.Equal(Enumerable.Repeat("138829", castings), calls);
    }

    [Fact]
    public void Accounts_that_come_back_from_a_job_still_bind_as_accounts()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndModels + """
            # What Receive-Job hands back: deserialized copies of the accounts.
            $received = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-LitmindAccount)))
            $received[0].PSObject.TypeNames[0]
            $received | Invoke-LitmindRequest 'account/status/notifications' | ForEach-Object { $_.entity }
            """).ShouldSucceed();

        Assert.Equal("Deserialized.Litmind.PowerShell.Sessions.LitmindAccount", result.Output[0].BaseObject);
        Assert.Equal(3, result.Output.Count - 1);
        var calls = fixture.Emulator.State.RecentRequests.Where(r => r.PathAndQuery.EndsWith("notifications")).Select(r => r.Header("X-UserId"));
        Assert.Equal(new[] { "240001", "240101", "240102" }, calls);
    }

    [Fact]
    public void An_account_piped_in_together_with_UserId_is_refused_before_sending()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndModels).ShouldSucceed();
        long before = fixture.Emulator.State.Requests;

        var result = ps.Run("$s.Accounts[1] | Invoke-LitmindRequest 'account/status/notifications' -UserId 240102");

        ErrorAssert.Is(result.SingleError, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Equal(before, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void ForEach_Object_over_accounts_acts_as_each()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndModels + "Get-LitmindAccount | ForEach-Object { (Invoke-LitmindRequest 'account/status/notifications' -UserId $_.Id).items.Count }").ShouldSucceed();
        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, o => Assert.True((int)o.BaseObject > 0));
    }

    [Fact]
    public void A_list_of_request_rows_can_be_piped_in()
    {
        using var ps = fixture.NewRunner();
        // Rows as Import-Csv writes them: every value a string.
        var result = ps.Run(ConnectAgencyAndModels + """
            $rows = @(
                [pscustomobject]@{ Path = 'models/240101'; Method = 'GET'; UserId = '240001' }
                [pscustomobject]@{ Path = 'account/status/notifications'; Method = 'GET'; UserId = '240102' }
                [pscustomobject]@{ Path = 'models'; Method = 'GET'; UserId = '240001'; Query = @{ page = 2; pageSize = 3 } }
            )
            $rows | Invoke-LitmindRequest | ForEach-Object { $_.entity }
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Model", "Notifications", "ModelList" }, result.Output.Select(o => o.BaseObject));
        var calls = fixture.Emulator.State.RecentRequests.Where(r => !r.PathAndQuery.Contains("login")).ToList();
        Assert.Equal(new[] { "240001", "240102", "240001" }, calls.Select(c => c.Header("X-UserId")));
        Assert.Contains("page=2", calls[2].PathAndQuery);
    }

    [Fact]
    public void A_splat_written_for_Invoke_RestMethod_binds_its_Uri_to_Path()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndModels + """
            $request = @{ Uri = 'models/240101'; Method = 'GET' }
            (Invoke-LitmindRequest @request).entity
            ([pscustomobject]@{ Uri = 'account/status/notifications' } | Invoke-LitmindRequest).entity
            (Get-Command Invoke-LitmindRequest).Parameters['Path'].Aliases
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Model", "Notifications", "Uri" }, result.Output.Select(o => o.BaseObject));
        Assert.EndsWith("/api/v1/models/240101", fixture.Emulator.State.RecentRequests.Single(r => r.PathAndQuery.Contains("models")).PathAndQuery);
    }

    [Fact]
    public void Rows_piped_in_for_their_Path_are_never_tried_as_accounts()
    {
        // Trying to convert each row to an account fails with an exception that PowerShell catches:
        // a cost on every piped item of a long runbook, for a conversion that can never succeed.
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndModels + """
            $rows = @(
                [pscustomobject]@{ Path = 'account/status/notifications' }
                [pscustomobject]@{ Path = 'models/240101'; UserId = 240001 }
            )
            $trace = New-TemporaryFile
            try {
                Trace-Command -Name ParameterBinding -FilePath $trace.FullName -Expression { $rows | Invoke-LitmindRequest } | ForEach-Object { $_.entity }
                @(Select-String -Path $trace.FullName -SimpleMatch -Pattern 'Parameter [Account] PIPELINE INPUT').Count
            }
            finally {
                Remove-Item $trace.FullName
            }
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Notifications", "Model", 0 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void WhatIf_sends_nothing_for_a_state_changing_method()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndModels).ShouldSucceed();
        long before = fixture.Emulator.State.Requests;

        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE" })
        {
            var result = ps.Run($"Invoke-LitmindRequest 'castings/501/candidates' -Method {method} -Body @{{ modelId = 240102 }} -WhatIf").ShouldSucceed();
            Assert.Empty(result.Output);
        }

        Assert.Equal(before, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void GET_never_asks_even_when_confirmation_is_demanded()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndModels).ShouldSucceed();

        // With ConfirmPreference Low every ShouldProcess would prompt (and fail without a UI answer).
        var result = ps.Run("$ConfirmPreference = 'Low'; (Invoke-LitmindRequest 'models/featured').Count").ShouldSucceed();
        Assert.Equal(5, result.Output.Single().BaseObject);
    }

    [Fact]
    public void Disconnect_honours_WhatIf()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(ConnectAgencyAndModels + "Disconnect-Litmind -WhatIf; $s.IsConnected; (Get-LitmindSession).Count").ShouldSucceed();
        Assert.Equal(new object[] { true, 1 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Sessions_piped_to_Disconnect_are_all_disconnected()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null
            Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null
            Get-LitmindSession | Disconnect-Litmind
            (Get-LitmindSession).Count
            """).ShouldSucceed();
        Assert.Equal(0, result.Output.Single().BaseObject);
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("Get-Command -Module Litmind | ForEach-Object { '{0}={1}' -f $_.Name, (($_.OutputType | ForEach-Object { $_.Name }) -join ',') }").ShouldSucceed();
        var types = result.Output.Select(o => (string)o.BaseObject).ToDictionary(l => l.Split('=')[0], l => l.Split('=')[1]);
        Assert.Equal("Litmind.PowerShell.Sessions.LitmindSession", types["Connect-Litmind"]);
        Assert.Equal("Litmind.PowerShell.Sessions.LitmindSession,Litmind.PowerShell.Sessions.LitmindSessionHandOff", types["Get-LitmindSession"]);
        Assert.Equal("Litmind.PowerShell.Sessions.LitmindAccount", types["Get-LitmindAccount"]);
        Assert.Equal("System.Management.Automation.PSObject,System.String,System.Collections.Specialized.OrderedDictionary", types["Invoke-LitmindRequest"]);
        Assert.Equal("System.Void", types["Disconnect-Litmind"]);
    }

    [Fact]
    public void UserId_completes_the_accounts_of_the_session()
    {
        using var ps = fixture.NewRunner();
        ps.Run(ConnectAgencyAndModels).ShouldSucceed();

        Assert.Equal(new[] { "240001", "240101", "240102" }, ps.Complete("Invoke-LitmindRequest models -UserId "));
        Assert.Equal(new[] { "240101", "240102" }, ps.Complete("Invoke-LitmindRequest models -UserId 2401"));
    }

    [Fact]
    public void Path_completes_known_endpoints()
    {
        using var ps = fixture.NewRunner();
        Assert.Equal(new[] { "'models'", "'models/featured'" }, ps.Complete("Invoke-LitmindRequest mod"));
        Assert.Contains("'account/status/notifications'", ps.Complete("Invoke-LitmindRequest -Path acc"));
    }

    [Fact]
    public void Path_completes_templates_only_once_their_id_is_typed_so_every_completion_works_as_given()
    {
        using var ps = fixture.NewRunner();
        ps.Run("Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null").ShouldSucceed();

        Assert.Equal(new[] { "'castings'" }, ps.Complete("Invoke-LitmindRequest cast"));
        Assert.Equal(new[] { "'castings/501'", "'castings/501/candidates'" }, ps.Complete("Invoke-LitmindRequest castings/501"));
        Assert.Equal(new[] { "'castings/501/candidates'" }, ps.Complete("Invoke-LitmindRequest 'castings/501/c"));
        Assert.Equal(new[] { "'models/300001'" }, ps.Complete("Invoke-LitmindRequest models/300001"));

        var everything = ps.Complete("Invoke-LitmindRequest ");
        Assert.NotEmpty(everything);
        Assert.DoesNotContain(everything, c => c.Contains('{'));
        foreach (var path in everything.Concat(ps.Complete("Invoke-LitmindRequest castings/501")))
        {
            ps.Run("Invoke-LitmindRequest " + path + " | Out-Null").ShouldSucceed();
        }
    }

    [Fact]
    public void Method_completes_http_methods()
    {
        using var ps = fixture.NewRunner();
        Assert.Equal(new[] { "PATCH", "POST", "PUT" }, ps.Complete("Invoke-LitmindRequest models -Method P").OrderBy(m => m));
    }

    [Fact]
    public void Session_completes_the_held_sessions_with_an_expression_that_selects_them()
    {
        using var ps = fixture.NewRunner();
        ps.Run("""
            $a = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri
            $b = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            """).ShouldSucceed();

        var completions = ps.Complete("Get-LitmindAccount -Session ");
        Assert.Equal(2, completions.Count);

        // The completed text, run as typed, selects the session it names.
        var result = ps.Run("(Get-LitmindAccount -Session " + completions[0] + ").Username").ShouldSucceed();
        Assert.Equal("imagine-production", result.Output.Single().BaseObject);
    }
}
