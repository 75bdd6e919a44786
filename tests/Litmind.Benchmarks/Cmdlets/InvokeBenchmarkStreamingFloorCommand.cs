using System.Management.Automation;
using Litmind.Benchmarks.Floor;

namespace Litmind.Benchmarks.Cmdlets;

/// <summary>
/// Writes the items of a large list to the pipeline as they are read: the floor of a streamed
/// list. With -PageSize, the floor of a list in pages: the pages read one after another.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "BenchmarkStreamingFloor")]
[OutputType(typeof(PSObject))]
public sealed class InvokeBenchmarkStreamingFloorCommand : PSCmdlet
{
    /// <summary>The list's address (without page and pageSize, which -PageSize adds).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public Uri Uri { get; set; } = null!;

    /// <summary>The envelope's property that holds the items (a top-level array needs none).</summary>
    [Parameter]
    public string ItemsProperty { get; set; } = "items";

    /// <summary>Read the list page by page, this many items a page (page from 1 and pageSize in the query).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int PageSize { get; set; }

    /// <summary>With -PageSize: the envelope's property that states the list's total, where the listing stops.</summary>
    [Parameter]
    public string TotalProperty { get; set; } = "totalCount";

    protected override void EndProcessing()
    {
        var floor = FloorClient.Shared ?? throw new InvalidOperationException("FloorClient.Shared is not set.");
        if (PageSize > 0)
        {
            StreamingFloor.ReadPages(floor, Uri, ItemsProperty, TotalProperty, PageSize, WriteObject);
        }
        else
        {
            StreamingFloor.Read(floor, Uri, ItemsProperty, WriteObject);
        }
    }
}
