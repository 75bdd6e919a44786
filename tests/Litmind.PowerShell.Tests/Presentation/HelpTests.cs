using System.Reflection;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Presentation;

/// <summary>
/// The MAML help (en-US/Litmind.PowerShell.dll-Help.xml) and about_Litmind, read through Get-Help
/// in a runspace with the laid-out module, and checked against the cmdlets' real parameters: a
/// cmdlet or parameter added without help, or help that disagrees with the code, fails here.
/// </summary>
public sealed class HelpTests : IDisposable
{
    /// <summary>Every exported cmdlet, and its parameters without the (optional) common ones.</summary>
    private const string Commands = """
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters +
            [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $commands = @(Get-Command -Module Litmind -CommandType Cmdlet)
        function Get-OwnParameter($command) {
            $command.Parameters.Values | Where-Object { $common -notcontains $_.Name }
        }
        # Sort-Object is not in Microsoft.PowerShell.Core: distinct items, ordinally sorted.
        function Get-Sorted($items) {
            $list = [System.Collections.Generic.List[string]]::new()
            foreach ($item in $items) { if (-not $list.Contains("$item")) { $list.Add("$item") } }
            $list.Sort([System.StringComparer]::Ordinal)
            , $list.ToArray()
        }

        """;

    private readonly PowerShellRunner runner = new(null);

    public void Dispose() => runner.Dispose();

    [Fact]
    public void The_module_exports_the_five_cmdlets_the_help_is_written_for()
    {
        var names = runner.Run("(Get-Command -Module Litmind -CommandType Cmdlet).Name").ShouldSucceed().Output.Select(o => (string)o.BaseObject).Order();
        Assert.Equal(new[] { "Connect-Litmind", "Disconnect-Litmind", "Get-LitmindAccount", "Get-LitmindSession", "Invoke-LitmindRequest" }, names);
    }

    [Fact]
    public void Every_cmdlet_has_synopsis_description_examples_inputs_outputs_and_links()
    {
        var missing = Problems(Commands + """
            foreach ($command in $commands) {
                $name = $command.Name
                $help = Get-Help $name -Full
                # Without a MAML entry, Get-Help makes up a synopsis from the syntax.
                $synopsis = "$($help.Synopsis)".Trim()
                if (-not $synopsis -or $synopsis.StartsWith($name)) { "${name}: synopsis" }
                if (-not (($help.description | ForEach-Object { $_.Text }) -join '').Trim()) { "${name}: description" }

                $examples = @($help.examples.example)
                if ($examples.Count -lt 2) { "${name}: at least two examples (has $($examples.Count))" }
                foreach ($example in $examples) {
                    if (-not "$($example.code)".Trim()) { "${name}: code of example '$($example.title)'" }
                    if (-not (($example.remarks | ForEach-Object { $_.Text }) -join '').Trim()) { "${name}: remarks of example '$($example.title)'" }
                }

                $inputs = @($help.inputTypes.inputType | Where-Object { "$($_.type.name)".Trim() })
                if ($inputs.Count -eq 0) { "${name}: inputs" }
                $outputs = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)".Trim() } | Where-Object { $_ })
                if ($outputs.Count -eq 0) { "${name}: outputs" }
                foreach ($type in $command.OutputType) {
                    if ($type.Name -ne 'System.Void' -and $outputs -notcontains $type.Name) { "${name}: output type $($type.Name) ([OutputType]) is not in the help" }
                }

                $links = @($help.relatedLinks.navigationLink | ForEach-Object { "$($_.linkText)".Trim() })
                if ($links -notcontains 'about_Litmind') { "${name}: related link about_Litmind" }
                foreach ($other in $commands.Name) {
                    if ($other -ne $name -and $links -notcontains $other) { "${name}: related link $other" }
                }
            }
            """);

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_parameter_of_every_cmdlet_has_a_description()
    {
        var missing = Problems(Commands + """
            foreach ($command in $commands) {
                foreach ($parameter in Get-OwnParameter $command) {
                    $help = Get-Help $command.Name -Parameter $parameter.Name -ErrorAction SilentlyContinue
                    if (-not $help) { "$($command.Name) -$($parameter.Name): no help entry"; continue }
                    if (-not (($help.description | ForEach-Object { $_.Text }) -join '').Trim()) {
                        "$($command.Name) -$($parameter.Name): no description"
                    }
                }
            }
            """);

        Assert.Empty(missing);
    }

    [Fact]
    public void Parameter_help_states_the_real_type_position_pipeline_input_aliases_and_a_default()
    {
        var wrong = Problems(Commands + """
            foreach ($command in $commands) {
                foreach ($parameter in Get-OwnParameter $command) {
                    $where = "$($command.Name) -$($parameter.Name)"
                    $help = Get-Help $command.Name -Parameter $parameter.Name -ErrorAction SilentlyContinue
                    if (-not $help) { "${where}: no help entry"; continue }
                    $sets = @($parameter.ParameterSets.Values)

                    $required = @($sets | Where-Object { $_.IsMandatory }).Count -gt 0
                    if ("$($help.required)" -ne "$required".ToLowerInvariant()) { "${where}: required is '$($help.required)', the cmdlet says $required" }

                    $positions = Get-Sorted ($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position })
                    $position = if ($positions.Count -eq 0) { 'named' } else { $positions -join ', ' }
                    if ("$($help.position)" -ne $position) { "${where}: position is '$($help.position)', the cmdlet says '$position'" }

                    $by = @()
                    if (@($sets | Where-Object { $_.ValueFromPipeline }).Count) { $by += 'ByValue' }
                    if (@($sets | Where-Object { $_.ValueFromPipelineByPropertyName }).Count) { $by += 'ByPropertyName' }
                    $pipeline = if ($by.Count) { 'True (' + ($by -join ', ') + ')' } else { 'False' }
                    if ("$($help.pipelineInput)" -ne $pipeline) { "${where}: pipeline input is '$($help.pipelineInput)', the cmdlet says '$pipeline'" }

                    $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
                    if ("$($help.aliases)" -ne $aliases) { "${where}: aliases are '$($help.aliases)', the cmdlet says '$aliases'" }

                    if ("$($help.type.name)" -ne $parameter.ParameterType.FullName) { "${where}: type is '$($help.type.name)', the cmdlet says '$($parameter.ParameterType.FullName)'" }
                    if (-not "$($help.defaultValue)".Trim()) { "${where}: no default value" }
                }
            }
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_syntax_blocks_match_the_parameter_sets()
    {
        var wrong = Problems(Commands + """
            $plainCommon = [System.Management.Automation.PSCmdlet]::CommonParameters
            foreach ($command in $commands) {
                $real = @($command.ParameterSets | ForEach-Object {
                    (Get-Sorted ($_.Parameters.Name | Where-Object { $plainCommon -notcontains $_ })) -join ' '
                })
                $help = Get-Help $command.Name -Full
                $written = @($help.syntax.syntaxItem | ForEach-Object {
                    (Get-Sorted ($_.parameter | ForEach-Object { "$($_.name)" })) -join ' '
                })
                foreach ($set in $real) { if ($written -notcontains $set) { "$($command.Name): no syntax block for [$set]" } }
                foreach ($set in $written) { if ($real -notcontains $set) { "$($command.Name): syntax block [$set] is no parameter set" } }
            }
            """);

        Assert.Empty(wrong);
    }

    [Fact]
    public void Get_Help_finds_about_Litmind_and_it_names_every_ErrorId()
    {
        var text = string.Join("\n", runner.Run("Get-Help about_Litmind").ShouldSucceed().Output.Select(o => o.ToString()));

        Assert.Contains("about_Litmind", text);
        foreach (var section in new[] { "TOPIC", "SHORT DESCRIPTION", "LONG DESCRIPTION", "EXAMPLES", "SEE ALSO" })
        {
            Assert.Contains(section, text);
        }

        var errorIds = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(errorIds);
        var undocumented = errorIds.Where(id => !text.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Empty(undocumented);

        foreach (var topic in new[] { "-NoReconnect", "-UserId", "-SessionId", "$using:session", "LITMIND_API_KEY", "LITMIND_BASE_URI", "Pester", "src/Litmind.Emulator" })
        {
            Assert.Contains(topic, text);
        }
    }

    [Fact]
    public void Get_Help_finds_about_Litmind_Services_and_it_covers_every_service_and_value()
    {
        var text = string.Join("\n", runner.Run("Get-Help about_Litmind_Services").ShouldSucceed().Output.Select(o => o.ToString()));

        foreach (var section in new[] { "TOPIC", "SHORT DESCRIPTION", "LONG DESCRIPTION", "EXAMPLES", "SEE ALSO" })
        {
            Assert.Contains(section, text);
        }

        foreach (var topic in Services.ServiceCatalog.Names.Concat(new[]
        {
            "-Service", "-AccountId", "-OrganizationId", "-ServiceParameter", "-ClientId", "-ClientSecret", "-HandOff",
            "Litmind.InvalidServiceDefinition", "Litmind.LoginFailed", "ServerErrorCode", "docs/services.md", "Disconnect-Litmind",
        }))
        {
            Assert.Contains(topic, text);
        }

        Assert.Contains("about_Litmind_Services", string.Join("\n", runner.Run("Get-Help about_Litmind").ShouldSucceed().Output.Select(o => o.ToString())));
    }

    [Theory]
    [InlineData("about_Litmind.help.txt")]
    [InlineData("about_Litmind_Services.help.txt")]
    public void The_about_topics_keep_to_80_columns(string topic)
    {
        var path = Path.Combine(Paths.ModuleFolder, "en-US", topic);
        var tooLong = File.ReadAllLines(path).Select((line, i) => (line, number: i + 1)).Where(l => l.line.Length > 80).Select(l => $"line {l.number}: {l.line.Length} columns").ToList();
        Assert.Empty(tooLong);
    }

    [Fact]
    public void Get_Help_renders_full_examples_and_single_parameter_views()
    {
        var full = runner.Render("Get-Help Connect-Litmind -Full");
        Assert.Contains("SYNOPSIS", full);
        Assert.Contains("Logs in to the Litmind API", full);
        Assert.Contains("-NoReconnect", full);
        Assert.Contains("INPUTS", full);
        Assert.Contains("Litmind.PowerShell.Sessions.LitmindSession", full);
        Assert.Contains("about_Litmind", full);

        var examples = runner.Render("Get-Help Invoke-LitmindRequest -Examples");
        Assert.Contains("Example 1", examples);
        Assert.Contains("Example 2", examples);

        var parameter = runner.Render("Get-Help Connect-Litmind -Parameter UserId");
        Assert.Contains("-UserId <Object[]>", parameter);
        Assert.Contains("Required?                    true", parameter);
    }

    /// <summary>Runs a script that writes one string per problem found, and returns them.</summary>
    private List<string> Problems(string script) =>
        runner.Run(script).ShouldSucceed().Output.Select(o => o?.ToString() ?? string.Empty).ToList();
}
