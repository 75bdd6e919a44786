using System.Management.Automation;
using Litmind.Benchmarks.Floor;

namespace Litmind.Benchmarks.Cmdlets;

/// <summary>One floor call made from inside a binary cmdlet: the floor plus a cmdlet's share of the engine.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "BenchmarkFloor")]
public sealed class InvokeBenchmarkFloorCommand : PSCmdlet
{
    protected override void ProcessRecord() =>
        (FloorClient.Shared ?? throw new InvalidOperationException("FloorClient.Shared is not set.")).Call();
}
