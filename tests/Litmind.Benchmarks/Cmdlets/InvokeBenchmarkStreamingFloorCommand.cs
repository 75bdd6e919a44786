using System.Management.Automation;
using Litmind.Benchmarks.Floor;

namespace Litmind.Benchmarks.Cmdlets;

/// <summary>Writes the items of a large list to the pipeline as they are read: the floor of a streamed list.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "BenchmarkStreamingFloor")]
[OutputType(typeof(PSObject))]
public sealed class InvokeBenchmarkStreamingFloorCommand : PSCmdlet
{
    /// <summary>The list's address.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public Uri Uri { get; set; } = null!;

    /// <summary>The envelope's property that holds the items (a top-level array needs none).</summary>
    [Parameter]
    public string ItemsProperty { get; set; } = "items";

    protected override void EndProcessing()
    {
        var floor = FloorClient.Shared ?? throw new InvalidOperationException("FloorClient.Shared is not set.");
        StreamingFloor.Read(floor, Uri, ItemsProperty, WriteObject);
    }
}
