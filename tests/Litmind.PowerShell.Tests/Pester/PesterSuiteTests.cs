using System.Collections.Concurrent;
using Litmind.ConsoleHost;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Pester;

/// <summary>
/// tests/Pester/*.Tests.ps1, run through the shim with each It reported as one test case. The first
/// case of a file runs the whole file against an emulator of its own; the others read its results.
/// The suite sets the LITMIND_* environment variables, so it runs with the other tests that do.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class PesterSuiteTests
{
    private static readonly string Folder = Path.Combine(Paths.RepoRoot, "tests", "Pester");

    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<PesterItResult>>>> Runs = new();

    public static IEnumerable<object[]> Its =>
        Directory.EnumerateFiles(Folder, "*.Tests.ps1")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => PesterShimRunner.Discover(file).Select(it => new object[] { new PesterItCase(Path.GetFileName(file), it) }));

    [PesterTheory]
    [MemberData(nameof(Its))]
    public async Task Passes(PesterItCase it)
    {
        var results = await Runs.GetOrAdd(it.File, file => new Lazy<Task<IReadOnlyList<PesterItResult>>>(() => RunAsync(file))).Value;
        var result = results.FirstOrDefault(r => r.Name == it.Name) ?? results.FirstOrDefault(r => r.Name == PesterShimRunner.DiscoveryFailure);
        Assert.True(result != null, $"'{it.Name}' was not run; the file's tests now are: {string.Join(", ", results.Select(r => r.Name))}");
        Assert.True(result.Outcome == PesterOutcome.Passed, $"{result.Outcome}: {result.Message}");
    }

    /// <summary>
    /// Runs a file the way a user's CI would run the suite: an emulator started, and the variables
    /// the files read pointing at it and at the module this build laid out.
    /// </summary>
    private static async Task<IReadOnlyList<PesterItResult>> RunAsync(string file)
    {
        await using var emulator = await LitmindEmulator.StartAsync();
        using var environment = EnvironmentScope.Set(new Dictionary<string, string?>
        {
            ["LITMIND_BASE_URI"] = emulator.BaseUri.ToString(),
            ["LITMIND_API_KEY"] = emulator.ApiKey,
            ["LITMIND_EMULATOR_ROOT"] = emulator.RootUri.ToString(),
            ["LITMIND_MODULE_MANIFEST"] = Paths.ModuleManifest,
        });
        return PesterShimRunner.Run(Path.Combine(Folder, file));
    }
}
