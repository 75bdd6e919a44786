using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// How answers are read: login answers by the login rules, call answers by the expiry rules the
/// service definition names (statuses and error codes), never by words in a message.
/// </summary>
public sealed class AnswerClassificationTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "$s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0\n";
    private readonly EmulatorFixture fixture;

    public AnswerClassificationTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    private static string ErrorBody(string description, string code) =>
        $$"""{"entity":"Error","isSuccess":false,"errorDescription":"{{description}}","errorCode":"{{code}}"}""";

    [Fact]
    public void A_refused_join_is_a_login_failure_and_does_not_renew_the_session()
    {
        using var ps = fixture.NewRunner();
        State.LoginFailureStatusCode = 401;
        ps.Set("bad", new PSCredential("ava-north", PowerShellRunner.Secure("not-the-password")));

        var result = ps.Run(Connect + "Connect-Litmind -Credential $bad -Session $s; $s.ReconnectCount; $s.Accounts.Count");

        ErrorAssert.Is(result.SingleError, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Equal(new object[] { 0, 1 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, State.LoginAttempts);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void A_conflict_that_mentions_expired_is_reported_once_and_the_POST_is_not_replayed()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 409, Body = ErrorBody("The casting has expired.", "Conflict"), PathPrefix = "/api/v1/castings/501", Count = 5 });

        var error = ps.Run("Invoke-LitmindRequest 'castings/501/candidates' -Method POST -Body @{ modelId = 240102 }").SingleError;

        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.InvalidArgument);
        Assert.Contains("The casting has expired.", error.Exception.Message);
        Assert.Equal(1, State.RequestCount("castings/501/candidates"));
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void A_200_failure_that_mentions_expired_without_an_expiry_code_is_not_expiry()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = ErrorBody("Your offer has expired.", "OfferClosed"), PathPrefix = "/api/v1/session/list" });

        ErrorAssert.Is(ps.Run("Invoke-LitmindRequest 'session/list'").SingleError, "Litmind.HttpError", ErrorCategory.InvalidResult);
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void An_account_missing_from_the_server_session_is_a_refusal_not_expiry()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 403, Body = ErrorBody("User 240001 is not logged into this session.", "UserNotInSession"), PathPrefix = "/api/v1/account", Count = 5 });

        var error = ps.Run("Invoke-LitmindRequest 'account/status/notifications'").SingleError;

        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.PermissionDenied);
        Assert.Contains("not logged into this session", error.Exception.Message);
        Assert.Equal(1, State.RequestCount("account/status/notifications"));
        Assert.Equal(1, State.Logins);
    }

    [Fact]
    public void A_POST_refused_as_expired_is_replayed_once_after_a_new_login()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.ExpireAllSessions();

        var result = ps.Run("(Invoke-LitmindRequest 'castings/503/candidates' -Method POST -Body @{ modelId = 240102 }).status").ShouldSucceed();

        Assert.Equal("Proposed", result.Output.Single().BaseObject);
        Assert.Equal(2, State.RequestCount("castings/503/candidates"));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void The_string_false_in_isSuccess_is_a_failure()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"entity":"SessionList","isSuccess":"false","errorDescription":"Not today."}""", PathPrefix = "/api/v1/session/list" });

        var error = ps.Run("Invoke-LitmindRequest 'session/list'").SingleError;

        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.InvalidResult);
        Assert.Contains("Not today.", error.Exception.Message);
    }

    [Fact]
    public void The_string_false_in_isSuccess_refuses_a_login()
    {
        using var ps = fixture.NewRunner();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"entity":"Login","isSuccess":"false","errorDescription":"Account locked.","sessionId":"0123456789abcdef","profile":{"id":1}}""", PathPrefix = "/api/v1/session/login" });

        var error = ps.Run(Connect).SingleError;

        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("Account locked.", error.Exception.Message);
        Assert.Empty(ps.Run("Get-LitmindSession").Output);
    }

    [Fact]
    public void A_login_that_answers_404_points_at_the_base_uri_not_the_credentials()
    {
        using var ps = fixture.NewRunner();
        var error = ps.Run("Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri ($BaseUri + 'v9/')").SingleError;

        Assert.NotEqual(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        ErrorAssert.Is(error, "Litmind.LoginEndpointNotFound", ErrorCategory.InvalidArgument);
        Assert.Contains("-BaseUri", error.Exception.Message);
        Assert.Contains("404", error.Exception.Message);
        Assert.DoesNotContain("password", error.ErrorDetails.Message + error.ErrorDetails.RecommendedAction, StringComparison.OrdinalIgnoreCase);
    }
}
