using Litmind.ConsoleHost;

namespace Litmind.PowerShell.Tests.Host;

/// <summary>The console host runs scripts as pwsh -File does: arguments, exit codes, errors.</summary>
public sealed class ConsoleHostTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-host-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Exit_N_in_the_script_is_the_exit_code()
    {
        var (code, _, _) = await RunScript("'before'; exit 3; 'after'");
        Assert.Equal(3, code);
    }

    [Fact]
    public async Task A_terminating_error_prints_the_message_and_exits_1()
    {
        var (code, _, errors) = await RunScript("throw 'boom at the gate'");
        Assert.Equal(1, code);
        Assert.Contains("boom at the gate", errors);
    }

    [Fact]
    public async Task A_failing_native_command_does_not_fail_a_script_that_ends_normally()
    {
        var (code, output, _) = await RunScript("& dotnet no-such-dotnet-command 2>&1 | Out-Null; \"native exit: $($LASTEXITCODE -ne 0)\"");
        Assert.Equal(0, code);
        Assert.Contains("native exit: True", output);
    }

    [Fact]
    public async Task Exit_in_a_called_script_ends_only_that_script()
    {
        File.WriteAllText(Path.Combine(folder, "inner.ps1"), "exit 9");
        var (code, output, _) = await RunScript("& ([System.IO.Path]::Combine($PSScriptRoot, 'inner.ps1')); \"inner said $LASTEXITCODE\"");
        Assert.Equal(0, code);
        Assert.Contains("inner said 9", output);
    }

    [Fact]
    public async Task Arguments_bind_to_the_scripts_parameters_as_pwsh_does()
    {
        var (code, output, _) = await RunScript("param([string] $Name, [switch] $Flag, [int] $Count) \"$Name|$Flag|$Count\"", "-Name", "ava", "-Flag", "-Count:4");
        Assert.Equal(0, code);
        Assert.Contains("ava|True|4", output);
    }

    [Fact]
    public async Task A_missing_script_is_a_usage_error()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await ScriptRunner.RunAsync(HostOptions.Parse(["--no-module", Path.Combine(folder, "absent.ps1")]), stdout, stderr);
        Assert.Equal(ScriptRunner.ExitUsage, code);
        Assert.Contains("absent.ps1", stderr.ToString());
    }

    [Fact]
    public async Task Out_Default_draws_a_table_as_a_console_does()
    {
        var (code, output, _) = await RunScript("[pscustomobject]@{ Name = 'ava-north'; Id = 240101 }, [pscustomobject]@{ Name = 'liam-north'; Id = 240102 }");
        Assert.Equal(0, code);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Name\s+Id$", lines[0]);
        Assert.Matches(@"^----\s+--$", lines[1]);
        Assert.Matches(@"^ava-north\s+240101$", lines[2]);
    }

    private async Task<(int Code, string Output, string Errors)> RunScript(string text, params string[] arguments)
    {
        string script = Path.Combine(folder, "script.ps1");
        await File.WriteAllTextAsync(script, text);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await ScriptRunner.RunAsync(HostOptions.Parse(["--no-module", script, .. arguments]), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
