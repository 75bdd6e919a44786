using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Pester;

public enum PesterOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>A test of a Pester file: its name (the block names and its own) and whether it has -Skip.</summary>
public sealed record PesterIt(string Name, bool Skipped);

public sealed record PesterItResult(string Name, PesterOutcome Outcome, string? Message);

/// <summary>
/// Runs Pester 5 test files through PesterShim.ps1, for machines without Pester. Each call uses a
/// fresh runspace holding only what PowerShell itself provides, as a new Invoke-Pester session
/// would: the files import the Litmind module themselves.
/// </summary>
public static class PesterShimRunner
{
    /// <summary>The name of the single failed result of a file whose discovery fails (Pester 5 fails the whole file).</summary>
    public const string DiscoveryFailure = "(discovery)";

    private const string Separator = " > ";

    public static string ShimPath { get; } = Path.Combine(Paths.RepoRoot, "tests", "Litmind.PowerShell.Tests", "Pester", "PesterShim.ps1");

    /// <summary>The file's tests, found by running only its block structure.</summary>
    public static IReadOnlyList<PesterIt> Discover(string file)
    {
        Collection<PSObject> found;
        try
        {
            found = Invoke("Get-PesterShimTest", file);
        }
        catch (RuntimeException)
        {
            return [new PesterIt(DiscoveryFailure, false)];
        }

        var names = UniqueNames(found);
        return found.Select((t, i) => new PesterIt(names[i], LanguagePrimitives.ConvertTo<bool>(t.Properties["Skip"].Value))).ToList();
    }

    /// <summary>Discovers the file, then runs it: one result per test, in file order.</summary>
    public static IReadOnlyList<PesterItResult> Run(string file)
    {
        Collection<PSObject> results;
        try
        {
            results = Invoke("Invoke-PesterShimFile", file);
        }
        catch (RuntimeException e)
        {
            return [new PesterItResult(DiscoveryFailure, PesterOutcome.Failed, e.ErrorRecord + Environment.NewLine + e.ErrorRecord.ScriptStackTrace)];
        }

        var names = UniqueNames(results);
        return results.Select((r, i) => new PesterItResult(
            names[i],
            Enum.Parse<PesterOutcome>(LanguagePrimitives.ConvertTo<string>(r.Properties["Result"].Value)),
            LanguagePrimitives.ConvertTo<string?>(r.Properties["Message"].Value))).ToList();
    }

    private static Collection<PSObject> Invoke(string command, string file)
    {
        var state = InitialSessionState.CreateDefault2();

        // Windows applies an execution policy, which could refuse the .ps1 files; other systems have none.
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }

        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create(runspace);

        // Dot-sourced, so that the shim's functions stay in the global scope for the next command.
        ps.AddCommand(ShimPath, useLocalScope: false).Invoke();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException("PesterShim.ps1 failed to load: " + string.Join(Environment.NewLine, ps.Streams.Error));
        }

        ps.Commands.Clear();
        return ps.AddCommand(command).AddArgument(file).Invoke();
    }

    /// <summary>The tests' names; Pester allows two tests of one name, xunit needs them told apart.</summary>
    private static List<string> UniqueNames(IEnumerable<PSObject> tests)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var test in tests)
        {
            string name = string.Join(Separator, LanguagePrimitives.ConvertTo<string[]>(test.Properties["Path"].Value));
            int count = seen[name] = seen.GetValueOrDefault(name) + 1;
            names.Add(count == 1 ? name : $"{name} #{count}");
        }

        return names;
    }
}
