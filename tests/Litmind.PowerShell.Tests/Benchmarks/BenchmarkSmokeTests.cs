using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Benchmarks;

/// <summary>
/// tests/Litmind.Benchmarks runs every scenario once at a tiny size (-Quick), in the pinned pwsh
/// (<c>dotnet pwsh</c>) as <c>build.ps1 -Task Benchmark</c> starts it, so that the benchmark cannot rot. No timing is asserted: only that
/// each scenario ran against the emulator.
/// </summary>
public sealed class BenchmarkSmokeTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The scenarios, each of which the harness must report.</summary>
    private static readonly string[] Measured =
    [
        "engine-noop", "floor-in-cmdlet", "floor-in-foreach", "floor-in-pipeline", "foreach-object", "foreach-object-hashtable", "foreach", "pipeline", "raw", "irm", "irm-websession",
        "parallel-1", "parallel-4", "parallel-8",
        "large-array-floor", "large-array", "large-array-raw", "large-array-irm",
        "large-envelope-floor", "large-envelope", "large-envelope-raw", "large-envelope-expand", "large-envelope-irm",
        "all-pages", "all-pages-memory",
        "outfile", "import",
    ];

    [Fact]
    public void Quick_run_measures_every_scenario_once()
    {
        var results = Path.Combine(Path.GetTempPath(), $"litmind-benchmark-{Guid.NewGuid():N}.json");
        try
        {
            // The test project builds the module, the emulator and the helper; -NoBuild uses them.
            var run = RunInPwsh(
                Path.Combine(Paths.RepoRoot, "tests", "Litmind.Benchmarks", "Invoke-Benchmark.ps1"),
                "-Quick", "-NoBuild", "-Configuration", Configuration, "-ModuleManifest", Paths.ModuleManifest, "-ResultPath", results);
            Assert.True(run.ExitCode == 0, $"Invoke-Benchmark.ps1 -Quick exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");

            using var document = JsonDocument.Parse(File.ReadAllText(results));
            var statuses = document.RootElement.GetProperty("Scenarios").EnumerateArray()
                .ToDictionary(s => s.GetProperty("Name").GetString()!, s => s.GetProperty("Status").GetString()!);
            foreach (var name in Measured)
            {
                Assert.True(statuses.TryGetValue(name, out var status), $"{name} was not reported:{Environment.NewLine}{run.Output}");
                Assert.True(status == "measured", $"{name}: {status}");
            }

            Assert.Contains("| -ThrottleLimit |", run.Output, StringComparison.Ordinal);
            Assert.Contains("Module rows ÷ the floor call made from a binary cmdlet called the same way", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(results);
        }
    }

    /// <summary>Runs a script in <c>dotnet pwsh</c> from the repository (where the tool manifest is); its exit code and all it printed.</summary>
    private static (int ExitCode, string Output) RunInPwsh(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Paths.RepoRoot,
        };
        foreach (var argument in (string[])["pwsh", "-NoProfile", "-NonInteractive", "-File", script, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
