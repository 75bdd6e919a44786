using System.Net;
using System.Text;
using Litmind.Emulator;
using Litmind.Emulator.ApiKeyOnly;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated API-key-only service under <c>/apikey/</c>, and its controls.</summary>
public sealed class ApiKeyEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public ApiKeyEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState ApiKey => fixture.State.ApiKeyService;

    [Fact]
    public async Task The_key_in_a_header_lists_the_items_and_is_tallied_as_such()
    {
        var items = (await fixture.GetAsync(Uri("items"), ("X-Api-Key", ApiKeyDemo.Key))).Is(HttpStatusCode.OK).Json;

        Assert.Equal("items", Assert.Single(items.AsObject()).Key);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), items["items"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Equal("""{"id":1,"name":"Alpha"}""", items["items"]![0]!.ToJsonString());
        Assert.Equal((1, 0), (ApiKey.Tally("keyInHeader"), ApiKey.Tally("keyInQuery")));
        Assert.Equal(("ApiKey", "apikey", "/apikey/"), (ApiKey.Name, ApiKey.ControlName, ApiKey.RootPath));
        Assert.Same(ApiKey, fixture.State.OtherServices[5]);
    }

    [Fact]
    public async Task The_key_in_the_query_works_too_and_is_tallied_apart()
    {
        (await fixture.GetAsync(Uri("items?api_key=" + ApiKeyDemo.Key))).Is(HttpStatusCode.OK);

        Assert.Equal((0, 1), (ApiKey.Tally("keyInHeader"), ApiKey.Tally("keyInQuery")));
        Assert.Contains("api_key=" + ApiKeyDemo.Key, ApiKey.RecentRequests[^1].PathAndQuery, StringComparison.Ordinal);
        var counters = (await fixture.GetAsync(fixture.Control("apikey/counters"))).Is(HttpStatusCode.OK).Json;
        Assert.Equal("""{"keyInQuery":1}""", counters["tallies"]!.ToJsonString());
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_401_and_the_header_wins_over_the_query()
    {
        const string Refused = """{"error":"invalid api key"}""";

        Assert.Equal(Refused, (await fixture.GetAsync(Uri("items"))).Is(HttpStatusCode.Unauthorized).Body);
        Assert.Equal(Refused, (await fixture.GetAsync(Uri("items"), ("X-Api-Key", "wrong"))).Is(HttpStatusCode.Unauthorized).Body);
        Assert.Equal(Refused, (await fixture.GetAsync(Uri("items?api_key=wrong"))).Is(HttpStatusCode.Unauthorized).Body);
        (await fixture.GetAsync(Uri("items?api_key=" + ApiKeyDemo.Key), ("X-Api-Key", "wrong"))).Is(HttpStatusCode.Unauthorized);

        Assert.Equal(new Dictionary<string, long> { ["keyInHeader"] = 2, ["keyInQuery"] = 2, ["keyRefused"] = 4 }, ApiKey.Tallies);
        Assert.Equal((0, 0), (ApiKey.Logins, ApiKey.LoginAttempts));
    }

    [Fact]
    public async Task The_usual_controls_work_and_there_is_no_session_to_expire()
    {
        (await fixture.GetAsync(Uri("items"), ("X-Api-Key", ApiKeyDemo.Key))).Is(HttpStatusCode.OK);
        var fault = new StringContent("""{"statusCode":429,"retryAfter":"2"}""", Encoding.UTF8, "application/json");
        (await fixture.SendAsync(HttpMethod.Post, fixture.Control("apikey/faults"), fault)).Is(HttpStatusCode.OK);

        var throttled = (await fixture.GetAsync(Uri("items"), ("X-Api-Key", ApiKeyDemo.Key))).Is(HttpStatusCode.TooManyRequests);
        Assert.Equal("""{"error":"Too many requests"}""", throttled.Body);
        Assert.Equal("2", throttled.Headers.GetValues("Retry-After").Single());
        Assert.Equal(0, (int)(await fixture.SendAsync(HttpMethod.Post, fixture.Control("apikey/expire"))).Is(HttpStatusCode.OK).Json["expired"]!);
        Assert.Equal("[]", (await fixture.GetAsync(fixture.Control("apikey/sessions"))).Is(HttpStatusCode.OK).Body);
        Assert.Equal(2, (await fixture.GetAsync(fixture.Control("apikey/requests"))).Is(HttpStatusCode.OK).Json.AsArray().Count);
        Assert.Equal(2, ApiKey.RequestCount("items"));

        (await fixture.SendAsync(HttpMethod.Post, fixture.Control("apikey/reset"))).Is(HttpStatusCode.OK);

        Assert.Equal((0, 0), (ApiKey.Requests, ApiKey.PendingFaults));
        Assert.Empty(ApiKey.Tallies);
        Assert.StartsWith("No endpoint GET /apikey/nothing", (string)(await fixture.GetAsync(Uri("nothing"))).Is(HttpStatusCode.NotFound).Json["error"]!, StringComparison.Ordinal);
    }

    private Uri Uri(string path) => new(fixture.Emulator.ApiKeyBaseUri, path);
}
