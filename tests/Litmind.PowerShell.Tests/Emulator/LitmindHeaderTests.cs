using System.Net;
using System.Text;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>Headers of Litmind answers: the rate limit on every one, ETag and 304 on a casting, 201 and Location on a created one.</summary>
public sealed class LitmindHeaderTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public LitmindHeaderTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    [Fact]
    public async Task Every_answer_carries_a_rate_limit_counting_down_per_session()
    {
        var first = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);
        var second = await LitmindLogin.LoginAsync(fixture, DemoData.Agency);

        Assert.Equal(("1000", "999"), RateLimit(await GetAsync("session/list", first)));
        Assert.Equal(("1000", "998"), RateLimit((await GetAsync("castings/999", first)).Is(HttpStatusCode.NotFound)));
        Assert.Equal(("1000", "997"), RateLimit((await GetAsync("no/such/path", first)).Is(HttpStatusCode.NotFound)));
        fixture.State.EnqueueFault(new Fault { StatusCode = 503 });
        Assert.Equal(("1000", "996"), RateLimit((await GetAsync("models", first)).Is(HttpStatusCode.ServiceUnavailable)));
        Assert.Equal(("1000", "999"), RateLimit(await GetAsync("models", second)));
        var login = await fixture.SendAsync(HttpMethod.Post, new Uri(fixture.Emulator.BaseUri, "session/login"), null, ("X-Key", "wrong"));
        Assert.Equal("1000", RateLimit(login.Is(HttpStatusCode.Unauthorized)).Limit);

        fixture.State.Reset();
        var fresh = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);
        Assert.Equal(("1000", "999"), RateLimit(await GetAsync("session/list", fresh)));
    }

    [Fact]
    public async Task The_remaining_count_stops_at_zero_and_nothing_is_refused()
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        for (var i = 0; i < 1000; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Emulator.BaseUri, "session/list"));
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }

            using var response = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(("1000", "0"), RateLimit((await GetAsync("session/list", headers)).Is(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task A_casting_has_a_stable_etag_and_answers_304_when_it_matches()
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        var first = (await GetAsync("castings/501", headers)).Is(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.False(first.Headers.ETag.IsWeak);
        Assert.Equal(etag, (await GetAsync("castings/501", headers)).Is(HttpStatusCode.OK).Headers.ETag!.Tag);
        Assert.NotEqual(etag, (await GetAsync("castings/502", headers)).Is(HttpStatusCode.OK).Headers.ETag!.Tag);

        foreach (var ifNoneMatch in new[] { etag, "W/" + etag, "\"other\", " + etag, "*" })
        {
            var notModified = (await GetAsync("castings/501", [.. headers, ("If-None-Match", ifNoneMatch)])).Is(HttpStatusCode.NotModified);
            Assert.Equal("", notModified.Body);
            Assert.Equal(etag, notModified.Headers.ETag!.Tag);
        }

        (await GetAsync("castings/501", [.. headers, ("If-None-Match", "\"other\"")])).Is(HttpStatusCode.OK);

        // A new candidate changes the casting (its candidateCount), so its tag.
        var agency = await LitmindLogin.LoginAsync(fixture, DemoData.Agency);
        var propose = new FormUrlEncodedContent([KeyValuePair.Create("modelId", "300008")]);
        (await fixture.SendAsync(HttpMethod.Post, new Uri(fixture.Emulator.BaseUri, "castings/501/candidates"), propose, agency)).Is(HttpStatusCode.OK);
        var changed = (await GetAsync("castings/501", [.. headers, ("If-None-Match", etag)])).Is(HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Creating_a_casting_answers_201_with_its_absolute_location()
    {
        var headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        var form = new FormUrlEncodedContent([KeyValuePair.Create("title", "Spring denim lookbook"), KeyValuePair.Create("location", "Porto, PT")]);
        var created = (await PostAsync("castings", form, headers)).Is(HttpStatusCode.Created);
        Assert.Equal(new Uri(fixture.Emulator.BaseUri, "castings/506"), created.Headers.Location);
        Assert.True(created.Headers.Location!.IsAbsoluteUri);
        var json = created.Json;
        Assert.Equal(("Casting", true, 506L), ((string)json["entity"]!, (bool)json["isSuccess"]!, (long)json["id"]!));
        Assert.Equal(("Spring denim lookbook", "Porto, PT", "Open", 138829L), ((string)json["title"]!, (string)json["location"]!, (string)json["status"]!, (long)json["ownerId"]!));
        Assert.Equal(created.Json["title"]!.ToJsonString(), (await fixture.GetAsync(created.Headers.Location, headers)).Is(HttpStatusCode.OK).Json["title"]!.ToJsonString());

        var jsonBody = new StringContent("""{"title":"Eyewear campaign","shootDate":"2027-03-01"}""", Encoding.UTF8, "application/json");
        var second = (await PostAsync("castings", jsonBody, headers)).Is(HttpStatusCode.Created).Json;
        Assert.Equal((507L, "2027-03-01"), ((long)second["id"]!, (string)second["shootDate"]!));
        Assert.Null(second["location"]);
        Assert.Equal(7, (int)(await GetAsync("castings", headers)).Is(HttpStatusCode.OK).Json["totalCount"]!);

        var agency = await LitmindLogin.LoginAsync(fixture, DemoData.Agency);
        (await PostAsync("castings", new FormUrlEncodedContent([KeyValuePair.Create("title", "x")]), agency)).Is(HttpStatusCode.Forbidden);
        var missing = (await PostAsync("castings", new FormUrlEncodedContent([KeyValuePair.Create("title", "  ")]), headers)).Is(HttpStatusCode.BadRequest).Json;
        Assert.Equal("MissingField", (string)missing["errorCode"]!);
        var badDate = (await PostAsync("castings", new FormUrlEncodedContent([KeyValuePair.Create("title", "x"), KeyValuePair.Create("shootDate", "soon")]), headers)).Is(HttpStatusCode.BadRequest).Json;
        Assert.Equal("InvalidArgument", (string)badDate["errorCode"]!);

        fixture.State.Reset();
        headers = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);
        Assert.Equal(5, (int)(await GetAsync("castings", headers)).Is(HttpStatusCode.OK).Json["totalCount"]!);
        (await GetAsync("castings/506", headers)).Is(HttpStatusCode.NotFound);
    }

    private static (string Limit, string Remaining) RateLimit(Answer answer) =>
        (answer.Headers.GetValues("X-RateLimit-Limit").Single(), answer.Headers.GetValues("X-RateLimit-Remaining").Single());

    private Task<Answer> GetAsync(string path, (string Name, string Value)[] headers) => fixture.GetAsync(new Uri(fixture.Emulator.BaseUri, path), headers);

    private Task<Answer> PostAsync(string path, HttpContent content, (string Name, string Value)[] headers) =>
        fixture.SendAsync(HttpMethod.Post, new Uri(fixture.Emulator.BaseUri, path), content, headers);
}
