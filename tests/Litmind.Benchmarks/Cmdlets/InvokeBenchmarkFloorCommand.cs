using System.Management.Automation;
using Litmind.Benchmarks.Floor;

namespace Litmind.Benchmarks.Cmdlets;

/// <summary>
/// One floor call made from inside a binary cmdlet: the floor plus a cmdlet's share of the engine.
/// Called the ways Invoke-LitmindRequest is (in ForEach-Object, in a foreach loop, bound from piped
/// rows), it tells the module's own cost apart from what each way of calling costs any cmdlet.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "BenchmarkFloor")]
public sealed class InvokeBenchmarkFloorCommand : PSCmdlet
{
    /// <summary>Bound from piped rows as Invoke-LitmindRequest's is, so the binding is paid alike; the floor calls its own endpoint.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? Path { get; set; }

    protected override void ProcessRecord() =>
        (FloorClient.Shared ?? throw new InvalidOperationException("FloorClient.Shared is not set.")).Call();
}
