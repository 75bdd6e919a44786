using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Invoke-LitmindRequest -OutFile: the body saved as it arrives, with the session's authorization,
/// renewal, retries and errors; a failed call leaves no partial file and an existing file as it was.
/// </summary>
public sealed class OutFileTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 | Out-Null\n";
    private readonly EmulatorFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-outfile-").FullName;

    public OutFileTests(EmulatorFixture fixture) => this.fixture = fixture;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_body_is_saved_as_the_server_sent_it_relative_to_the_location_and_nothing_is_written()
    {
        using var ps = fixture.NewRunner();
        ps.Set("Folder", folder);
        var result = ps.Run(Connect + "Set-Location -LiteralPath $Folder; Invoke-LitmindRequest '_emulator/items' -Query @{ count = 20000; itemBytes = 100; shape = 'envelope' } -OutFile 'items.json' -StatusCodeVariable code; $code").ShouldSucceed();

        Assert.Equal(200, Assert.Single(result.Output).BaseObject);
        var text = File.ReadAllText(Path.Combine(folder, "items.json"));
        Assert.StartsWith("""{"entity":"ItemList","isSuccess":true,"errorDescription":null,"totalCount":20000,"items":[{"entity":"Item","id":1,""", text, StringComparison.Ordinal);
        Assert.Contains(""",{"entity":"Item","id":20000,"name":"item-20000","text":"x""", text, StringComparison.Ordinal);
        Assert.EndsWith("\"}]}", text, StringComparison.Ordinal);
        Assert.Equal(["items.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void An_expired_session_is_renewed_and_a_throttled_call_retried_before_the_body_is_saved()
    {
        using var ps = fixture.NewRunner();
        ps.Set("File", Path.Combine(folder, "notifications.json"));
        ps.Run(Connect).ShouldSucceed();
        fixture.Emulator.State.ExpireAllSessions();
        fixture.Emulator.State.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "0", PathPrefix = "/api/v1/account", Count = 1 });

        ps.Run("Invoke-LitmindRequest 'account/status/notifications' -OutFile $File").ShouldSucceed();

        Assert.Contains("\"entity\":\"Notifications\"", File.ReadAllText(Path.Combine(folder, "notifications.json")), StringComparison.Ordinal);
        Assert.Equal(["notifications.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_call_is_an_error_and_leaves_an_existing_file_as_it_was()
    {
        var file = Path.Combine(folder, "kept.json");
        File.WriteAllText(file, "earlier");
        using var ps = fixture.NewRunner();
        ps.Set("File", file);
        ps.Run(Connect).ShouldSucceed();
        fixture.Emulator.State.EnqueueFault(new Fault { StatusCode = 500, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Database is on fire"}""", PathPrefix = "/api/v1/models" });

        var result = ps.Run("Invoke-LitmindRequest models -OutFile $File");

        ErrorAssert.Is(result.SingleError, "Litmind.HttpError", System.Management.Automation.ErrorCategory.InvalidResult);
        Assert.Equal("earlier", File.ReadAllText(file));
        Assert.Equal(["kept.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void An_unwritable_path_is_an_error_before_anything_is_sent()
    {
        using var ps = fixture.NewRunner();
        ps.Set("Folder", folder);
        ps.Run(Connect).ShouldSucceed();
        var before = fixture.Emulator.State.Requests;

        var result = ps.Run("Invoke-LitmindRequest models -OutFile $Folder; Invoke-LitmindRequest models -OutFile (Join-Path $Folder 'missing/models.json')");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => ErrorAssert.Is(e, "Litmind.OutFileNotWritable", System.Management.Automation.ErrorCategory.InvalidArgument));
        Assert.Contains("nothing was sent", result.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Emulator.State.Requests);
        Assert.Empty(Directory.GetFiles(folder));
    }
}
