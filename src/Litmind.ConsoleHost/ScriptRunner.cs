using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using Litmind.Emulator;

namespace Litmind.ConsoleHost;

/// <summary>Runs a script or script text the way pwsh -File / -Command does, in this process.</summary>
public static class ScriptRunner
{
    public const int ExitSuccess = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 64;
    public const int ExitInterrupted = 130;

    /// <summary>The manifest of the module this repository builds (out/Litmind/&lt;version&gt;/Litmind.psd1).</summary>
    public static string? DefaultModuleManifest { get; } = typeof(ScriptRunner).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "LitmindModuleManifest")?.Value;

    /// <summary>
    /// Runs <paramref name="options"/> and returns the process exit code. Writing to the real console
    /// (<see cref="Console.Out"/>) turns on terminal behaviour; any other writer gets plain
    /// 120-column text. Cancelling <paramref name="cancellationToken"/> stops the script (Ctrl+C).
    /// </summary>
    public static Task<int> RunAsync(HostOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var terminal = ReferenceEquals(stdout, Console.Out) ? HostTerminal.FromConsole() : HostTerminal.Redirected();
        return RunAsync(options, new LitmindHost(stdout, stderr, terminal), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="options"/> on a host the caller built (its own writers, width, input).
    /// Completes synchronously unless the emulator is started.
    /// </summary>
    public static async Task<int> RunAsync(HostOptions options, LitmindHost host, CancellationToken cancellationToken = default)
    {
        if (!options.StartEmulator)
        {
            return Run(options, host, cancellationToken);
        }

        await using var emulator = await LitmindEmulator.StartAsync().ConfigureAwait(false);
        using var environment = EnvironmentScope.ForEmulator(emulator);
        host.UI.WriteNoticeLine(
            $"Litmind emulator listening on {emulator.BaseUri} (LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT are set).");
        return Run(options, host, cancellationToken);
    }

    /// <summary>Opens a runspace on <paramref name="host"/>, imports the module, runs, returns the exit code.</summary>
    private static int Run(HostOptions options, LitmindHost host, CancellationToken cancellationToken)
    {
        if (options.ScriptPath is { } path && !(path.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) && File.Exists(path)))
        {
            host.UI.WriteErrorLine($"The script file '{path}' does not exist or is not a .ps1 file.");
            return ExitUsage;
        }

        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Unrestricted;
        }

        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();

        if (options.ImportModule)
        {
            if ((options.ModulePath ?? DefaultModuleManifest) is not { } manifest)
            {
                host.UI.WriteErrorLine("This build does not say where the Litmind module is; pass --module or --no-module.");
                return ExitUsage;
            }

            var import = new Command("Import-Module");
            import.Parameters.Add("Name", manifest);
            import.Parameters.Add("ErrorAction", ActionPreference.Stop);
            var imported = RunPipeline(runspace, host, import, cancellationToken);
            if (imported != ExitSuccess)
            {
                return imported;
            }
        }

        var exitEndsHost = ExitEndsHost(runspace);
        var code = RunPipeline(runspace, host, ToCommand(options), cancellationToken);
        if (host.ExitCode is { } requested)
        {
            return requested;
        }

        if (code != ExitSuccess || exitEndsHost || options.ScriptPath is null)
        {
            return code;
        }

        // Only if the engine lost that switch: the script's 'exit N' then merely set $LASTEXITCODE.
        return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int last ? last : ExitSuccess;
    }

    private static Command ToCommand(HostOptions options)
    {
        if (options.ScriptPath is null)
        {
            // Script text runs in the global scope, as typed at a prompt.
            return new Command(options.CommandText ?? "", isScript: true, useLocalScope: false);
        }

        // Invoked as a command (not as its text) so $PSScriptRoot, $MyInvocation and param() work.
        var script = new Command(Path.GetFullPath(options.ScriptPath), isScript: false);
        foreach (var parameter in ScriptArguments.ToParameters(options.Arguments))
        {
            script.Parameters.Add(parameter);
        }

        return script;
    }

    /// <summary>
    /// Runs one command as a console runs a line: its errors merged into its output and all of it
    /// rendered by Out-Default. A terminating error is printed and gives 1; a stop gives 130.
    /// </summary>
    private static int RunPipeline(Runspace runspace, LitmindHost host, Command command, CancellationToken cancellationToken)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        command.MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        shell.Commands.AddCommand(command);
        shell.AddCommand("Out-Default");

        // BeginStop: the token fires on the Ctrl+C thread, which must not wait for the pipeline.
        using var stop = cancellationToken.Register(() => shell.BeginStop(null, null));
        try
        {
            shell.Invoke();
        }
        catch (Exception e) when (shell.InvocationStateInfo.State != PSInvocationState.Stopped)
        {
            ReportException(runspace, host, e);
            return ExitFailure;
        }
        catch (Exception)
        {
            // Stopped: whatever the stop surfaced as, the answer is the interrupted exit code.
        }

        return shell.InvocationStateInfo.State == PSInvocationState.Stopped ? ExitInterrupted : ExitSuccess;
    }

    /// <summary>Prints a terminating error through the error view, as the console prints an uncaught one.</summary>
    private static void ReportException(Runspace runspace, LitmindHost host, Exception exception)
    {
        var record = exception is IContainsErrorRecord withRecord
            ? withRecord.ErrorRecord
            : new ErrorRecord(exception, "LitmindHost.UnhandledException", ErrorCategory.NotSpecified, null);

        var ui = host.UI;
        ui.OutputToError = true;
        try
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand("Out-Default").Invoke(new[] { record });
        }
        catch (Exception e) when (e is RuntimeException or InvalidOperationException)
        {
            // The error view itself failed: fall back to the message and where it happened.
            ui.WriteErrorLine(exception.Message);
            if (record.InvocationInfo is { } invocation)
            {
                ui.WriteErrorLine(invocation.PositionMessage);
            }
        }
        finally
        {
            ui.OutputToError = false;
        }
    }

    /// <summary>
    /// pwsh -File makes 'exit N' in the script end the host with N, where a script called by another
    /// only ends itself; the switch it sets for that is internal, so it is set the same way here.
    /// The first script processor created (the pipeline's own) reads and clears it, so scripts the
    /// script calls keep the usual behaviour; script text ends the host on 'exit' anyway.
    /// </summary>
    private static bool ExitEndsHost(Runspace runspace)
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
        var context = typeof(Runspace).GetProperty("ExecutionContext", Internal)?.GetValue(runspace);
        var rethrowExit = context?.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", Internal);
        rethrowExit?.SetValue(context, true);
        return rethrowExit is not null;
    }
}
