using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>Accounts that join a session (seed 001: log in again with the session's X-SessionId).</summary>
public sealed class JoinTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;

    public JoinTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    [Fact]
    public void A_join_answered_with_another_session_moves_every_account_into_it()
    {
        using var ps = fixture.NewRunner();
        ps.Run("$s = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri").ShouldSucceed();
        string first = Assert.Single(State.Sessions).SessionId;

        // The server has expired the session, and answers the join with a new one instead of an error.
        State.ExpireAllSessions();
        State.JoinOfExpiredSessionStartsNew = true;
        ps.Run("Connect-Litmind -Credential $AvaCred -Session $s | Out-Null").ShouldSucceed();

        var result = ps.Run("""
            (Invoke-LitmindRequest 'account/status/notifications').entity
            (Invoke-LitmindRequest 'account/status/notifications' -UserId 240101).entity
            $s.Accounts.Id
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Notifications", "Notifications", 240001L, 240101L }, result.Output.Select(o => o.BaseObject));
        var moved = Assert.Single(State.Sessions, s => s.SessionId != first);
        Assert.Equal(new long[] { 240101, 240001 }, moved.UserIds);
        Assert.Equal(moved.SessionId, State.RecentRequests.Last().Header("X-SessionId"));
        Assert.Equal(3, State.Logins);
    }
}
