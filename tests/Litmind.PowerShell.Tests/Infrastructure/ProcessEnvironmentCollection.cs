namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// Tests that set process-wide environment variables (LITMIND_API_KEY, LITMIND_BASE_URI) run in
/// this collection, never alongside another test that reads them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
