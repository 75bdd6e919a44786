using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Build;

/// <summary>
/// What one <c>build.ps1 -Task Build,Package -Configuration Release</c> laid out: the module folder
/// and the Litmind.psd1 it came from.
/// </summary>
[Collection(BuildOutputCollection.Name)]
public sealed class BuildScriptTests
{
    private readonly BuildOutputFixture build;

    public BuildScriptTests(BuildOutputFixture build) => this.build = build;

    [Fact]
    public void Build_and_Package_succeed_and_say_where_the_module_and_package_are()
    {
        build.AssertSucceeded();
        Assert.Contains(build.ModuleFolder, build.Run.Output);
        Assert.Contains(build.PackagePath, build.Run.Output);
    }

    [Fact]
    public void The_module_folder_holds_the_module_files_and_nothing_else()
    {
        build.AssertSucceeded();

        // No pdb, no deps.json, no XML doc file, no System.Management.Automation.dll.
        Assert.Equal(BuildOutputFixture.ExpectedModuleFiles(), build.ModuleFiles());
    }

    [Fact]
    public void The_laid_out_manifest_is_Litmind_psd1_as_written_and_the_dll_carries_its_version()
    {
        build.AssertSucceeded();

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(Paths.RepoRoot, "Litmind.psd1")),
            File.ReadAllBytes(Path.Combine(build.ModuleFolder, "Litmind.psd1")));
        var assembly = AssemblyName.GetAssemblyName(Path.Combine(build.ModuleFolder, "Litmind.PowerShell.dll"));
        Assert.Equal(Version.Parse(build.Version), new Version(assembly.Version!.Major, assembly.Version.Minor, assembly.Version.Build));
    }

    [Fact]
    public void Test_ModuleManifest_accepts_the_laid_out_module()
    {
        build.AssertSucceeded();

        using var ps = System.Management.Automation.PowerShell.Create(InitialSessionState.CreateDefault2());
        var module = ps.AddCommand("Test-ModuleManifest").AddParameter("Path", build.LaidOutManifest).Invoke<PSModuleInfo>().Single();

        Assert.False(ps.HadErrors, string.Join(Environment.NewLine, ps.Streams.Error));
        Assert.Equal(build.Version, module.Version.ToString());
        Assert.Equal("Litmind", module.Name);
    }

    [Fact]
    public void Import_Module_of_the_laid_out_module_exports_exactly_the_manifests_cmdlets()
    {
        build.AssertSucceeded();

        using var ps = System.Management.Automation.PowerShell.Create(InitialSessionState.CreateDefault2());
        var module = ps.AddCommand("Import-Module").AddParameter("Name", build.LaidOutManifest).AddParameter("PassThru").Invoke<PSModuleInfo>().Single();

        Assert.False(ps.HadErrors, string.Join(Environment.NewLine, ps.Streams.Error));
        Assert.Equal(build.Version, module.Version.ToString());
        Assert.Equal(build.Cmdlets.Order(StringComparer.OrdinalIgnoreCase), module.ExportedCmdlets.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
    }

    [Fact]
    public void A_fresh_PowerShell_imports_the_laid_out_module_from_its_own_folder()
    {
        build.AssertSucceeded();

        // This test process may hold another copy of Litmind.PowerShell.dll already; a new
        // process shows that the laid-out folder is complete on its own.
        var run = BuildScript.RunConsoleHost(
            "--module", build.LaidOutManifest, "-Command",
            "$m = Get-Module Litmind; 'cmdlets=' + ($m.ExportedCmdlets.Keys -join ','); 'dll=' + $m.ImplementingAssembly.Location");

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        var cmdlets = lines.Single(l => l.StartsWith("cmdlets=", StringComparison.Ordinal))["cmdlets=".Length..].Split(',');
        Assert.Equal(build.Cmdlets.Order(StringComparer.OrdinalIgnoreCase), cmdlets.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(
            Path.Combine(build.ModuleFolder, "Litmind.PowerShell.dll"),
            lines.Single(l => l.StartsWith("dll=", StringComparison.Ordinal))["dll=".Length..]);
    }
}

/// <summary>
/// <c>build.ps1 -Task Clean</c>, run on a scratch copy of the repository: on the real one it would
/// delete bin/ and obj/ under the running tests.
/// </summary>
public sealed class CleanTaskTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "litmind-clean-" + Guid.NewGuid().ToString("N"));

    private string Repo => Path.Combine(root, "repo");

    private string Output => Path.Combine(root, "output");

    public CleanTaskTests()
    {
        Directory.CreateDirectory(Repo);
        File.Copy(Path.Combine(Paths.RepoRoot, "build.ps1"), Path.Combine(Repo, "build.ps1"));
        File.Copy(Path.Combine(Paths.RepoRoot, "Litmind.psd1"), Path.Combine(Repo, "Litmind.psd1"));
        File.WriteAllText(
            Path.Combine(Repo, "Litmind.PowerShell.sln"),
            "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Sample\", \"src\\Sample\\Sample.csproj\", \"{81ECA5DB-32F9-4117-BB1F-12D61A5A62E3}\"\r\nEndProject\r\n");
        Touch(Repo, "src", "Sample", "Sample.csproj");
        Touch(Repo, "src", "Sample", "bin", "Release", "Sample.dll");
        Touch(Repo, "src", "Sample", "obj", "project.assets.json");
        Touch(Output, "Litmind", "0.1.0", "Litmind.psd1");
        Touch(Output, "packages", "Litmind.0.1.0.nupkg");
    }

    [Fact]
    public void Clean_removes_the_output_folder_and_the_projects_bin_and_obj()
    {
        var run = BuildScript.Run(Path.Combine(Repo, "build.ps1"), "-Task", "Clean", "-OutputPath", Output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(Directory.Exists(Output), run.Output);
        Assert.False(Directory.Exists(Path.Combine(Repo, "src", "Sample", "bin")), run.Output);
        Assert.False(Directory.Exists(Path.Combine(Repo, "src", "Sample", "obj")), run.Output);
        Assert.True(File.Exists(Path.Combine(Repo, "src", "Sample", "Sample.csproj")));
    }

    [Fact]
    public void Clean_leaves_what_it_did_not_make_in_the_output_folder()
    {
        Touch(Output, "notes.txt");
        Touch(Output, "packages", "Other.1.0.0.nupkg");

        var run = BuildScript.Run(Path.Combine(Repo, "build.ps1"), "-Task", "Clean", "-OutputPath", Output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(Directory.Exists(Path.Combine(Output, "Litmind")), run.Output);
        Assert.False(File.Exists(Path.Combine(Output, "packages", "Litmind.0.1.0.nupkg")), run.Output);
        Assert.True(File.Exists(Path.Combine(Output, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(Output, "packages", "Other.1.0.0.nupkg")));
    }

    [Fact]
    public void An_unknown_task_fails_and_names_the_tasks()
    {
        var run = BuildScript.Run(Path.Combine(Repo, "build.ps1"), "-Task", "Build,Deploy", "-OutputPath", Output);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Deploy", run.Output);
        Assert.Contains("Clean, Build, Test, Package", run.Output);
        Assert.True(Directory.Exists(Path.Combine(Output, "Litmind")), "nothing runs when a task name is wrong");
    }

    public void Dispose() => BuildOutputFixture.DeleteFolder(root);

    private static void Touch(params string[] path)
    {
        var file = Path.Combine(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "x");
    }
}

/// <summary>One run of the console host (of build.ps1, mostly): its exit code and everything it printed.</summary>
public sealed record BuildRun(int ExitCode, string Output);

/// <summary>Runs build.ps1 as a machine without pwsh does: <c>dotnet Litmind.ConsoleHost.dll --no-module build.ps1 ...</c>.</summary>
public static class BuildScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static BuildRun Run(string script, params string[] arguments) =>
        RunConsoleHost(["--no-module", script, .. arguments]);

    /// <summary>Runs the console host with <paramref name="arguments"/> in a new process.</summary>
    public static BuildRun RunConsoleHost(params string[] arguments)
    {
        // The test project references the console host, so its dll sits next to this assembly.
        var consoleHost = Path.Combine(AppContext.BaseDirectory, "Litmind.ConsoleHost.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Paths.RepoRoot,
        };
        start.ArgumentList.Add(consoleHost);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No MSBuild nodes or compiler server: they outlive the build holding its output pipes, and
        // the read below would wait for them. And no MSBuild settings of the dotnet test running us.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', arguments)} did not finish in {Timeout}:{Environment.NewLine}{Text(output)}");
        }

        // The last lines may still be on their way.
        process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token).ContinueWith(_ => { }).Wait();
        return new BuildRun(process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BuildOutputCollection : ICollectionFixture<BuildOutputFixture>
{
    public const string Name = "build.ps1 output";
}

/// <summary>
/// Runs <c>build.ps1 -Task Build,Package -Configuration Release -OutputPath &lt;temp&gt;</c> once
/// for every test that checks its output (a build takes half a minute). Release and a temp folder
/// keep it clear of the Debug build and the out/ folder the test run itself uses.
/// </summary>
public sealed class BuildOutputFixture : IDisposable
{
    public BuildOutputFixture()
    {
        OutputPath = Path.Combine(Path.GetTempPath(), "litmind-build-" + Guid.NewGuid().ToString("N"));
        Manifest = ReadManifest(Path.Combine(Paths.RepoRoot, "Litmind.psd1"));
        Run = BuildScript.Run(
            Path.Combine(Paths.RepoRoot, "build.ps1"),
            "-Task", "Build,Package", "-Configuration", "Release", "-OutputPath", OutputPath);
    }

    public string OutputPath { get; }

    public BuildRun Run { get; }

    /// <summary>Litmind.psd1 of the repository, read as data.</summary>
    public Hashtable Manifest { get; }

    public string Version => (string)Manifest["ModuleVersion"]!;

    public IReadOnlyList<string> Cmdlets => ((object[])Manifest["CmdletsToExport"]!).Cast<string>().ToList();

    public IReadOnlyList<string> Tags => ((object[])((Hashtable)((Hashtable)Manifest["PrivateData"]!)["PSData"]!)["Tags"]!).Cast<string>().ToList();

    public string ModuleFolder => Path.Combine(OutputPath, "Litmind", Version);

    public string LaidOutManifest => Path.Combine(ModuleFolder, "Litmind.psd1");

    public string PackagePath => Path.Combine(OutputPath, "packages", $"Litmind.{Version}.nupkg");

    /// <summary>The files the module folder must hold: the module itself, the help in src/Litmind.PowerShell/en-US and the built-in service definitions in src/Litmind.PowerShell/Services.</summary>
    public static IReadOnlyList<string> ExpectedModuleFiles()
    {
        var help = Path.Combine(Paths.RepoRoot, "src", "Litmind.PowerShell", "en-US");
        var helpFiles = Directory.Exists(help) ? Directory.GetFiles(help).Select(f => "en-US/" + Path.GetFileName(f)) : [];
        var services = Directory.GetFiles(Path.Combine(Paths.RepoRoot, "src", "Litmind.PowerShell", "Services"), "*.json").Select(f => "Services/" + Path.GetFileName(f));
        return new[] { "Litmind.psd1", "Litmind.PowerShell.dll", "Newtonsoft.Json.dll", "Litmind.Format.ps1xml", "Litmind.Types.ps1xml" }
            .Concat(helpFiles)
            .Concat(services)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The files in the module folder, relative and with '/' as the separator.</summary>
    public IReadOnlyList<string> ModuleFiles() => Directory.GetFiles(ModuleFolder, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(ModuleFolder, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToList();

    public void AssertSucceeded() => Assert.True(Run.ExitCode == 0, $"build.ps1 exited with {Run.ExitCode}:{Environment.NewLine}{Run.Output}");

    public void Dispose() => DeleteFolder(OutputPath);

    public static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Reads a .psd1 as data, as build.ps1 does: parsed, never run.</summary>
    private static Hashtable ReadManifest(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.Empty(errors);
        var data = (HashtableAst)ast.Find(node => node is HashtableAst, searchNestedScriptBlocks: false)!;
        return (Hashtable)data.SafeGetValue();
    }
}
