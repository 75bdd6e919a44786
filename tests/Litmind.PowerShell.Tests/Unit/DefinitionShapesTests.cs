using System.Net.Http;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Services.Definitions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// The parts of the definition format for the shapes real APIs use, read and rendered without a
/// server (each shape is also run end to end against the emulator in Module/ApiShapeTests).
/// </summary>
public sealed class DefinitionShapesTests
{
    private const string Tokens = """
        {
          "name": "Shapes",
          "secrets": {
            "clientId": { "label": "client id", "parameter": "ClientId" },
            "clientSecret": { "label": "client secret", "parameter": "ClientSecret" },
            "apiKey": { "label": "API key", "parameter": "ApiKey" }
          },
          "envelope": { "message": [ "errors.0.detail", "errors" ], "code": "errors.0.code" },
          "login": {
            "method": "POST",
            "path": "token",
            "basic": { "userName": "{secret.clientId}", "password": "{secret.clientSecret}" },
            "headers": { "Content-Type": "application/vnd.api+json" },
            "json": { "grant_type": "client_credentials" },
            "capture": { "token": { "body": "access_token" }, "end": { "body": "expires_at", "secret": false } }
          },
          "lifetime": { "expiresAt": "end", "format": "iso8601", "refreshAhead": 30 },
          "authorize": {
            "headers": { "Authorization": "Bearer {token.token}", "Content-Type": "application/vnd.api+json" },
            "query": { "api_key": "{secret.apiKey?}" }
          },
          "keyAuthorize": { "query": { "api_key": "{secret.apiKey}" } },
          "expired": [ { "status": 401, "header": { "name": "WWW-Authenticate", "contains": "invalid_token" } } ]
        }
        """;

    private static CompiledService Compile(string json) => CompiledService.User(ServiceDefinitionReader.Read(json, "test.json", ServiceCatalog.Names), json, null);

    private static SecretBag Secrets() => new([
        new("clientId", SecretText.Protect("client-1")), new("clientSecret", SecretText.Protect("s3cret:with:colons")), new("apiKey", SecretText.Protect("key-123"))]);

    [Fact]
    public async Task A_request_sends_HTTP_Basic_and_the_media_type_its_headers_name()
    {
        var service = Compile(Tokens);

        var request = service.Renderer.Render(service.Definition.Login!, new Uri("https://api.test/"), new TemplateValues(service, Secrets(), null));
        using var message = request.CreateMessage();

        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("client-1:s3cret:with:colons")), message.Headers.Authorization!.ToString());
        Assert.Equal("application/vnd.api+json", message.Content!.Headers.ContentType!.ToString());
        Assert.DoesNotContain(message.Headers, header => header.Key == "Content-Type");
        Assert.Equal("""{"grant_type":"client_credentials"}""", await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_call_gets_the_authorizations_query_headers_and_media_type_unless_the_user_gave_one()
    {
        var service = Compile(Tokens);
        var snapshot = service.Lifetimes.NewSnapshot(new Dictionary<string, string> { ["token"] = "tok-1", ["end"] = "2026-12-06T10:00:00Z" }, DateTimeOffset.Parse("2026-12-06T09:00:00Z"));
        var values = new TemplateValues(service, Secrets(), null, null, snapshot);

        using var call = new HttpRequestMessage(HttpMethod.Post, "https://api.test/items?api_key=users-own&page=2") { Content = new StringContent("{}") };
        service.Renderer.Authorize(call, values, keyMode: false, CallTarget.Own);
        Assert.Equal("https://api.test/items?page=2&api_key=key-123", call.RequestUri!.ToString());
        Assert.Equal("Bearer tok-1", call.Headers.Authorization!.ToString());
        Assert.Equal("application/vnd.api+json", call.Content.Headers.ContentType!.MediaType);

        using var given = new HttpRequestMessage(HttpMethod.Post, "https://api.test/items") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain") };
        service.Renderer.Authorize(given, values, keyMode: false, new CallTarget(true, contentTypeGiven: true));
        Assert.Equal("text/plain", given.Content.Headers.ContentType!.MediaType);

        using var noBody = new HttpRequestMessage(HttpMethod.Get, "https://api.test/items");
        service.Renderer.Authorize(noBody, values, keyMode: false, CallTarget.Own);
        Assert.Null(noBody.Content);
    }

    [Theory]
    [InlineData("iso8601", "2026-12-06T10:00:00+01:00", "2026-12-06T09:00:00Z")]
    [InlineData("unixSeconds", "1796547600", "2026-12-06T09:00:00Z")]
    [InlineData("unixMilliseconds", "1796547600000", "2026-12-06T09:00:00Z")]
    public void An_absolute_end_is_read_in_its_format_and_renewed_ahead_of_it(string format, string written, string end)
    {
        var service = Compile(Tokens.Replace("\"format\": \"iso8601\"", $"\"format\": \"{format}\"", StringComparison.Ordinal));
        var now = DateTimeOffset.Parse("2026-12-06T08:00:00Z");

        var snapshot = service.Lifetimes.NewSnapshot(new Dictionary<string, string> { ["token"] = "t", ["end"] = written }, now);

        Assert.Equal(DateTimeOffset.Parse(end), snapshot.ExpiresAt);
        Assert.Equal(DateTimeOffset.Parse(end) - TimeSpan.FromSeconds(30), snapshot.RefreshAt);
    }

    [Fact]
    public void Array_indexes_and_lists_of_strings_read_as_the_envelope_says()
    {
        var service = Compile(Tokens);

        var jsonApi = service.Answers.Read(422, JToken.Parse("""{"errors":[{"status":"422","code":"blank","detail":"Title can't be blank."},{"code":"too_short","detail":"Title is too short."}]}"""));
        Assert.Equal(("Title can't be blank.", "blank"), (jsonApi.Message, jsonApi.Code));

        var devise = service.Answers.Read(401, JToken.Parse("""{"errors":["You need to sign in.","Or sign up."]}"""));
        Assert.Equal("You need to sign in.; Or sign up.", devise.Message);
    }

    [Theory]
    [InlineData("Bearer error=\"invalid_token\", error_description=\"The access token expired\"", true)]
    [InlineData("Bearer realm=\"oauth\"", false)]
    [InlineData(null, false)]
    public async Task Expiry_can_be_said_by_a_response_header(string? challenge, bool expired)
    {
        var service = Compile(Tokens);
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        if (challenge != null)
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }

        var answer = new ServiceAnswer(401, null, null, null, null, response);

        Assert.Equal(expired, service.Answers.IsExpired(answer));
        await Task.CompletedTask;
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "\"headers\": { \"Authorization\": \"Bearer {token.token}\", \"Content-Type\": \"application/vnd.api+json\" }", "\"headers\": { \"Host\": \"evil.test\", \"Authorization\": \"Bearer {token.token}\" }", "'Host' is the transport's to set" },
        { "\"headers\": { \"Authorization\": \"Bearer {token.token}\", \"Content-Type\": \"application/vnd.api+json\" }", "\"headers\": { \"Transfer-Encoding\": \"chunked\", \"Authorization\": \"Bearer {token.token}\" }", "'Transfer-Encoding' is the transport's to set" },
        { "\"headers\": { \"Content-Type\": \"application/vnd.api+json\" }", "\"headers\": { \"Content-Type\": \"{secret.apiKey}\" }", "expected a media type" },
        { "\"json\": { \"grant_type\": \"client_credentials\" },", "", "'Content-Type' describes a body" },
        { "\"basic\": { \"userName\": \"{secret.clientId}\", \"password\": \"{secret.clientSecret}\" },", "\"basic\": { \"userName\": \"a:{secret.clientId}\", \"password\": \"{secret.clientSecret}\" },", "cannot hold ':'" },
        { "\"headers\": { \"Content-Type\": \"application/vnd.api+json\" },", "\"headers\": { \"Authorization\": \"x\" },", "'basic' sends the Authorization header" },
        { "\"format\": \"iso8601\", ", "", "give both" },
        { "\"expiresAt\": \"end\", \"format\": \"iso8601\"", "\"expiresAt\": \"end\", \"format\": \"rfc1123\"", "expected one of unixSeconds, unixMilliseconds, iso8601" },
        { "\"keyAuthorize\": { \"query\": { \"api_key\": \"{secret.apiKey}\" } }", "\"keyAuthorize\": { \"query\": { \"api_key\": \"fixed\" } }", "send at least one secret" },
        { "\"header\": { \"name\": \"WWW-Authenticate\", \"contains\": \"invalid_token\" }", "\"header\": { \"name\": \"WWW Authenticate\" }", "not a valid header or cookie name" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_the_engine_cannot_honour_is_refused_with_its_path(string part, string replacement, string problem)
    {
        Assert.Contains(part, Tokens);
        var failure = Assert.Throws<LitmindException>(() => Compile(Tokens.Replace(part, replacement, StringComparison.Ordinal)));
        Assert.Equal(ErrorIds.InvalidServiceDefinition, failure.ErrorId);
        Assert.Contains(problem, failure.Message);
    }

    public static TheoryData<string, string> RefusedPaging => new()
    {
        { """{ "style": "pages" }""", "expected one of page, offset, cursor, nextLink, link" },
        { """{ "style": "page", "cursor": "cursor" }""", "unknown field 'cursor'" },
        { """{ "style": "cursor", "cursor": "cursor" }""", "'nextCursor' is required" },
        { """{ "style": "cursor", "cursor": "c", "nextCursor": { "body": "next", "header": "X-Next" } }""", "{ \"body\": <path> } or { \"header\": <name> }" },
        { """{ "style": "nextLink" }""", "'next' is required" },
        { """{ "style": "page", "pageSize": 50 }""", "give 'size' too" },
        { """{ "style": "page", "firstPage": 2 }""", "a whole number from 0 to 1" },
        { """{ "style": "link", "total": { "body": "" } }""", "expected a JSON path" },
    };

    [Theory]
    [MemberData(nameof(RefusedPaging))]
    public void A_paging_the_engine_cannot_follow_is_refused_with_its_path(string paging, string problem)
    {
        var failure = Assert.Throws<LitmindException>(() => Compile(Tokens.Replace("\"expired\":", "\"paging\": " + paging + ",\n  \"expired\":", StringComparison.Ordinal)));
        Assert.Equal(ErrorIds.InvalidServiceDefinition, failure.ErrorId);
        Assert.Contains("$.paging", failure.Message);
        Assert.Contains(problem, failure.Message);
    }

    [Fact]
    public void A_credential_may_authenticate_the_client_again_in_a_refresh_or_a_logout_never_in_a_call()
    {
        string withRevoke = Tokens.Replace("\"lifetime\":", """
            "logout": { "method": "POST", "path": "revoke", "basic": { "userName": "{credential.userName}", "password": "{credential.password}" }, "form": { "token": "{token.token}" } },
            "lifetime":
            """, StringComparison.Ordinal);
        Assert.NotNull(Compile(withRevoke).Definition.Logout!.Basic);

        string inCall = Tokens.Replace("\"Bearer {token.token}\", \"Content-Type\"", "\"Bearer {credential.password}\", \"Content-Type\"", StringComparison.Ordinal);
        Assert.Contains("never with a call", Assert.Throws<LitmindException>(() => Compile(inCall)).Message);
    }

    [Fact]
    public void String_account_ids_are_kept_as_text_and_numbers_as_Int64()
    {
        var strings = Compile(Tokens.Replace("\"expired\":", "\"accounts\": { \"id\": \"uid\", \"idType\": \"string\" }, \"expired\":", StringComparison.Ordinal));
        Assert.Equal("ada@devise.example", strings.Accounts.Read(JToken.Parse("""{"uid":"ada@devise.example"}"""))!.Id);
        Assert.Equal("42", strings.Accounts.Id(42));

        var numbers = ServiceCatalog.Default;
        Assert.Equal(240101L, numbers.Accounts.Id(240101));
        Assert.Equal(240101L, numbers.Accounts.Id("240101"));
        Assert.Null(numbers.Accounts.Id("ava-north"));
        Assert.Null(numbers.Accounts.Read(JToken.Parse("""{"id":"abc"}""")));
    }

    [Fact]
    public void A_user_query_value_of_the_same_name_gives_way_to_the_sessions()
    {
        var uri = EndpointResolver.WithQuery(new Uri("https://api.test/x?a=1&api_key=mine&b=%20"), [new("api_key", "theirs & more")]);
        Assert.Equal("https://api.test/x?a=1&b=%20&api_key=theirs%20%26%20more", uri.AbsoluteUri);
    }
}
