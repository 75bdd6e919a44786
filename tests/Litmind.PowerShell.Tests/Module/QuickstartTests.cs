using Litmind.ConsoleHost;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>The README's first command: the quickstart through the console host against the emulator.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class QuickstartTests
{
    [Fact]
    public async Task The_quickstart_runs_end_to_end_against_the_emulator()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var options = HostOptions.Parse(["--emulator", Path.Combine(Paths.RepoRoot, "examples", "quickstart.ps1")]);
        string? keyBefore = Environment.GetEnvironmentVariable("LITMIND_API_KEY");

        int exitCode = await ScriptRunner.RunAsync(options, stdout, stderr);

        string output = stdout.ToString();
        Assert.True(exitCode == 0, stderr.ToString() + output);
        Assert.Contains("northstar-agency", output);
        Assert.Contains("ava-north", output);
        Assert.Contains("Disconnected", output);
        Assert.Contains("Litmind emulator listening on http://127.0.0.1:", stderr.ToString());
        Assert.Equal(keyBefore, Environment.GetEnvironmentVariable("LITMIND_API_KEY"));
    }
}
