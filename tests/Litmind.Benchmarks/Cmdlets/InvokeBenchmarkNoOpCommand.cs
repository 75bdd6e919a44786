using System.Management.Automation;

namespace Litmind.Benchmarks.Cmdlets;

/// <summary>Does nothing: <c>ForEach-Object { Invoke-BenchmarkNoOp }</c> is the engine's own cost per call.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "BenchmarkNoOp")]
public sealed class InvokeBenchmarkNoOpCommand : PSCmdlet
{
}
