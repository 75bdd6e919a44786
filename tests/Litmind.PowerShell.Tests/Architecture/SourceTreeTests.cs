using System.Text.RegularExpressions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Architecture;

/// <summary>
/// The module's source tree keeps the shape a newcomer reads it by: folders that depend one way
/// (cmdlets → sessions → services → conversion → http → errors), files small enough to read
/// whole, and cmdlets that talk to a session, never to its engine.
/// </summary>
public sealed partial class SourceTreeTests
{
    private const int LongestFile = 450;

    private static readonly string ModuleSource = Path.Combine(Paths.RepoRoot, "src", "Litmind.PowerShell");

    /// <summary>Each C# file of the module, by the folder it is in ("" for the root) and its text.</summary>
    private static IEnumerable<(string Folder, string File, string Text)> Files() =>
        Directory.EnumerateFiles(ModuleSource, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(file => (Path.GetRelativePath(ModuleSource, Path.GetDirectoryName(file)!).Replace('\\', '/').Replace(".", string.Empty), Path.GetRelativePath(ModuleSource, file), File.ReadAllText(file)));

    [Fact]
    public void No_file_of_the_module_is_longer_than_a_reader_takes_in_at_once()
    {
        var long_ = Files().Select(f => (f.File, Lines: f.Text.Split('\n').Length)).Where(f => f.Lines > LongestFile).ToList();
        Assert.True(long_.Count == 0, "Longer than " + LongestFile + " lines: " + string.Join(", ", long_.Select(f => f.File + " (" + f.Lines + ")")));
    }

    [Fact]
    public void Folders_depend_on_each_other_one_way_only()
    {
        var edges = new HashSet<(string From, string To)>();
        foreach (var (folder, _, text) in Files())
        {
            var named = UsingOfModule().Matches(text).Concat(QualifiedName().Matches(text));
            foreach (Match used in named)
            {
                string target = used.Groups["ns"].Value.Replace('.', '/');
                if (target != folder && folder.Length > 0)
                {
                    edges.Add((folder, target));
                }
            }
        }

        var cycles = edges.Where(edge => Reaches(edges, edge.To, edge.From)).Select(edge => edge.From + " → " + edge.To).OrderBy(e => e).ToList();
        Assert.True(cycles.Count == 0, "Folders in a cycle: " + string.Join("; ", cycles));
    }

    [Fact]
    public void Cmdlets_talk_to_the_session_not_to_its_engine()
    {
        var reaching = Files().Where(f => f.Folder is "Cmdlets" or "Completion" && f.Text.Contains(".Engine", StringComparison.Ordinal)).Select(f => f.File).ToList();
        Assert.True(reaching.Count == 0, "Reaching into a session's engine: " + string.Join(", ", reaching));
    }

    private static bool Reaches(HashSet<(string From, string To)> edges, string from, string to)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([from]);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            if (folder == to)
            {
                return true;
            }

            if (seen.Add(folder))
            {
                foreach (var edge in edges.Where(e => e.From == folder))
                {
                    pending.Push(edge.To);
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"^using Litmind\.PowerShell\.(?<ns>[A-Za-z.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingOfModule();

    // A type named through its namespace without a using: Services.ServiceCatalog, Errors.Failures.
    [GeneratedRegex(@"(?<![\w.""])(?<ns>(?:Errors|Http|Conversion|Services|Sessions|Secrets|Cmdlets|Completion)(?:\.Definitions)?)\.[A-Z]\w*")]
    private static partial Regex QualifiedName();
}
