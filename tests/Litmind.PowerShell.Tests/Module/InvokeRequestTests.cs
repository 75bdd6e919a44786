using System.Management.Automation;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

public sealed class InvokeRequestTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null\n";
    private readonly EmulatorFixture fixture;

    public InvokeRequestTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Every_call_carries_the_key_the_session_id_and_the_user_id()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect + "Invoke-LitmindRequest 'account/status/notifications' | Out-Null").ShouldSucceed();

        var session = Assert.Single(fixture.Emulator.State.Sessions);
        var call = fixture.Emulator.State.RecentRequests.Last();
        Assert.Equal("GET", call.Method);
        Assert.Equal("/api/v1/account/status/notifications", call.PathAndQuery);
        Assert.Equal(fixture.Emulator.ApiKey, call.Header("X-Key"));
        Assert.Equal(session.SessionId, call.Header("X-SessionId"));
        Assert.Equal("138829", call.Header("X-UserId"));
    }

    [Fact]
    public void Verbose_and_debug_reach_whoever_asks_for_them_and_nothing_is_written_otherwise()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        const string Call = "Invoke-LitmindRequest 'account/status/notifications'";

        var quiet = ps.Run(Call + " | Out-Null").ShouldSucceed();
        var byParameter = ps.Run(Call + " -Verbose -Debug | Out-Null").ShouldSucceed();
        var byPreference = ps.Run("$VerbosePreference = 'Continue'; " + Call + " | Out-Null").ShouldSucceed();
        var byCaller = ps.Run("function Get-Notifications { [CmdletBinding()] param() " + Call + " }; Get-Notifications -Verbose | Out-Null").ShouldSucceed();
        var silenced = ps.Run("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; " + Call + " -Verbose:$false -Debug:$false | Out-Null").ShouldSucceed();

        Assert.Empty(quiet.Verbose);
        Assert.Empty(quiet.Debug);
        Assert.Contains(byParameter.Verbose, m => m.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Contains(byParameter.Debug, m => m.Contains("X-UserId", StringComparison.Ordinal));
        Assert.Contains(byPreference.Verbose, m => m.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Empty(byPreference.Debug);
        Assert.Contains(byCaller.Verbose, m => m.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Empty(silenced.Verbose);
        Assert.Empty(silenced.Debug);
    }

    [Fact]
    public void The_entity_becomes_a_type_name_and_fields_become_properties()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "$n = Invoke-LitmindRequest '/account/status/notifications'; $n.PSObject.TypeNames[0]; $n.items[0].PSObject.TypeNames[0]; $n.isSuccess; $n.unreadCount.GetType().Name").ShouldSucceed();
        Assert.Equal(new object[] { "Litmind.Notifications", "Litmind.Notification", true, "Int64" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_top_level_array_is_enumerated_one_object_per_element()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "Invoke-LitmindRequest 'models/featured'").ShouldSucceed();
        Assert.Equal(5, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Litmind.Model", o.TypeNames[0]));
    }

    [Fact]
    public void Query_parameters_are_encoded_into_the_uri()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "$p = Invoke-LitmindRequest models -Query @{ page = 2; pageSize = 25 }; $p.page; $p.items.Count").ShouldSucceed();
        Assert.Equal(2L, result.Output[0].BaseObject);
        Assert.Equal(25, result.Output[1].BaseObject);
        Assert.Contains("page=2", fixture.Emulator.State.RecentRequests.Last().PathAndQuery);
    }

    [Fact]
    public void A_hashtable_body_is_sent_form_encoded_and_changes_state()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null
            $casting = @((Invoke-LitmindRequest castings).items | Where-Object { $_.status -eq 'Open' -and (Invoke-LitmindRequest "castings/$($_.id)/candidates").items.modelId -notcontains 240102 })[0]
            $c = Invoke-LitmindRequest "castings/$($casting.id)/candidates" -Method Post -Body @{ modelId = 240102 }
            $c.status
            (Invoke-LitmindRequest "castings/$($casting.id)/candidates").items.modelId -contains 240102
            """).ShouldSucceed();
        Assert.Equal("Proposed", result.Output[0].BaseObject);
        Assert.True((bool)result.Output[1].BaseObject);
        var post = fixture.Emulator.State.RecentRequests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("/candidates"));
        Assert.StartsWith("application/x-www-form-urlencoded", post.Header("Content-Type"));
    }

    [Fact]
    public void A_json_content_type_sends_the_hashtable_as_json()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null
            $casting = @((Invoke-LitmindRequest castings).items | Where-Object { $_.status -eq 'Open' -and (Invoke-LitmindRequest "castings/$($_.id)/candidates").items.modelId -notcontains 240102 })[0]
            (Invoke-LitmindRequest "castings/$($casting.id)/candidates" -Method POST -Body @{ modelId = 240102 } -ContentType 'application/json').modelId
            """).ShouldSucceed();
        Assert.Equal(240102L, result.Output.Single().BaseObject);
        var post = fixture.Emulator.State.RecentRequests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("/candidates"));
        Assert.StartsWith("application/json", post.Header("Content-Type"));
    }

    [Fact]
    public void The_content_type_shorthands_json_and_form_name_their_media_types()
    {
        using var ps = fixture.NewRunner();
        fixture.Emulator.State.EnqueueFault(new Litmind.Emulator.Fault { EchoRequestHeaders = true, PathPrefix = "/api/v1/castings", Count = 2 });
        ps.Run(Connect + """
            Invoke-LitmindRequest castings/501/candidates -Method POST -Body @{ modelId = 240102 } -ContentType json | Out-Null
            Invoke-LitmindRequest castings/501/candidates -Method POST -Body @{ modelId = 240102 } -ContentType FORM | Out-Null
            """).ShouldSucceed();

        var posts = fixture.Emulator.State.RecentRequests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("/candidates")).ToList();
        Assert.Equal(new[] { "application/json; charset=utf-8", "application/x-www-form-urlencoded; charset=utf-8" }, posts.Select(p => p.Header("Content-Type")));
    }

    [Fact]
    public void The_longest_timeout_works_for_the_session_and_for_a_call()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            (Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -TimeoutSec 2147483).TimeoutSec
            (Invoke-LitmindRequest 'session/list' -TimeoutSec 2147483).entity
            """).ShouldSucceed();
        Assert.Equal(new object[] { 2147483, "SessionList" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Json_nested_as_deep_as_ConvertFrom_Json_reads_becomes_objects()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        fixture.Emulator.State.EnqueueFault(new Litmind.Emulator.Fault { StatusCode = 200, Body = string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "\"bottom\"" + new string('}', 1000) });

        var result = ps.Run("$x = Invoke-LitmindRequest 'session/list'; for ($n = 0; $n -lt 2000 -and $null -ne $x -and $x -isnot [string]; $n++) { $x = $x.a }; $n; $x").ShouldSucceed();

        Assert.Equal(new object[] { 1000, "bottom" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_byte_array_body_is_sent_as_its_bytes()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        fixture.Emulator.State.EnqueueFault(new Litmind.Emulator.Fault { EchoRequestHeaders = true, PathPrefix = "/api/v1/castings", Count = 2 });

        ps.Run("""
            Invoke-LitmindRequest castings/501/candidates -Method POST -Body ([byte[]](65, 66, 67)) | Out-Null
            Invoke-LitmindRequest castings/501/candidates -Method POST -Body ([byte[]](65, 66, 67)) -ContentType 'image/png' | Out-Null
            """).ShouldSucceed();

        var posts = fixture.Emulator.State.RecentRequests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("/candidates")).ToList();
        Assert.Equal(new[] { "3", "3" }, posts.Select(p => p.Header("Content-Length")));
        Assert.Equal(new[] { "application/octet-stream", "image/png" }, posts.Select(p => p.Header("Content-Type")));
    }

    [Fact]
    public void The_charset_an_answer_declares_is_honoured_for_objects_errors_and_raw_text()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        const string latin1 = "application/json; charset=iso-8859-1";
        var state = fixture.Emulator.State;
        state.EnqueueFault(new Litmind.Emulator.Fault { Body = """{"entity":"Casting","title":"Café Zürich"}""", ContentType = latin1 });
        state.EnqueueFault(new Litmind.Emulator.Fault { Body = """{"entity":"Casting","title":"Café Zürich"}""", ContentType = latin1 });
        state.EnqueueFault(new Litmind.Emulator.Fault { StatusCode = 409, Body = """{"isSuccess":false,"errorDescription":"Déjà fermé"}""", ContentType = latin1 });

        var result = ps.Run("""
            (Invoke-LitmindRequest 'session/list').title
            Invoke-LitmindRequest 'session/list' -Raw
            Invoke-LitmindRequest 'session/list'
            """);

        Assert.Equal("Café Zürich", result.Output[0].BaseObject);
        Assert.Contains("Café Zürich", (string)result.Output[1].BaseObject);
        Assert.Equal("Déjà fermé", Assert.IsAssignableFrom<Errors.LitmindException>(result.SingleError.Exception).ServerMessage);
    }

    [Fact]
    public void Keys_that_differ_only_in_case_are_an_error_and_raw_keeps_both()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        const string body = """{"entity":"Profile","name":"lower","Name":"Upper"}""";
        fixture.Emulator.State.EnqueueFault(new Litmind.Emulator.Fault { Body = body, Count = 2 });

        var result = ps.Run("Invoke-LitmindRequest 'session/list'; Invoke-LitmindRequest 'session/list' -Raw");

        ErrorAssert.Is(result.SingleError, "Litmind.InvalidResponse", ErrorCategory.InvalidData);
        Assert.Contains("-Raw", result.SingleError.Exception.Message);
        Assert.Equal(body, Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void Raw_writes_the_body_as_a_string()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "Invoke-LitmindRequest 'session/list' -Raw").ShouldSucceed();
        var text = Assert.IsType<string>(result.Output.Single().BaseObject);
        Assert.Contains("\"entity\":\"SessionList\"", text.Replace(" ", string.Empty));
    }

    [Fact]
    public void An_http_error_is_non_terminating_and_carries_status_and_server_message()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "Invoke-LitmindRequest 'models/999' -StatusCodeVariable code; 'after'; $code");

        var error = result.SingleError;
        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.ObjectNotFound);
        var exception = Assert.IsAssignableFrom<Errors.LitmindException>(error.Exception);
        Assert.Equal(404, exception.StatusCode);
        Assert.Equal("GET", exception.Method);
        Assert.EndsWith("/api/v1/models/999", exception.RequestUri!.AbsoluteUri);
        Assert.Equal("NotFound", exception.ServerErrorCode);
        Assert.True(Guid.TryParse(exception.CorrelationId, out _), "the emulator's X-Request-Id is kept for support tickets");
        Assert.False(string.IsNullOrEmpty(exception.ServerMessage));
        Assert.Contains(exception.ServerMessage!, error.Exception.Message);
        Assert.Equal("models/999", error.TargetObject);
        Assert.Equal(new object[] { "after", 404 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_failed_call_never_repeats_its_query_string()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run(Connect + "Invoke-LitmindRequest 'models/999' -Query @{ token = 'query-secret-123' }").SingleError;
        var exception = Assert.IsAssignableFrom<Errors.LitmindException>(error.Exception);
        Assert.Empty(exception.RequestUri!.Query);
        Assert.DoesNotContain("query-secret-123", error.ToString() + exception + error.ErrorDetails?.Message);
    }

    [Fact]
    public void A_query_typed_in_the_path_is_not_kept_in_the_error_target()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            Invoke-LitmindRequest 'models/999?token=query-secret-123'
            Invoke-LitmindRequest ($BaseUri + 'models/998?token=query-secret-123#top')
            """);

        Assert.Equal(new object[] { "models/999", fixture.Emulator.BaseUri + "models/998" }, result.AllErrors.Select(e => e.TargetObject));
        Assert.DoesNotContain("query-secret-123", result.AllText);
    }

    [Fact]
    public void ErrorAction_Stop_makes_a_call_failure_terminating()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "try { Invoke-LitmindRequest 'models/999' -ErrorAction Stop; 'not reached' } catch { 'caught ' + $_.FullyQualifiedErrorId }");
        Assert.Equal("caught Litmind.HttpError,Litmind.PowerShell.Cmdlets.InvokeLitmindRequestCommand", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void A_forbidden_action_reports_PermissionDenied()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run(Connect + "Invoke-LitmindRequest 'agency/models'").SingleError;
        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.PermissionDenied);
    }

    [Fact]
    public void UserId_acts_as_another_account_of_the_session()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $s | Out-Null
            Invoke-LitmindRequest 'agency/models' | Out-Null
            Invoke-LitmindRequest 'account/status/notifications' -UserId 240101 | Out-Null
            """).ShouldSucceed();
        var calls = fixture.Emulator.State.RecentRequests.Where(r => !r.PathAndQuery.Contains("login")).ToList();
        Assert.Equal(new[] { "240001", "240101" }, calls.Select(c => c.Header("X-UserId")));
    }

    [Fact]
    public void A_user_id_not_in_the_session_is_refused_before_anything_is_sent()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run(Connect + "Invoke-LitmindRequest 'session/list' -UserId 42").SingleError;
        ErrorAssert.Is(error, "Litmind.UnknownAccount", ErrorCategory.InvalidArgument);
        Assert.Contains("imagine-production", error.Exception.Message);
        Assert.Equal(1, fixture.Emulator.State.Requests);
    }

    [Fact]
    public void Get_LitmindAccount_lists_every_account_of_the_session()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run("""
            $s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $LiamCred -Session $s | Out-Null
            Get-LitmindAccount
            """).ShouldSucceed();
        var accounts = result.Output.Select(o => Assert.IsType<Sessions.LitmindAccount>(o.BaseObject)).ToList();
        Assert.Equal(new object[] { 240001L, 240102L }, accounts.Select(a => a.Id));
        Assert.Equal("Model", accounts[1].TypeTitle);
        Assert.EndsWith("/thumbnail.jpg", accounts[1].ThumbnailUrl);
    }
}
