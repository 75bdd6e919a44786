using System.Net;
using System.Text.Json;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The synthetic list <c>/api/v1/_emulator/items</c>, whole and page by page.</summary>
public sealed class SyntheticListTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public SyntheticListTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    [Fact]
    public async Task Without_page_the_list_answers_as_it_always_did()
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        var whole = (await GetAsync("_emulator/items?count=2&itemBytes=60&pageSize=1", headers)).Is(HttpStatusCode.OK);

        Assert.Equal(
            """{"entity":"ItemList","isSuccess":true,"errorDescription":null,"totalCount":2,"items":[{"entity":"Item","id":1,"name":"item-1","text":"xxxxxxxxxx"},{"entity":"Item","id":2,"name":"item-2","text":"xxxxxxxxxx"}]}""",
            whole.Body);
        Assert.Equal("[]", (await GetAsync("_emulator/items?count=0&shape=array", headers)).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task A_page_is_a_slice_of_the_list_with_its_page_fields()
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        var second = (await GetAsync("_emulator/items?count=7&itemBytes=60&page=2&pageSize=3", headers)).Is(HttpStatusCode.OK).Json;

        Assert.Equal(["entity", "isSuccess", "errorDescription", "page", "pageSize", "totalCount", "items"], second.AsObject().Select(p => p.Key));
        Assert.Equal((2, 3, 7), ((int)second["page"]!, (int)second["pageSize"]!, (int)second["totalCount"]!));
        Assert.Equal([4L, 5L, 6L], second["items"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Equal([7L], (await GetAsync("_emulator/items?count=7&page=3&pageSize=3", headers)).Is(HttpStatusCode.OK).Json["items"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Empty((await GetAsync("_emulator/items?count=7&page=4&pageSize=3", headers)).Is(HttpStatusCode.OK).Json["items"]!.AsArray());
        Assert.Empty((await GetAsync("_emulator/items?count=7&page=2147483647&pageSize=10000", headers)).Is(HttpStatusCode.OK).Json["items"]!.AsArray());
        var array = (await GetAsync("_emulator/items?count=7&page=1&pageSize=2&shape=array", headers)).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal([1L, 2L], array.Select(i => (long)i!["id"]!));
        Assert.Equal(1000, (await GetAsync("_emulator/items?count=5000&itemBytes=60&page=1", headers)).Is(HttpStatusCode.OK).Json["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=x")]
    [InlineData("page=1&pageSize=0")]
    [InlineData("page=1&pageSize=10001")]
    public async Task Bad_paging_values_are_refused(string query)
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        var refused = (await GetAsync("_emulator/items?" + query, headers)).Is(HttpStatusCode.BadRequest).Json;

        Assert.Equal("InvalidArgument", (string)refused["errorCode"]!);
    }

    [Fact]
    public async Task A_hundred_thousand_items_can_be_walked_page_by_page_from_a_streamed_answer()
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        long seen = 0, sum = 0;
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Emulator.BaseUri, $"_emulator/items?count=100000&itemBytes=60&page={page}&pageSize=10000"));
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }

            using var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Null(response.Content.Headers.ContentLength);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            var items = document.RootElement.GetProperty("items");
            if (items.GetArrayLength() == 0)
            {
                break;
            }

            seen += items.GetArrayLength();
            sum += items.EnumerateArray().Sum(i => i.GetProperty("id").GetInt64());
        }

        Assert.Equal(100_000, seen);
        Assert.Equal(100_000L * 100_001 / 2, sum);
    }

    private Task<Answer> GetAsync(string path, (string Name, string Value)[] headers) => fixture.GetAsync(new Uri(fixture.Emulator.BaseUri, path), headers);
}
