using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Invoke-LitmindRequest -ExpandProperty: the list under a field of the answer streamed to the
/// pipeline as it is read, past the size bound of what is read whole, the envelope still checked.
/// </summary>
public sealed class ExpandPropertyTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 | Out-Null\n";

    // 40,000 items of 1,000 bytes: 40 MB, over the 32 MB read whole.
    private const string LargeList = "Invoke-LitmindRequest '_emulator/items' -Query @{ count = 40000; itemBytes = 1000; shape = 'envelope' }";
    private readonly EmulatorFixture fixture;

    public ExpandPropertyTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void The_items_of_a_list_answer_stream_one_typed_object_each()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "Invoke-LitmindRequest models -Query @{ pageSize = 7 } -ExpandProperty Items").ShouldSucceed();

        Assert.Equal(7, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Litmind.Model", o.TypeNames[0]));
        Assert.Equal("model-001", result.Output[0].Properties["username"].Value);
    }

    [Fact]
    public void A_list_larger_than_what_is_read_whole_streams_and_without_it_the_error_names_both_ways_out()
    {
        using var ps = fixture.NewRunner();
        var streamed = ps.Run(Connect + "$n = 0; $last = $null; " + LargeList + " -ExpandProperty items | ForEach-Object { $n++; $last = $_ }; $n; $last.id").ShouldSucceed();
        var whole = ps.Run(LargeList + " | Out-Null");

        Assert.Equal(40000, streamed.Output[0].BaseObject);
        Assert.Equal(40000L, streamed.Output[1].BaseObject);
        var error = whole.SingleError;
        ErrorAssert.Is(error, "Litmind.InvalidResponse", ErrorCategory.InvalidData);
        Assert.Contains("-ExpandProperty", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-OutFile", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_envelope_is_an_error_before_or_after_the_list()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        fixture.Emulator.State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"entity":"ModelList","isSuccess":false,"errorDescription":"Quota reached","items":[]}""", PathPrefix = "/api/v1/models" });
        var before = ps.Run("Invoke-LitmindRequest models -ExpandProperty items");
        fixture.Emulator.State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"entity":"ModelList","items":[{"entity":"Model","id":1}],"isSuccess":false,"errorDescription":"Late failure"}""", PathPrefix = "/api/v1/models" });
        var after = ps.Run("Invoke-LitmindRequest models -ExpandProperty items");

        Assert.Empty(before.Output);
        ErrorAssert.Is(before.SingleError, "Litmind.HttpError", ErrorCategory.InvalidResult);
        Assert.Contains("Quota reached", before.SingleError.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("Litmind.Model", Assert.Single(after.Output).TypeNames[0]);
        ErrorAssert.Is(after.SingleError, "Litmind.HttpError", ErrorCategory.InvalidResult);
        Assert.Contains("Late failure", after.SingleError.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_that_is_not_a_list_writes_its_value_and_a_missing_field_is_an_error()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + "Invoke-LitmindRequest models -Query @{ pageSize = 3 } -ExpandProperty totalCount").ShouldSucceed();
        var missing = ps.Run("Invoke-LitmindRequest models -ExpandProperty things");

        Assert.Equal(120L, Assert.Single(result.Output).BaseObject);
        ErrorAssert.Is(missing.SingleError, "Litmind.InvalidResponse", ErrorCategory.InvalidData);
        Assert.Contains("no 'things' field", missing.SingleError.Exception.Message, StringComparison.Ordinal);
    }
}
