using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Presentation;

/// <summary>
/// The views of Litmind.Format.ps1xml as a console shows them: each script renders one kind of
/// object through Out-Default at 120 columns (mixing types in one pipeline changes the shape).
/// </summary>
public sealed class FormatViewTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null\n";

    private static readonly string FormatFile = Path.Combine(Paths.ModuleFolder, "Litmind.Format.ps1xml");

    private readonly EmulatorFixture fixture;

    public FormatViewTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Sessions_show_the_default_marker_user_accounts_last_status_and_base_uri_but_never_the_session_id()
    {
        using var ps = fixture.NewRunner();
        ps.Run("""
            Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null
            $agency = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $agency | Out-Null
            """).ShouldSucceed();

        string text = ps.Render("Get-LitmindSession");

        var lines = Lines(text);
        var header = Assert.Single(lines, l => l.StartsWith("Default ", StringComparison.Ordinal));
        AssertColumns(header, "Default", "Service", "UserName", "Status", "BaseUri");
        var production = Assert.Single(lines, l => l.Contains("imagine-production"));
        var agency = Assert.Single(lines, l => l.Contains("northstar-agency"));
        Assert.DoesNotContain("*", production);
        Assert.Matches(@"^\s+\*\s+Litmind\s+northstar-agency \+1\s+200\s", agency);
        Assert.Matches(@"^\s+Litmind\s+imagine-production\s+200\s", production);
        Assert.EndsWith(fixture.Emulator.BaseUri.ToString(), production);

        Assert.Equal(2, fixture.Emulator.State.Sessions.Count);
        foreach (var session in fixture.Emulator.State.Sessions)
        {
            Assert.DoesNotContain(session.SessionId, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Connect_output_is_marked_as_default_only_while_it_is_the_default()
    {
        using var ps = fixture.NewRunner();

        string first = ps.Render("$global:production = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri; $production");
        Assert.Matches(@"(?m)^\s+\*\s+Litmind\s+imagine-production\s", first);

        // A later connection takes over the default; the earlier session object no longer shows it.
        ps.Run("Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null").ShouldSucceed();
        string later = ps.Render("$production");
        Assert.Matches(@"(?m)^\s+Litmind\s+imagine-production\s", later);
        Assert.DoesNotContain("*", later);
    }

    [Fact]
    public void Accounts_show_id_username_and_type_title()
    {
        using var ps = fixture.NewRunner();
        ps.Run("""
            $agency = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $agency | Out-Null
            """).ShouldSucceed();

        string text = ps.Render("Get-LitmindAccount");

        var lines = Lines(text);
        AssertColumns(lines[0], "Id", "Username", "TypeTitle");
        Assert.Matches(@"^\s+240001 northstar-agency\s+Model agency$", lines[2]);
        Assert.Matches(@"^\s+240101 ava-north\s+Model$", lines[3]);
        Assert.DoesNotContain("ThumbnailUrl", text);
        Assert.DoesNotContain("cdn.litmind.example", text);
    }

    [Fact]
    public void Session_list_profiles_render_like_accounts()
    {
        using var ps = fixture.NewRunner();
        string text = ps.Render(Connect + "(Invoke-LitmindRequest session/list).accounts");

        var lines = Lines(text);
        AssertColumns(lines[0], "Id", "Username", "TypeTitle");
        Assert.Matches(@"^\s+138829 imagine-production\s+Production company$", lines[2]);
        Assert.DoesNotContain("profileImage", text);
    }

    [Fact]
    public void Notifications_render_with_their_columns()
    {
        using var ps = fixture.NewRunner();
        string text = ps.Render(Connect + "(Invoke-LitmindRequest account/status/notifications).items");

        var lines = Lines(text);
        AssertColumns(lines[0], "Id", "Type", "IsRead", "CreatedAt", "Text");
        // createdAt is a [datetime] (as ConvertFrom-Json makes it), shown in the culture's format.
        Assert.Matches(@"^\s+1 casting\s+False\s+\S+ \S+(?: [AP]M)?\s+Northstar Agency proposed Ava North", lines[2]);
        Assert.DoesNotContain("entity", text);
    }

    [Fact]
    public void Castings_and_their_candidates_render_with_their_columns()
    {
        using var ps = fixture.NewRunner();
        string castings = ps.Render(Connect + "(Invoke-LitmindRequest castings).items");

        var lines = Lines(castings);
        AssertColumns(lines[0], "Id", "Title", "Status", "Location", "ShootDate", "Candidates");
        Assert.Matches(@"^\s+501 Autumn knitwear lookbook\s+Open\s+Milan, IT\s+2026-12-03\s+3$", lines[2]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+504 .+\s+Closed\s+"));
        Assert.DoesNotContain("entity", castings);

        string candidates = ps.Render("(Invoke-LitmindRequest castings/501/candidates).items");
        lines = Lines(candidates);
        AssertColumns(lines[0], "ModelId", "Username", "Status");
        Assert.Matches(@"^\s+240101 ava-north\s+Proposed$", lines[2]);
        Assert.Matches(@"^\s+240102 liam-north\s+Shortlisted$", lines[3]);
    }

    [Fact]
    public void Models_render_with_their_columns_from_pages_and_from_a_top_level_array()
    {
        using var ps = fixture.NewRunner();
        string page = ps.Render(Connect + "(Invoke-LitmindRequest models -Query @{ pageSize = 3 }).items");

        var lines = Lines(page);
        AssertColumns(lines[0], "Id", "Username", "City", "HeightCm", "AgencyId");
        Assert.Matches(@"^\s+300001 model-001\s+\S.*\s\d{3}\s+\d+$", lines[2]);
        Assert.Equal(5, lines.Count);

        string featured = ps.Render("Invoke-LitmindRequest models/featured");
        lines = Lines(featured);
        AssertColumns(lines[0], "Id", "Username", "City", "HeightCm", "AgencyId");
        Assert.Equal(2 + 5, lines.Count);
        Assert.DoesNotContain("entity", featured);
    }

    [Fact]
    public void Session_views_script_blocks_compute_marker_age_and_accounts()
    {
        using var ps = fixture.NewRunner();
        ps.Run("""
            $global:agency = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $agency | Out-Null
            """).ShouldSucceed();

        // Out-Default shows only the first (table) view; run every script block of the session views,
        // the list view's included, against the real session as the formatter would ($_ bound).
        var blocks = ScriptBlocksFor("Litmind.PowerShell.Sessions.LitmindSession");
        Assert.NotEmpty(blocks);
        var values = new Dictionary<string, string>();
        foreach (var (label, script) in blocks)
        {
            ps.Set("viewScript", script);
            var result = ps.Run("$agency | ForEach-Object ([scriptblock]::Create($viewScript))").ShouldSucceed();
            values[label] = string.Join(",", result.Output.Select(o => o?.ToString()));
        }

        Assert.Equal("*", values["Default"]);
        Assert.Equal("True", ps.Run("$agency.IsDefault").ShouldSucceed().Output.Single().ToString());
        Assert.Equal("northstar-agency (240001), ava-north (240101)", values["Accounts"]);
        Assert.Matches(@"^\d{2}:\d{2}:\d{2}$", values["Age"]);
        Assert.Equal("northstar-agency +1", values["UserName"]);
    }

    [Fact]
    public void Every_default_table_fits_80_columns_with_every_column_shown()
    {
        using var ps = fixture.NewRunner();
        ps.Run("""
            $global:agency = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $agency | Out-Null
            $global:production = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri
            """).ShouldSucceed();
        var tables = new Dictionary<string, string>
        {
            ["Get-LitmindSession"] = "Default Service UserName Status BaseUri",
            ["Get-LitmindAccount -Session $agency"] = "Id Username TypeTitle",
            ["(Invoke-LitmindRequest session/list -Session $agency).accounts"] = "Id Username TypeTitle",
            ["(Invoke-LitmindRequest account/status/notifications).items"] = "Id Type IsRead CreatedAt Text",
            ["(Invoke-LitmindRequest castings).items"] = "Id Title Status Location ShootDate Candidates",
            ["(Invoke-LitmindRequest castings/501/candidates).items"] = "ModelId Username Status",
            ["(Invoke-LitmindRequest models -Query @{ pageSize = 5 }).items"] = "Id Username City HeightCm AgencyId",
        };

        foreach (var (script, columns) in tables)
        {
            // A table too wide for 80 columns loses the columns that do not fit.
            string text = ps.Render(script, 80);
            var lines = Lines(text);
            Assert.True(lines.All(l => l.Length <= 80), script + " is wider than 80 columns:\n" + text);
            AssertColumns(lines[0], columns.Split(' '));
        }

        // Two sessions stay apart: each row shows its whole base URI.
        var sessions = Lines(ps.Render("Get-LitmindSession", 80));
        Assert.All(sessions.Skip(2), row => Assert.EndsWith(fixture.Emulator.BaseUri.ToString(), row));
    }

    [Fact]
    public void The_format_file_loads_and_the_manifest_passes_Test_ModuleManifest()
    {
        // FormatTable reports every malformed view (the engine would skip them with a warning).
        _ = new FormatTable(new[] { FormatFile });

        using var ps = new PowerShellRunner(null);
        ps.Set("manifest", Paths.ModuleManifest);
        var result = ps.Run("$module = Test-ModuleManifest -Path $manifest -ErrorAction Stop; @($module.ExportedFormatFiles | ForEach-Object { [System.IO.Path]::GetFileName($_) })").ShouldSucceed();
        Assert.Contains("Litmind.Format.ps1xml", result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Every_view_targets_a_type_the_module_writes()
    {
        var typeNames = XDocument.Load(FormatFile).Descendants("TypeName").Select(t => t.Value.Trim()).Distinct().Order().ToList();
        Assert.Equal(
            new[]
            {
                "Litmind.Candidate", "Litmind.Casting", "Litmind.Model", "Litmind.Notification", "Litmind.PowerShell.Sessions.LitmindAccount",
                "Litmind.PowerShell.Sessions.LitmindSession", "Litmind.Profile",
            },
            typeNames);
        Assert.Equal("Litmind.PowerShell.Sessions.LitmindSession", typeof(Sessions.LitmindSession).FullName);
        Assert.Equal("Litmind.PowerShell.Sessions.LitmindAccount", typeof(Sessions.LitmindAccount).FullName);
    }

    /// <summary>The non-empty lines of rendered output.</summary>
    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r').TrimEnd()).Where(l => l.Length > 0).ToList();

    /// <summary>Asserts a header line holds exactly these column labels, in order.</summary>
    private static void AssertColumns(string header, params string[] columns) =>
        Assert.Equal(columns, header.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Every script block of the views of a type, by label ("(list)" added for list views' own labels).</summary>
    private static List<(string Label, string Script)> ScriptBlocksFor(string typeName)
    {
        var views = XDocument.Load(FormatFile).Descendants("View")
            .Where(v => v.Element("ViewSelectedBy")?.Elements("TypeName").Any(t => t.Value.Trim() == typeName) == true);
        var blocks = new List<(string, string)>();
        foreach (var view in views)
        {
            if (view.Element("TableControl") is { } table)
            {
                var labels = table.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value ?? string.Empty).ToList();
                var items = table.Descendants("TableColumnItem").ToList();
                for (int i = 0; i < items.Count; i++)
                {
                    if (items[i].Element("ScriptBlock") is { } block)
                    {
                        blocks.Add((labels[i], block.Value));
                    }
                }
            }

            foreach (var item in view.Descendants("ListItem"))
            {
                if (item.Element("ScriptBlock") is { } block)
                {
                    string label = item.Element("Label")!.Value;
                    blocks.Add((blocks.Any(b => b.Item1 == label) ? label + " (list)" : label, block.Value));
                }
            }
        }

        return blocks;
    }
}
