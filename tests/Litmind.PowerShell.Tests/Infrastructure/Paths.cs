using System.Reflection;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>Where the build put things: read from metadata MSBuild stamped into this assembly.</summary>
public static class Paths
{
    public static string ModuleManifest { get; } = Metadata("LitmindModuleManifest");

    public static string ModuleFolder { get; } = Path.GetDirectoryName(ModuleManifest)!;

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
