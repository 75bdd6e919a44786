using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Litmind.Emulator;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulated JSON:API service under <c>/jsonapi/</c>.</summary>
public sealed class JsonApiEmulatorTests : IClassFixture<ServiceEmulatorFixture>
{
    private const string SessionDocument = """{"data":{"type":"sessions","attributes":{"email":"author@jsonapi.example","password":"JsonApi#2026"}}}""";

    private readonly ServiceEmulatorFixture fixture;

    public JsonApiEmulatorTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState JsonApi => fixture.State.JsonApi;

    [Fact]
    public async Task Creating_a_session_answers_201_with_a_session_resource()
    {
        var created = (await PostAsync("sessions", SessionDocument)).Is(HttpStatusCode.Created);

        Assert.Equal("application/vnd.api+json", created.ContentType!.ToString());
        var data = created.Json["data"]!;
        Assert.Equal(["type", "id", "attributes"], data.AsObject().Select(p => p.Key));
        Assert.Equal(("sessions", "1"), ((string)data["type"]!, (string)data["id"]!));
        var session = Assert.Single(JsonApi.Sessions);
        Assert.Equal(session.Secrets["token"], (string)data["attributes"]!["token"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)data["attributes"]!["token"]!);
        Assert.Equal("2026-11-02T09:00:00.250Z", (string)data["attributes"]!["expires_at"]!);
        Assert.Equal(("author@jsonapi.example", 1L), (session.Subject, JsonApi.Logins));
    }

    [Theory]
    [InlineData("""{"data":{"type":"sessions","attributes":{"email":"author@jsonapi.example","password":"wrong"}}}""")]
    [InlineData("""{"data":{"type":"sessions","attributes":{"email":"nobody@jsonapi.example","password":"JsonApi#2026"}}}""")]
    [InlineData("""{"data":{"type":"sessions"}}""")]
    public async Task Wrong_credentials_are_401_in_an_error_document(string document)
    {
        var refused = (await PostAsync("sessions", document)).Is(HttpStatusCode.Unauthorized);

        Assert.Equal(
            """{"errors":[{"status":"401","code":"invalid_credentials","title":"Invalid credentials","detail":"Email or password is wrong."}]}""",
            refused.Body);
        Assert.Equal("application/vnd.api+json", refused.ContentType!.MediaType);
        Assert.Equal((0, 1), (JsonApi.Logins, JsonApi.LoginAttempts));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.api+json; charset=utf-8")]
    [InlineData("text/plain")]
    public async Task A_body_of_another_media_type_is_415(string contentType)
    {
        var content = new StringContent(SessionDocument, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var refused = (await fixture.SendAsync(HttpMethod.Post, Uri("sessions"), content)).Is(HttpStatusCode.UnsupportedMediaType);

        var error = refused.Json["errors"]![0]!;
        Assert.Equal(("415", "unsupported_media_type"), ((string)error["status"]!, (string)error["code"]!));
        Assert.Equal("application/vnd.api+json", refused.ContentType!.MediaType);
        Assert.Empty(JsonApi.Sessions);
        var withProfile = new StringContent(SessionDocument, Encoding.UTF8);
        withProfile.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.api+json; profile=\"https://example.com/p\"");
        (await fixture.SendAsync(HttpMethod.Post, Uri("sessions"), withProfile)).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Articles_are_listed_read_and_created_as_resources()
    {
        var bearer = await BearerAsync();

        var list = (await fixture.GetAsync(Uri("articles"), bearer)).Is(HttpStatusCode.OK);
        Assert.Equal("application/vnd.api+json", list.ContentType!.MediaType);
        Assert.Equal("""{"type":"articles","id":"1","attributes":{"title":"Getting started with JSON:API"}}""", list.Json["data"]![0]!.ToJsonString());
        Assert.Equal(3, list.Json["data"]!.AsArray().Count);

        var created = (await PostAsync("articles", """{"data":{"type":"articles","attributes":{"title":"Pagination links"}}}""", bearer)).Is(HttpStatusCode.Created);
        Assert.Equal("""{"data":{"type":"articles","id":"4","attributes":{"title":"Pagination links"}}}""", created.Body);
        Assert.Equal(Uri("articles/4"), created.Headers.Location);
        Assert.Equal("Pagination links", (string)(await fixture.GetAsync(created.Headers.Location!, bearer)).Is(HttpStatusCode.OK).Json["data"]!["attributes"]!["title"]!);
        var missing = (await fixture.GetAsync(Uri("articles/99"), bearer)).Is(HttpStatusCode.NotFound).Json["errors"]![0]!;
        Assert.Equal(("404", "not_found"), ((string)missing["status"]!, (string)missing["code"]!));

        fixture.State.Reset();
        bearer = await BearerAsync();
        Assert.Equal(3, (await fixture.GetAsync(Uri("articles"), bearer)).Is(HttpStatusCode.OK).Json["data"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"data":{"type":"articles","attributes":{}}}""")]
    [InlineData("""{"data":{"type":"articles"}}""")]
    [InlineData("""{"data":{"type":"articles","attributes":{"title":"  "}}}""")]
    public async Task An_article_without_a_title_is_422_with_two_errors(string document)
    {
        var bearer = await BearerAsync();

        var refused = (await PostAsync("articles", document, bearer)).Is((HttpStatusCode)422);

        Assert.Equal(
            """{"errors":[{"status":"422","code":"blank","source":{"pointer":"/data/attributes/title"},"detail":"Title can't be blank."},{"status":"422","code":"too_short","detail":"Title is too short."}]}""",
            refused.Body);
    }

    [Fact]
    public async Task Bad_documents_are_refused_with_their_own_codes()
    {
        var bearer = await BearerAsync();

        Assert.Equal(
            """{"errors":[{"status":"422","code":"too_short","detail":"Title is too short."}]}""",
            (await PostAsync("articles", """{"data":{"type":"articles","attributes":{"title":"Hi"}}}""", bearer)).Is((HttpStatusCode)422).Body);
        Assert.Equal("type_mismatch", (string)(await PostAsync("articles", """{"data":{"type":"posts","attributes":{"title":"Hello"}}}""", bearer)).Is(HttpStatusCode.Conflict).Json["errors"]![0]!["code"]!);
        Assert.Equal("invalid_document", (string)(await PostAsync("articles", """{"title":"Hello"}""", bearer)).Is(HttpStatusCode.BadRequest).Json["errors"]![0]!["code"]!);
        Assert.Equal("invalid_document", (string)(await PostAsync("articles", "not json", bearer)).Is(HttpStatusCode.BadRequest).Json["errors"]![0]!["code"]!);
    }

    [Fact]
    public async Task Missing_unknown_and_expired_tokens_each_have_their_code()
    {
        var bearer = await BearerAsync();

        Assert.Equal("missing_token", (string)(await fixture.GetAsync(Uri("articles"))).Is(HttpStatusCode.Unauthorized).Json["errors"]![0]!["code"]!);
        Assert.Equal("invalid_token", (string)(await fixture.GetAsync(Uri("articles"), ("Authorization", "Bearer nope"))).Is(HttpStatusCode.Unauthorized).Json["errors"]![0]!["code"]!);
        fixture.Clock.Advance(JsonApi.SessionLifetime);
        var expired = (await fixture.GetAsync(Uri("articles"), bearer)).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("""{"errors":[{"status":"401","code":"token_expired","detail":"The token has expired."}]}""", expired.Body);

        var fresh = await BearerAsync();
        JsonApi.ExpireSession(fresh.Value["Bearer ".Length..], 419);
        Assert.Equal("419", (string)(await fixture.GetAsync(Uri("articles"), fresh)).Is((HttpStatusCode)419).Json["errors"]![0]!["status"]!);
        JsonApi.EnqueueFault(new Fault { StatusCode = 503 });
        var faulted = (await fixture.GetAsync(Uri("articles"), fresh)).Is(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("""{"errors":[{"status":"503","code":"unavailable","title":"Service Unavailable","detail":"Service unavailable"}]}""", faulted.Body);
    }

    private async Task<(string Name, string Value)> BearerAsync() =>
        ("Authorization", "Bearer " + (string)(await PostAsync("sessions", SessionDocument)).Is(HttpStatusCode.Created).Json["data"]!["attributes"]!["token"]!);

    private Task<Answer> PostAsync(string path, string document, params (string Name, string Value)[] headers)
    {
        var content = new StringContent(document, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        return fixture.SendAsync(HttpMethod.Post, Uri(path), content, headers);
    }

    private Uri Uri(string path) => new(fixture.Emulator.JsonApiBaseUri, path);
}
