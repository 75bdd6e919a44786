using System.Diagnostics;
using System.Management.Automation;
using Litmind.Benchmarks.Probes;

namespace Litmind.Benchmarks.Cmdlets;

/// <summary>
/// The end of a measured pipeline: counts what arrives and notes when the first object did, at a
/// binary cmdlet's cost per object (a script block would add its own).
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "BenchmarkStream")]
[OutputType(typeof(StreamMeasurement))]
public sealed class MeasureBenchmarkStreamCommand : PSCmdlet
{
    private long count;
    private TimeSpan? first;

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Started when the measured call began.</summary>
    [Parameter(Mandatory = true)]
    public Stopwatch Stopwatch { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (!MyInvocation.ExpectingInput)
        {
            return;
        }

        first ??= Stopwatch.Elapsed;
        count++;
    }

    protected override void EndProcessing() => WriteObject(new StreamMeasurement(count, first, Stopwatch.Elapsed));
}
