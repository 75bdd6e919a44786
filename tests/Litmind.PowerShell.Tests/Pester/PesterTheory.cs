using Xunit.Abstractions;
using Xunit.Sdk;

namespace Litmind.PowerShell.Tests.Pester;

/// <summary>
/// One It of a Pester file as a theory row. Serializable, so that xunit lists each It as a test
/// case of its own; the display is "File.Tests.ps1: Describe > Context > It".
/// </summary>
public sealed class PesterItCase : IXunitSerializable
{
    /// <summary>For xunit's deserialization.</summary>
    public PesterItCase()
    {
    }

    public PesterItCase(string file, PesterIt it)
    {
        File = file;
        Name = it.Name;
        Skipped = it.Skipped;
    }

    /// <summary>The file name, relative to tests/Pester.</summary>
    public string File { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public bool Skipped { get; private set; }

    public void Deserialize(IXunitSerializationInfo info)
    {
        File = info.GetValue<string>(nameof(File));
        Name = info.GetValue<string>(nameof(Name));
        Skipped = info.GetValue<bool>(nameof(Skipped));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(File), File);
        info.AddValue(nameof(Name), Name);
        info.AddValue(nameof(Skipped), Skipped);
    }

    public override string ToString() => $"{File}: {Name}";
}

/// <summary>A theory over <see cref="PesterItCase"/> rows that reports an It with -Skip as skipped, as Pester does.</summary>
[XunitTestCaseDiscoverer("Litmind.PowerShell.Tests.Pester.PesterTheoryDiscoverer", "Litmind.PowerShell.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PesterTheoryAttribute : TheoryAttribute;

public sealed class PesterTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        dataRow is [PesterItCase { Skipped: true }]
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, "It -Skip")
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
}
