using System.Collections.Specialized;
using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// Invoke-LitmindRequest -All (and -First, -Skip, -IncludeTotalCount) against the emulator's paged
/// lists: one per paging style real APIs use, each described by a definition's "paging" as a user
/// would write it from docs/services.md (Litmind's own for the page-number style); prefetching one
/// page ahead, surviving expiry and throttling between pages, stopping on a failed page.
/// </summary>
public sealed class PagingTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = "Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri";

    /// <summary>Each style's list (95 items, 10 to a page by default) and the paging that reads it.</summary>
    public static TheoryData<string, string> Styles => new()
    {
        { "number", "" },
        { "zero", """{ "style": "page", "page": "page", "firstPage": 0, "size": "size", "items": "content", "total": { "body": "totalElements" } }""" },
        { "offset", """{ "style": "offset", "offset": "offset", "size": "limit", "items": "results", "total": { "body": "count" } }""" },
        { "cursor", """{ "style": "cursor", "items": "data", "cursor": "cursor", "nextCursor": { "body": "meta.next_cursor" }, "size": "limit" }""" },
        { "nextlink", """{ "style": "nextLink", "items": "value", "next": "@odata.nextLink", "size": "limit" }""" },
        { "link", """{ "style": "link", "size": "per_page", "total": { "header": "X-Total-Count" } }""" },
    };

    private readonly EmulatorFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-paging-").FullName;

    public PagingTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// A runspace connected to Litmind: with the built-in definition when <paramref name="paging"/>
    /// is "", else with a definition of the user's own, Litmind's with that paging (none for null).
    /// </summary>
    private PowerShellRunner Connected(string? paging = "")
    {
        var ps = fixture.NewRunner();
        ps.Set("state", State);

        // Waits (10 s at most) until the emulator has been asked for the page: what a page fetched ahead looks like from the server.
        ps.Run("""
            function Wait-Page([int] $page) {
                $deadline = [DateTime]::UtcNow.AddSeconds(10)
                while ($state.RequestCount('_emulator/pages/number') -lt $page -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
            }
            """).ShouldSucceed();
        string connect = Connect;
        if (paging != "")
        {
            var definition = JObject.Parse(File.ReadAllText(Path.Combine(Paths.RepoRoot, "src", "Litmind.PowerShell", "Services", "Litmind.json")));
            definition["name"] = "LitmindOwn";
            definition.Remove("paging");
            if (paging != null)
            {
                definition["paging"] = JObject.Parse(paging);
            }

            string file = Path.Combine(folder, "own.json");
            File.WriteAllText(file, definition.ToString());
            connect += " -Service '" + file + "'";
        }

        ps.Run(connect + " | Out-Null").ShouldSucceed();
        return ps;
    }

    private static long[] Ids(ScriptResult result) => result.Output.Select(o => Convert.ToInt64(o.Properties["id"].Value)).ToArray();

    private static long[] Range(long from, long count) => Enumerable.Range((int)from, (int)count).Select(i => (long)i).ToArray();

    [Theory]
    [MemberData(nameof(Styles))]
    public void All_writes_every_item_of_every_page_once_in_order_and_asks_for_no_page_past_the_end(string style, string paging)
    {
        using var ps = Connected(paging);

        var result = ps.Run($"Invoke-LitmindRequest _emulator/pages/{style} -All").ShouldSucceed();

        Assert.Equal(Range(1, 95), Ids(result));
        Assert.Equal(10, State.RequestCount($"_emulator/pages/{style}"));
        Assert.Empty(result.Progress);
    }

    [Theory]
    [InlineData("number", "")]
    [InlineData("offset", """{ "style": "offset", "offset": "offset", "size": "limit", "items": "results", "total": { "body": "count" } }""")]
    public void The_total_an_answer_states_ends_the_listing_without_asking_for_an_empty_page(string style, string paging)
    {
        using var ps = Connected(paging);

        var result = ps.Run($"Invoke-LitmindRequest '_emulator/pages/{style}?total=100' -All").ShouldSucceed();

        Assert.Equal(Range(1, 100), Ids(result));
        Assert.Equal(10, State.RequestCount($"_emulator/pages/{style}"));
    }

    [Fact]
    public void First_writes_that_many_items_and_asks_for_no_page_beyond_them()
    {
        using var ps = Connected();

        var result = ps.Run("Invoke-LitmindRequest _emulator/pages/number -First 25").ShouldSucceed();

        Assert.Equal(Range(1, 25), Ids(result));
        Assert.Equal(3, State.RequestCount("_emulator/pages/number"));
    }

    [Fact]
    public void Skip_starts_on_the_server_at_the_page_it_falls_in_when_the_page_size_is_known()
    {
        using var ps = Connected();

        var result = ps.Run("Invoke-LitmindRequest _emulator/pages/number -Query @{ pageSize = 10 } -Skip 25 -First 10").ShouldSucceed();

        Assert.Equal(Range(26, 10), Ids(result));
        var pages = State.RecentRequests.Where(r => r.PathAndQuery.Contains("pages/number")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("page=3", pages[0]);
        Assert.Contains("pageSize=10", pages[0]);
    }

    [Theory]
    [InlineData("offset", """{ "style": "offset", "offset": "offset", "size": "limit", "items": "results", "total": { "body": "count" } }""", "offset=40")]
    [InlineData("cursor", """{ "style": "cursor", "items": "data", "cursor": "cursor", "nextCursor": { "body": "meta.next_cursor" }, "size": "limit" }""", "")]
    public void Skip_skips_on_the_server_where_the_style_can_else_in_the_module(string style, string paging, string firstQuery)
    {
        using var ps = Connected(paging);

        var result = ps.Run($"Invoke-LitmindRequest _emulator/pages/{style} -Skip 40 -First 3").ShouldSucceed();

        Assert.Equal(Range(41, 3), Ids(result));
        Assert.Contains(firstQuery, State.RecentRequests.First(r => r.PathAndQuery.Contains("pages/" + style)).PathAndQuery);
    }

    [Fact]
    public void IncludeTotalCount_writes_the_total_the_answer_states_first()
    {
        using var ps = Connected();

        var result = ps.Run("""
            $all = Invoke-LitmindRequest _emulator/pages/number -IncludeTotalCount -First 2
            $all[0].ToString()
            $all[0].Accuracy
            $all.Count
            """).ShouldSucceed();

        Assert.Equal(new object[] { "Total count: 95", 1.0, 3 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void IncludeTotalCount_says_the_total_is_unknown_when_no_answer_states_it()
    {
        using var ps = Connected("""{ "style": "cursor", "items": "data", "cursor": "cursor", "nextCursor": { "body": "meta.next_cursor" }, "size": "limit" }""");

        var result = ps.Run("(Invoke-LitmindRequest _emulator/pages/cursor -IncludeTotalCount -First 1)[0].ToString()").ShouldSucceed();

        Assert.Equal("Unknown total count", result.Output.Single().BaseObject);
    }

    [Fact]
    public void Select_Object_First_downstream_stops_the_paging()
    {
        using var ps = Connected();

        var result = ps.Run("Invoke-LitmindRequest _emulator/pages/number -All | Select-Object -First 12").ShouldSucceed();

        Assert.Equal(Range(1, 12), Ids(result));
        Assert.InRange(State.RequestCount("_emulator/pages/number"), 2, 3);
    }

    [Fact]
    public void The_next_page_is_fetched_while_the_pipeline_writes_this_one_and_only_one_page_ahead()
    {
        using var ps = Connected();

        var result = ps.Run("""
            $seen = $null
            Invoke-LitmindRequest _emulator/pages/number -All | ForEach-Object {
                if ($_.id -eq 5) {
                    Wait-Page 2
                    Start-Sleep -Milliseconds 200
                    $seen = $state.RequestCount('_emulator/pages/number')
                }
            }
            $seen
            """).ShouldSucceed();

        Assert.Equal(2L, result.Output.Single().BaseObject);
    }

    [Fact]
    public void An_expiry_between_pages_renews_the_session_and_the_listing_goes_on_with_no_item_lost_or_repeated()
    {
        using var ps = Connected();

        var result = ps.Run("""
            Invoke-LitmindRequest _emulator/pages/number -All | ForEach-Object {
                if ($_.id -eq 5) {
                    Wait-Page 2
                    $state.ExpireAllSessions()
                }
                $_
            }
            """).ShouldSucceed();

        Assert.Equal(Range(1, 95), Ids(result));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void A_throttled_page_is_retried_and_the_listing_goes_on()
    {
        using var ps = Connected();
        State.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "0", PathPrefix = "/api/v1/_emulator/pages/number" });

        var result = ps.Run("Invoke-LitmindRequest _emulator/pages/number -All").ShouldSucceed();

        Assert.Equal(Range(1, 95), Ids(result));
        Assert.Equal(11, State.RequestCount("_emulator/pages/number"));
    }

    [Fact]
    public void A_failed_page_ends_the_listing_with_its_error_after_the_items_already_written()
    {
        using var ps = Connected();

        var result = ps.Run("""
            Invoke-LitmindRequest _emulator/pages/number -All -MaximumRetryCount 0 | ForEach-Object {
                if ($_.id -eq 5) {
                    Wait-Page 2
                    $state.EnqueueFault([Litmind.Emulator.Fault]@{ StatusCode = 500; PathPrefix = '/api/v1/_emulator/pages/number' })
                }
                $_
            }
            """);

        Assert.Equal(Range(1, 20), Ids(result));
        ErrorAssert.Is(result.SingleError, "Litmind.HttpError", ErrorCategory.InvalidResult);
        Assert.Equal(3, State.RequestCount("_emulator/pages/number"));
    }

    [Fact]
    public void A_page_size_the_server_refuses_is_one_error_and_one_request()
    {
        using var ps = Connected();

        var result = ps.Run("Invoke-LitmindRequest _emulator/pages/number -All -Query @{ pageSize = 60 }");

        Assert.Empty(result.Output);
        ErrorAssert.Is(result.SingleError, "Litmind.HttpError", ErrorCategory.InvalidArgument);
        Assert.Equal(1, State.RequestCount("_emulator/pages/number"));
    }

    [Fact]
    public void A_query_in_the_path_and_the_users_page_size_are_kept_on_every_page()
    {
        using var ps = Connected();

        var result = ps.Run("Invoke-LitmindRequest '_emulator/pages/number?total=30' -Query @{ pageSize = 20 } -All").ShouldSucceed();

        Assert.Equal(Range(1, 30), Ids(result));
        var pages = State.RecentRequests.Where(r => r.PathAndQuery.Contains("pages/number")).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, page => Assert.Contains("total=30", page));
        Assert.All(pages, page => Assert.Contains("pageSize=20", page));
    }

    [Fact]
    public void Litmind_lists_page_with_the_built_in_definition()
    {
        using var ps = Connected();

        var result = ps.Run("(Invoke-LitmindRequest models -All).Count; (Invoke-LitmindRequest models -All -Query @{ pageSize = 100 } | Select-Object -Last 1).id").ShouldSucceed();

        Assert.Equal(new object[] { 120, 300120L }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_repeated_cursor_ends_the_listing_with_an_error_not_a_loop()
    {
        using var ps = Connected("""{ "style": "cursor", "items": "items", "cursor": "page", "nextCursor": { "body": "page" } }""");

        var result = ps.Run("Invoke-LitmindRequest _emulator/pages/number -All -Query @{ page = 2 }");

        Assert.Equal(Range(11, 10), Ids(result));
        ErrorAssert.Is(result.SingleError, "Litmind.InvalidResponse", ErrorCategory.InvalidData);
        Assert.Contains("cursor", result.SingleError.Exception.Message);
        Assert.Equal(1, State.RequestCount("_emulator/pages/number"));
    }

    [Fact]
    public void A_list_that_does_not_page_ends_the_listing_at_its_repeated_page_with_an_error_not_a_loop()
    {
        using var ps = Connected();

        // A top-level array of five that ignores 'page': page 2 is page 1 again. (-First bounds the
        // listing so that a module that loops fails this test instead of hanging it.)
        var result = ps.Run("Invoke-LitmindRequest models/featured -First 50");

        Assert.Equal(5, result.Output.Count);
        ErrorAssert.Is(result.SingleError, "Litmind.InvalidResponse", ErrorCategory.InvalidData);
        Assert.Contains("the same items", result.SingleError.Exception.Message);
        Assert.Equal(2, State.RequestCount("models/featured"));
    }

    [Fact]
    public void A_service_whose_definition_does_not_page_refuses_All_before_anything_is_sent()
    {
        using var ps = Connected(paging: null);
        long before = State.Requests;

        var error = ps.Run("Invoke-LitmindRequest castings -All").SingleError;

        ErrorAssert.Is(error, "Litmind.InvalidArgument", ErrorCategory.InvalidArgument);
        Assert.Contains("paging", error.Exception.Message);
        Assert.Equal(before, State.Requests);
    }

    [Fact]
    public void AsHashtable_writes_ordered_dictionaries_with_or_without_All()
    {
        using var ps = Connected();

        var result = ps.Run("""
            $one = Invoke-LitmindRequest castings/501 -AsHashtable
            $one.GetType().Name
            ($one.Keys | Select-Object -First 2) -join ','
            $items = Invoke-LitmindRequest _emulator/pages/number -All -AsHashtable
            $items.Count
            $items[94]['name']
            """).ShouldSucceed();

        Assert.Equal(new object[] { nameof(OrderedDictionary), "entity,isSuccess", 95, "item-95" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void AsHashtable_keeps_keys_that_differ_only_in_case_as_ConvertFrom_Json_does()
    {
        using var ps = Connected();
        State.EnqueueFault(new Fault { StatusCode = 200, Body = """{"isSuccess":true,"id":1,"ID":2}""", ContentType = "application/json", PathPrefix = "/api/v1/castings" });

        var result = ps.Run("$h = Invoke-LitmindRequest castings -AsHashtable; $h['id']; $h['ID']").ShouldSucceed();

        Assert.Equal(new object[] { 1L, 2L }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void ISO_8601_strings_become_DateTime_as_ConvertFrom_Json_makes_them_and_Raw_is_unchanged()
    {
        using var ps = Connected();

        var result = ps.Run("""
            $d = Invoke-LitmindRequest _emulator/dates
            $d.createdAt.GetType().Name; $d.createdAt.Kind; $d.createdAt.ToString('o')
            $d.updatedAt.GetType().Name; $d.updatedAt.ToUniversalTime().ToString('o')
            $d.day.GetType().Name; $d.notADate.GetType().Name; $d.text.GetType().Name
            (Invoke-LitmindRequest _emulator/dates -AsHashtable)['createdAt'].GetType().Name
            (Invoke-LitmindRequest _emulator/dates -Raw) -match '"createdAt":"2026-11-01T09:00:00Z"'
            """).ShouldSucceed();

        Assert.Equal(
            new object[] { "DateTime", DateTimeKind.Utc, "2026-11-01T09:00:00.0000000Z", "DateTime", "2026-11-01T07:00:00.1230000Z", "String", "String", "String", "DateTime", true },
            result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Stopping_the_pipeline_while_it_waits_for_a_page_fetched_ahead_stops_at_once()
    {
        using var ps = Connected();
        using var pipeline = System.Management.Automation.PowerShell.Create();
        pipeline.Runspace = ps.Runspace;
        pipeline.AddScript("""
            Invoke-LitmindRequest _emulator/pages/number -All | ForEach-Object {
                if ($_.id -eq 5) {
                    Wait-Page 2
                    $state.EnqueueFault([Litmind.Emulator.Fault]@{ NeverAnswer = $true; PathPrefix = '/api/v1/_emulator/pages/number' })
                }
                $_
            }
            """);
        var output = new PSDataCollection<PSObject>();
        var pending = pipeline.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(SpinWait.SpinUntil(() => State.RequestCount("_emulator/pages/number") == 3 && output.Count == 20, TimeSpan.FromSeconds(10)));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        pipeline.Stop();

        Assert.True(pending.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 2);
        Assert.Equal(PSInvocationState.Stopped, pipeline.InvocationStateInfo.State);
        Assert.Equal(3, State.RequestCount("_emulator/pages/number"));
    }
}
