using System.Management.Automation;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

public sealed class ConnectTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;

    public ConnectTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Connect_with_username_writes_a_session_and_makes_it_the_default()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri; $s; (Get-LitmindSession -Default).Handle -eq $s.Handle").ShouldSucceed();

        var session = Assert.IsType<LitmindSession>(result.Output[0].BaseObject);
        Assert.Equal("imagine-production", session.UserName);
        Assert.Equal(138829L, session.UserId);
        Assert.Equal("Production company", Assert.Single(session.Accounts).TypeTitle);
        Assert.True((bool)result.Output[1].BaseObject);
        Assert.Equal(1, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void Connect_accepts_the_email_as_user_name()
    {
        using var ps = fixture.NewRunner();
        ps.Set("cred", new PSCredential("production@imagine.example", PowerShellRunner.Secure("Dq4juHcnJBw8")));
        var result = ps.Run("(Connect-Litmind -Credential $cred -ApiKey $ApiKey -BaseUri $BaseUri).UserName").ShouldSucceed();
        Assert.Equal("imagine-production", result.Output.Single().BaseObject);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(401)]
    public void Wrong_password_is_a_terminating_LoginFailed_error_whatever_status_the_server_uses(int status)
    {
        using var ps = fixture.NewRunner();
        fixture.Emulator.State.LoginFailureStatusCode = status;
        ps.Set("bad", new PSCredential("imagine-production", PowerShellRunner.Secure("not-the-password")));
        var result = ps.Run("try { Connect-Litmind -Credential $bad -ApiKey $ApiKey -BaseUri $BaseUri -ErrorAction Stop; 'continued' } catch { $_ }");

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("Wrong username or password", error.Exception.Message);
        Assert.DoesNotContain("not-the-password", result.AllText);
        Assert.Empty(ps.Run("Get-LitmindSession").Output);
    }

    [Fact]
    public void Wrong_api_key_fails_login_with_the_servers_reason()
    {
        using var ps = fixture.NewRunner();
        ps.Set("wrongKey", PowerShellRunner.Secure("wrong-key-1234567890"));
        var error = ps.Run("Connect-Litmind -Credential $ProductionCred -ApiKey $wrongKey -BaseUri $BaseUri").SingleError;
        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("401", error.Exception.Message);
        Assert.DoesNotContain("wrong-key-1234567890", error.ToString());
    }

    [Fact]
    public void Connect_with_session_logs_a_second_account_into_the_same_session()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            $same = Connect-Litmind -Credential $AvaCred -Session $s
            [object]::ReferenceEquals($s, $same)
            $s.Accounts.Count
            (Get-LitmindSession).Count
            """).ShouldSucceed();

        Assert.True((bool)result.Output[0].BaseObject);
        Assert.Equal(2, result.Output[1].BaseObject);
        Assert.Equal(1, result.Output[2].BaseObject);
        var session = Assert.Single(fixture.Emulator.State.Sessions);
        Assert.Equal(new long[] { 240001, 240101 }, session.UserIds);
        var join = fixture.Emulator.State.RecentRequests.Last(r => r.PathAndQuery.EndsWith("/session/login"));
        Assert.Equal(session.SessionId, join.Header("X-SessionId"));
    }

    [Fact]
    public void Joining_a_session_accepts_its_own_key_and_base_uri_but_not_others()
    {
        using var ps = fixture.NewRunner();
        ps.Set("otherKey", PowerShellRunner.Secure("another-key-0000"));
        var result = ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            (Connect-Litmind -Credential $AvaCred -Session $s -ApiKey $ApiKey -BaseUri $BaseUri).Accounts.Count
            Connect-Litmind -Credential $LiamCred -Session $s -ApiKey $otherKey
            Connect-Litmind -Credential $LiamCred -Session $s -BaseUri 'https://litmind.com/api/v1'
            $s.Accounts.Count
            """);

        Assert.Equal(new object[] { 2, 2 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => ErrorAssert.Is(e, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument));
        Assert.Contains("-ApiKey differs", result.Errors[0].Exception.Message);
        Assert.Contains("-BaseUri 'https://litmind.com/api/v1' differs", result.Errors[1].Exception.Message);
        Assert.DoesNotContain("another-key-0000", result.AllText);
        Assert.Equal(2, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void Connect_with_session_id_resumes_without_logging_in_and_learns_names_from_the_account_list()
    {
        using var ps = fixture.NewRunner();
        ps.Run("Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null").ShouldSucceed();
        string sessionId = Assert.Single(fixture.Emulator.State.Sessions).SessionId;

        using var other = new PowerShellRunner(fixture.Emulator);
        other.Set("sid", sessionId);
        var result = other.Run("""
            $r = Connect-Litmind -SessionId $sid -UserId 138829 -ApiKey $ApiKey -BaseUri $BaseUri
            $r.CanReconnect
            (Invoke-LitmindRequest 'account/status/notifications').PSObject.TypeNames[0]
            [string]$r.UserName
            Get-LitmindAccount | Out-Null
            $r.UserName
            """).ShouldSucceed();

        Assert.False((bool)result.Output[0].BaseObject);
        Assert.Equal("Litmind.Notifications", result.Output[1].BaseObject);
        Assert.Equal(string.Empty, result.Output[2].BaseObject);
        Assert.Equal("imagine-production", result.Output[3].BaseObject);
        Assert.Equal(1, fixture.Emulator.State.Logins);
    }

    [Fact]
    public void Session_display_and_ToString_never_show_the_whole_session_id_or_the_key()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri; $s.ToString(); $s.PSObject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value }").ShouldSucceed();
        string sessionId = Assert.Single(fixture.Emulator.State.Sessions).SessionId;
        string text = result.AllText + ps.Render("$s; Get-LitmindSession; $s.Accounts");

        Assert.Contains("imagine-production", text);
        Assert.Contains(sessionId.Substring(0, 4), text);
        Assert.DoesNotContain(sessionId, text);
        Assert.DoesNotContain(sessionId.Substring(8, 16), text);
        Assert.DoesNotContain(fixture.Emulator.ApiKey, text);
        Assert.DoesNotContain("Dq4juHcnJBw8", text);
    }
}
