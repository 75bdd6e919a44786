using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Build;

/// <summary>
/// The .nupkg build.ps1 -Task Package writes: the layout PSResourceGet and PowerShellGet install
/// from a local repository (module files at the root, a nuspec, the OPC parts nuget pack writes).
/// </summary>
[Collection(BuildOutputCollection.Name)]
public sealed partial class PackageTests
{
    private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly BuildOutputFixture build;

    public PackageTests(BuildOutputFixture build) => this.build = build;

    [Fact]
    public void The_package_is_named_after_the_manifests_ModuleVersion()
    {
        build.AssertSucceeded();

        Assert.True(File.Exists(build.PackagePath), build.Run.Output);
        Assert.Equal([$"Litmind.{build.Version}.nupkg"], Directory.GetFiles(Path.GetDirectoryName(build.PackagePath)!).Select(Path.GetFileName));
    }

    [Fact]
    public void The_module_files_are_at_the_package_root_beside_the_NuGet_parts_and_nothing_else()
    {
        build.AssertSucceeded();
        var entries = Entries();

        Assert.Contains("Litmind.psd1", entries);
        var nugetParts = entries.Where(e => e is "Litmind.nuspec" or "[Content_Types].xml" or "_rels/.rels" || CorePropertiesPart().IsMatch(e)).ToList();
        Assert.Equal(4, nugetParts.Count);
        Assert.Equal(BuildOutputFixture.ExpectedModuleFiles(), entries.Except(nugetParts).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || e.Contains("Tests", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_packaged_manifest_is_Litmind_psd1_as_written()
    {
        build.AssertSucceeded();

        Assert.Equal(File.ReadAllBytes(Path.Combine(Paths.RepoRoot, "Litmind.psd1")), ReadEntry("Litmind.psd1"));
    }

    [Fact]
    public void The_nuspec_takes_id_version_and_description_from_the_manifest()
    {
        build.AssertSucceeded();
        var metadata = NuspecMetadata();

        Assert.Equal("Litmind", Value(metadata, "id"));
        Assert.Equal(build.Version, Value(metadata, "version"));
        Assert.Equal((string)build.Manifest["Author"]!, Value(metadata, "authors"));
        Assert.Equal((string)build.Manifest["Description"]!, Value(metadata, "description"));
        Assert.Equal("false", Value(metadata, "requireLicenseAcceptance"));
    }

    [Fact]
    public void The_nuspec_tags_are_the_manifests_plus_the_PowerShellGet_command_tags()
    {
        build.AssertSucceeded();
        var tags = Value(NuspecMetadata(), "tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var expected = build.Tags
            .Concat(["PSModule", "PSIncludes_Cmdlet"])
            .Concat(build.Cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }));
        Assert.Empty(expected.Except(tags));
        Assert.Contains("PSCmdlet_Connect-Litmind", tags);
        Assert.Equal(tags.Length, tags.Distinct().Count());
        Assert.Equal(
            build.Cmdlets.Order(StringComparer.Ordinal),
            tags.Where(t => t.StartsWith("PSCmdlet_", StringComparison.Ordinal)).Select(t => t["PSCmdlet_".Length..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_part_has_a_content_type()
    {
        build.AssertSucceeded();
        var types = XDocument.Parse(ReadText("[Content_Types].xml")).Root!;
        var defaults = types.Elements(ContentTypes + "Default").Select(d => (string)d.Attribute("Extension")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var overrides = types.Elements(ContentTypes + "Override").Select(o => (string)o.Attribute("PartName")!).ToHashSet(StringComparer.Ordinal);

        foreach (var entry in Entries().Where(e => e != "[Content_Types].xml"))
        {
            var extension = Path.GetExtension(entry).TrimStart('.');
            Assert.True(defaults.Contains(extension) || overrides.Contains("/" + entry), $"{entry} has no content type");
        }
    }

    [Fact]
    public void The_relationships_point_at_the_nuspec_and_the_core_properties()
    {
        build.AssertSucceeded();
        var relationships = XDocument.Parse(ReadText("_rels/.rels")).Root!.Elements(Relationships + "Relationship").ToList();
        var entries = Entries();

        var manifest = Assert.Single(relationships, r => (string?)r.Attribute("Type") == "http://schemas.microsoft.com/packaging/2010/07/manifest");
        Assert.Equal("/Litmind.nuspec", (string?)manifest.Attribute("Target"));
        var coreProperties = Assert.Single(relationships, r => ((string?)r.Attribute("Type"))!.EndsWith("/metadata/core-properties", StringComparison.Ordinal));
        Assert.Contains(((string)coreProperties.Attribute("Target")!).TrimStart('/'), entries);
        Assert.Equal(relationships.Count, relationships.Select(r => (string?)r.Attribute("Id")).Distinct().Count());
    }

    private List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(build.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private byte[] ReadEntry(string name)
    {
        using var zip = ZipFile.OpenRead(build.PackagePath);
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"The package has no {name}.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private string ReadText(string name) => System.Text.Encoding.UTF8.GetString(ReadEntry(name));

    private XElement NuspecMetadata() => XDocument.Parse(ReadText("Litmind.nuspec")).Root!.Element(Nuspec + "metadata")!;

    private static string Value(XElement metadata, string name) =>
        metadata.Element(Nuspec + name)?.Value ?? throw new Xunit.Sdk.XunitException($"The nuspec has no <{name}>.");

    [GeneratedRegex("^package/services/metadata/core-properties/[0-9a-f]{32}\\.psmdcp$")]
    private static partial Regex CorePropertiesPart();
}
