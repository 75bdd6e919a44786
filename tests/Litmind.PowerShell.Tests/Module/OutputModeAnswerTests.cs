using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// One reader of answers serves every output mode: objects, -Raw, -ExpandProperty and -OutFile
/// all see the envelope's verdict and the expiry rules, so no mode writes a failure as success or
/// skips a renewal.
/// </summary>
public sealed class OutputModeAnswerTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0\n";
    private const string ReportedFailure = """{"entity":"Error","isSuccess":false,"errorDescription":"Casting is locked.","errorCode":"Locked"}""";
    private const string ExpiredInEnvelope = """{"entity":"Error","isSuccess":false,"errorDescription":"Your session has expired.","errorCode":"SessionExpired"}""";

    private readonly EmulatorFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-modes-").FullName;

    public OutputModeAnswerTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Modes => new() { "", "-Raw", "-ExpandProperty items", "-OutFile $File" };

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_200_whose_envelope_says_failure_is_an_error_in_every_mode(string mode)
    {
        using var ps = fixture.NewRunner();
        ps.Set("File", Path.Combine(folder, "castings.json"));
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = ReportedFailure, PathPrefix = "castings" });

        var result = ps.Run("Invoke-LitmindRequest 'castings' " + mode);

        ErrorAssert.Is(result.SingleError, "Litmind.HttpError", ErrorCategory.InvalidResult);
        Assert.Contains("Casting is locked.", result.SingleError.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_200_whose_envelope_says_expired_renews_and_replays_in_every_mode(string mode)
    {
        using var ps = fixture.NewRunner();
        var file = Path.Combine(folder, "castings.json");
        ps.Set("File", file);
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = ExpiredInEnvelope, PathPrefix = "castings" });

        var result = ps.Run("Invoke-LitmindRequest 'castings' " + mode).ShouldSucceed();

        Assert.Equal(2, State.Logins);
        Assert.Equal(2, State.RequestCount("castings"));
        string written = mode.StartsWith("-OutFile") ? File.ReadAllText(file)
            : mode == "-Raw" ? (string)result.Output.Single().BaseObject
            : string.Empty;
        Assert.DoesNotContain("SessionExpired", written);
        if (mode == "-ExpandProperty items")
        {
            Assert.Equal(5, result.Output.Count);
        }
        else if (written.Length > 0)
        {
            Assert.StartsWith("""{"entity":"CastingList","isSuccess":true""", written);
        }
    }

    [Fact]
    public void Raw_keeps_an_answer_that_is_not_JSON_as_it_is()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = "isSuccess: false", ContentType = "text/plain", PathPrefix = "castings" });

        var result = ps.Run("Invoke-LitmindRequest 'castings' -Raw").ShouldSucceed();

        Assert.Equal("isSuccess: false", result.Output.Single().BaseObject);
    }
}
