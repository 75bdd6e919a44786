using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulator-only lists under <c>/api/v1/_emulator/pages/</c>, one per paging style.</summary>
public sealed partial class PagingStyleTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public PagingStyleTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    [Fact]
    public async Task Numbered_pages_from_one_answer_in_the_Litmind_envelope()
    {
        var headers = await LoginAsync();

        var first = (await GetAsync("_emulator/pages/number", headers)).Is(HttpStatusCode.OK);
        Assert.Equal(
            """{"entity":"ItemList","isSuccess":true,"errorDescription":null,"page":1,"pageSize":10,"totalCount":95,"items":[""" +
            string.Join(",", Enumerable.Range(1, 10).Select(i => $$"""{"entity":"Item","id":{{i}},"name":"item-{{i}}"}""")) + "]}",
            first.Body);
        Assert.False(first.Headers.Contains("X-Total-Count"));

        var ids = new List<long>();
        for (var page = 1; ; page++)
        {
            var json = (await GetAsync($"_emulator/pages/number?page={page}&pageSize=20&total=45", headers)).Is(HttpStatusCode.OK).Json;
            var items = json["items"]!.AsArray();
            if (items.Count == 0)
            {
                break;
            }

            Assert.Equal(45, (int)json["totalCount"]!);
            ids.AddRange(items.Select(i => (long)i!["id"]!));
        }

        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), ids);
        await RefusedAsync("_emulator/pages/number?page=0", headers);
    }

    [Fact]
    public async Task Numbered_pages_from_zero_answer_in_the_Spring_shape()
    {
        var headers = await LoginAsync();

        var first = (await GetAsync("_emulator/pages/zero", headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["content", "number", "size", "totalElements", "totalPages"], first.AsObject().Select(p => p.Key));
        Assert.Equal((0, 10, 95, 10), ((int)first["number"]!, (int)first["size"]!, (int)first["totalElements"]!, (int)first["totalPages"]!));
        Assert.Equal(1, (long)first["content"]![0]!["id"]!);

        var last = (await GetAsync("_emulator/pages/zero?page=9", headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal([91L, 92L, 93L, 94L, 95L], last["content"]!.AsArray().Select(i => (long)i!["id"]!));
        var empty = (await GetAsync("_emulator/pages/zero?total=0&size=5", headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal((0, 0), ((int)empty["totalPages"]!, empty["content"]!.AsArray().Count));
        await RefusedAsync("_emulator/pages/zero?page=-1", headers);
        await RefusedAsync("_emulator/pages/zero?size=51", headers);
    }

    [Fact]
    public async Task Offset_and_limit_answer_results_and_count()
    {
        var headers = await LoginAsync();

        var page = (await GetAsync("_emulator/pages/offset?offset=90&limit=10", headers)).Is(HttpStatusCode.OK).Json;

        Assert.Equal(["results", "count"], page.AsObject().Select(p => p.Key));
        Assert.Equal(95, (int)page["count"]!);
        Assert.Equal([91L, 92L, 93L, 94L, 95L], page["results"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Equal(10, (await GetAsync("_emulator/pages/offset", headers)).Is(HttpStatusCode.OK).Json["results"]!.AsArray().Count);
        await RefusedAsync("_emulator/pages/offset?limit=51", headers);
        await RefusedAsync("_emulator/pages/offset?offset=x", headers);
    }

    [Fact]
    public async Task A_cursor_walks_the_list_and_is_null_on_the_last_page()
    {
        var headers = await LoginAsync();

        var ids = new List<long>();
        var cursors = new List<string>();
        var path = "_emulator/pages/cursor?total=23&limit=5";
        while (true)
        {
            var page = (await GetAsync(path, headers)).Is(HttpStatusCode.OK).Json;
            Assert.Equal(["data", "meta"], page.AsObject().Select(p => p.Key));
            ids.AddRange(page["data"]!.AsArray().Select(i => (long)i!["id"]!));
            if (page["meta"]!["next_cursor"] is not { } next)
            {
                Assert.True(page["meta"]!.AsObject().ContainsKey("next_cursor"));
                break;
            }

            cursors.Add((string)next!);
            path = "_emulator/pages/cursor?cursor=" + Uri.EscapeDataString((string)next!);
        }

        // The cursor alone carries the position, the total and the limit.
        Assert.Equal(Enumerable.Range(1, 23).Select(i => (long)i), ids);
        Assert.Equal(4, cursors.Distinct().Count());
        var bigger = (await GetAsync("_emulator/pages/cursor?limit=50&cursor=" + Uri.EscapeDataString(cursors[0]), headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(Enumerable.Range(6, 18).Select(i => (long)i), bigger["data"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Null(bigger["meta"]!["next_cursor"]);

        var unknown = (await GetAsync("_emulator/pages/cursor?cursor=bm90LWEtY3Vyc29y", headers)).Is(HttpStatusCode.BadRequest).Json;
        Assert.Equal("InvalidArgument", (string)unknown["errorCode"]!);
        await RefusedAsync("_emulator/pages/cursor?cursor=" + Uri.EscapeDataString(cursors[0][..^2]), headers);
        await RefusedAsync("_emulator/pages/cursor?limit=51", headers);
    }

    [Fact]
    public async Task A_next_link_is_an_absolute_url_on_the_same_origin_until_the_last_page()
    {
        var headers = await LoginAsync();

        var ids = new List<long>();
        var links = new List<string>();
        var uri = new Uri(fixture.Emulator.BaseUri, "_emulator/pages/nextlink?limit=20");
        while (true)
        {
            var page = (await fixture.GetAsync(uri, headers)).Is(HttpStatusCode.OK).Json;
            ids.AddRange(page["value"]!.AsArray().Select(i => (long)i!["id"]!));
            if (page["@odata.nextLink"] is not { } next)
            {
                Assert.Equal(["value"], page.AsObject().Select(p => p.Key));
                break;
            }

            links.Add((string)next!);
            uri = new Uri((string)next!);
        }

        Assert.Equal(Enumerable.Range(1, 95).Select(i => (long)i), ids);
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.StartsWith(fixture.Emulator.BaseUri + "_emulator/pages/nextlink?$skiptoken=", l, StringComparison.Ordinal));
        var unknown = (await GetAsync("_emulator/pages/nextlink?$skiptoken=abc", headers)).Is(HttpStatusCode.BadRequest).Json;
        Assert.Equal("InvalidArgument", (string)unknown["errorCode"]!);
        await RefusedAsync("_emulator/pages/nextlink?limit=100", headers);
    }

    [Fact]
    public async Task A_link_header_names_the_next_and_the_last_page_beside_a_top_level_array()
    {
        var headers = await LoginAsync();

        var first = (await GetAsync("_emulator/pages/link?per_page=30&total=70", headers)).Is(HttpStatusCode.OK);
        Assert.Equal(30, first.Json.AsArray().Count);
        Assert.Equal("70", first.Headers.GetValues("X-Total-Count").Single());
        var links = Links(first);
        Assert.Equal(["next", "last"], links.Keys);
        Assert.Equal(fixture.Emulator.BaseUri + "_emulator/pages/link?per_page=30&total=70&page=2", links["next"]);
        Assert.Equal(fixture.Emulator.BaseUri + "_emulator/pages/link?per_page=30&total=70&page=3", links["last"]);

        var ids = first.Json.AsArray().Select(i => (long)i!["id"]!).ToList();
        var next = links["next"];
        while (true)
        {
            var page = (await fixture.GetAsync(new Uri(next), headers)).Is(HttpStatusCode.OK);
            ids.AddRange(page.Json.AsArray().Select(i => (long)i!["id"]!));
            if (!Links(page).TryGetValue("next", out next!))
            {
                Assert.Equal(["last"], Links(page).Keys);
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 70).Select(i => (long)i), ids);
        Assert.Equal(10, (await GetAsync("_emulator/pages/link", headers)).Is(HttpStatusCode.OK).Json.AsArray().Count);
        var empty = (await GetAsync("_emulator/pages/link?total=0", headers)).Is(HttpStatusCode.OK);
        Assert.Equal("[]", empty.Body);
        Assert.Equal(["last"], Links(empty).Keys);
        await RefusedAsync("_emulator/pages/link?per_page=51", headers);
    }

    [Theory]
    [InlineData("number?pageSize=51")]
    [InlineData("zero?size=51")]
    [InlineData("offset?limit=51")]
    [InlineData("cursor?limit=51")]
    [InlineData("nextlink?limit=51")]
    [InlineData("link?per_page=51")]
    [InlineData("number?total=1000001")]
    [InlineData("link?total=-1")]
    public async Task A_page_size_above_50_or_a_bad_total_is_refused_in_the_Litmind_envelope(string query)
    {
        var headers = await LoginAsync();

        var refused = (await GetAsync("_emulator/pages/" + query, headers)).Is(HttpStatusCode.BadRequest).Json;

        Assert.Equal(("Error", false, "InvalidArgument"), ((string)refused["entity"]!, (bool)refused["isSuccess"]!, (string)refused["errorCode"]!));
    }

    [Fact]
    public async Task The_lists_need_a_session_as_every_Litmind_endpoint()
    {
        (await fixture.GetAsync(new Uri(fixture.Emulator.BaseUri, "_emulator/pages/number"))).Is(HttpStatusCode.Unauthorized);
        (await fixture.GetAsync(new Uri(fixture.Emulator.BaseUri, "_emulator/pages/link"), ("X-Key", fixture.Emulator.ApiKey))).Is(HttpStatusCode.Unauthorized);
        Assert.Equal(1, fixture.State.RequestCount("_emulator/pages/link"));
    }

    private Task<(string Name, string Value)[]> LoginAsync() => LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

    private Task<Answer> GetAsync(string path, (string Name, string Value)[] headers) => fixture.GetAsync(new Uri(fixture.Emulator.BaseUri, path), headers);

    private async Task RefusedAsync(string path, (string Name, string Value)[] headers)
    {
        var refused = (await GetAsync(path, headers)).Is(HttpStatusCode.BadRequest).Json;
        Assert.Equal("InvalidArgument", (string)refused["errorCode"]!);
    }

    /// <summary>The targets of an answer's <c>Link</c> header by relation, in header order.</summary>
    private static Dictionary<string, string> Links(Answer answer) =>
        LinkPattern().Matches(string.Join(", ", answer.Headers.GetValues("Link"))).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);

    [GeneratedRegex("<([^>]+)>;\\s*rel=\"([a-z]+)\"")]
    private static partial Regex LinkPattern();
}
