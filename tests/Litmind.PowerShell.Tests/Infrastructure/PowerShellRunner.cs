using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// A real runspace with the built module (out/Litmind/&lt;version&gt;) imported, as a user's
/// session would have it. Scripts see $BaseUri, $ApiKey (SecureString) and one PSCredential per
/// demo account: $ProductionCred, $AgencyCred, $AvaCred, $LiamCred.
/// </summary>
public sealed class PowerShellRunner : IDisposable
{
    /// <summary>The console width <see cref="Render"/> draws at.</summary>
    public const int ConsoleWidth = 120;

    private readonly Runspace runspace;

    public PowerShellRunner(LitmindEmulator? emulator)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(Paths.ModuleManifest);

        runspace = RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
        if (emulator != null)
        {
            Set("BaseUri", emulator.BaseUri.ToString());
            Set("ApiKey", Secure(emulator.ApiKey));
            Set("ProductionCred", Credential(Demo("imagine-production")));
            Set("AgencyCred", Credential(Demo("northstar-agency")));
            Set("AvaCred", Credential(Demo("ava-north")));
            Set("LiamCred", Credential(Demo("liam-north")));
        }
    }

    public Runspace Runspace => runspace;

    public static DemoAccount Demo(string username) => DemoData.Accounts.Single(a => a.Username == username);

    public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    public static PSCredential Credential(DemoAccount account) => new(account.Username, Secure(account.Password));

    public void Set(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

    public object? Get(string name) => runspace.SessionStateProxy.GetVariable(name);

    /// <summary>Runs a script, capturing every stream; terminating errors are captured, not thrown.</summary>
    public ScriptResult Run(string script, bool verbose = false)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        if (verbose)
        {
            ps.AddScript("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'").Invoke();
            ps.Commands.Clear();
        }

        ps.AddScript(script);
        Collection<PSObject> output = new();
        ErrorRecord? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord;
        }

        return new ScriptResult(
            output.ToList(),
            ps.Streams.Error.ToList(),
            terminating,
            ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Debug.Select(v => v.Message).ToList(),
            ps.Streams.Warning.Select(v => v.Message).ToList(),
            ps.Streams.Information.Select(v => v.MessageData?.ToString() ?? string.Empty).ToList(),
            ps.Streams.Progress.ToList());
    }

    /// <summary>
    /// Waits until <paramref name="script"/> writes <paramref name="expected"/> (a session's
    /// ReconnectCount once a renewal that runs in the background is in place), failing after a while.
    /// </summary>
    public void WaitFor(string script, object expected, string what)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (!Equals(Run(script).ShouldSucceed().Output.SingleOrDefault()?.BaseObject, expected))
        {
            Assert.True(patience.Elapsed < TimeSpan.FromSeconds(20), what + " never happened");
            Thread.Sleep(20);
        }
    }

    /// <summary>Runs a script and returns what a console <paramref name="width"/> columns wide (<see cref="ConsoleWidth"/> unless given) shows of its output.</summary>
    public string Render(string script, int width = ConsoleWidth) =>
        string.Concat(Run("& {\n" + script + "\n} | Out-String -Width " + width).ShouldSucceed().Output.Select(o => o.BaseObject));

    /// <summary>What tab completion offers for <paramref name="input"/> with the cursor at its end.</summary>
    public List<string> Complete(string input)
    {
        using var pipeline = System.Management.Automation.PowerShell.Create();
        pipeline.Runspace = runspace;
        var completion = CommandCompletion.CompleteInput(input, input.Length, null, pipeline);
        return completion.CompletionMatches.Select(m => m.CompletionText).ToList();
    }

    /// <summary>Runs a script whose output is the object to hand over, and serializes it as Start-Job would.</summary>
    public string Serialize(string script) =>
        (string)Run("[System.Management.Automation.PSSerializer]::Serialize($(" + script + "))").ShouldSucceed().Output.Single().BaseObject;

    public void Dispose() => runspace.Dispose();
}

public sealed record ScriptResult(
    List<PSObject> Output,
    List<ErrorRecord> Errors,
    ErrorRecord? Terminating,
    List<string> Verbose,
    List<string> Debug,
    List<string> Warnings,
    List<string> Information,
    List<ProgressRecord> Progress)
{
    /// <summary>Every error, non-terminating and terminating.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Terminating == null ? Errors : Errors.Append(Terminating);

    /// <summary>The single error of the run; fails when there is not exactly one.</summary>
    public ErrorRecord SingleError => Assert.Single(AllErrors);

    /// <summary>Fails with the errors' text when the script reported any.</summary>
    public ScriptResult ShouldSucceed()
    {
        var errors = AllErrors.ToList();
        Assert.True(errors.Count == 0, "Script failed: " + string.Join(Environment.NewLine, errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return this;
    }

    /// <summary>All text of every stream and every error, for secret scans.</summary>
    public string AllText =>
        string.Join("\n", Output.Select(o => o?.ToString()))
        + "\n" + string.Join("\n", AllErrors.Select(e => e.ToString() + " " + e.Exception + " " + e.ErrorDetails?.Message + " " + e.ErrorDetails?.RecommendedAction + " " + e.TargetObject))
        + "\n" + string.Join("\n", Verbose) + "\n" + string.Join("\n", Debug) + "\n" + string.Join("\n", Warnings) + "\n" + string.Join("\n", Information);
}

public static class ErrorAssert
{
    /// <summary>Asserts the record's ErrorId (the part before the command name) and category.</summary>
    public static void Is(ErrorRecord record, string errorId, ErrorCategory category)
    {
        Assert.Equal(errorId, record.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, record.CategoryInfo.Category);
    }
}
