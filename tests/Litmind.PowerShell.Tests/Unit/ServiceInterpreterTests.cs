using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>The interpreter reads each service's answers as its definition says, and nothing more.</summary>
public sealed class ServiceInterpreterTests
{
    private static readonly CompiledService Litmind = ServiceCatalog.Default;

    private static CompiledService Seed(string name) => ServiceCatalog.Get(name);

    public static TheoryData<string, string, bool?, string?, string?> Envelopes => new()
    {
        { "Litmind", """{"isSuccess":false,"errorDescription":"Litmind says no","errorCode":"X"}""", false, "Litmind says no", "X" },
        { "Litmind", """{"isSuccess":"false","errorDescription":"As text"}""", false, "As text", null },
        { "Litmind", """{"isSuccess":" TRUE ","errorDescription":null}""", true, null, null },
        { "Litmind", """{"isSuccess":"maybe"}""", null, null, null },
        { "Litmind", """{"error":{"message":"nested"}}""", null, "nested", null },
        { "RailsToken", """{"message":"Invalid credentials"}""", null, "Invalid credentials", null },
        { "Hypernative", """{"success":false,"data":null,"error":"organizationId is mandatory","errorCode":1002}""", false, "organizationId is mandatory", "1002" },
        { "LivePerson", """{"code":"401","message":"Bad authentication"}""", null, "Bad authentication", "401" },
    };

    [Theory]
    [MemberData(nameof(Envelopes))]
    public void Each_service_reads_its_own_envelope_fields(string service, string json, bool? success, string? message, string? code)
    {
        var interpreter = service == "Litmind" ? Litmind : Seed(service);
        var answer = interpreter.Answers.Read(400, JToken.Parse(json));
        Assert.Equal(success, answer.Success);
        Assert.Equal(message, answer.Message);
        Assert.Equal(code, answer.Code);
    }

    [Fact]
    public void Another_services_field_names_mean_nothing_to_a_definition_that_does_not_name_them()
    {
        var answer = Seed("RailsToken").Answers.Read(200, JToken.Parse("""{"isSuccess":false,"errorDescription":"not Rails"}"""));
        Assert.Null(answer.Success);
        Assert.Null(answer.Message);
    }

    [Theory]
    [InlineData(401, null, null, true)]
    [InlineData(419, null, null, true)]
    [InlineData(440, null, null, true)]
    [InlineData(403, "SessionExpired", "Session expired. Log in again.", true)]
    [InlineData(200, "UnknownSession", null, true)]
    [InlineData(403, null, null, false)]
    [InlineData(403, "UserNotInSession", "User 5 is not logged into this session.", false)]
    [InlineData(403, "Forbidden", "Only model agencies have models.", false)]
    [InlineData(409, "Conflict", "The casting has expired.", false)]
    [InlineData(200, null, "Your session has expired", false)]
    [InlineData(404, null, "Not found", false)]
    public void Litmind_expiry_is_a_status_or_a_code_its_definition_names_never_a_word(int status, string? code, string? description, bool expired)
    {
        var body = new JObject { ["isSuccess"] = false, ["errorDescription"] = description, ["errorCode"] = code };
        Assert.Equal(expired, Litmind.Answers.IsExpired(Litmind.Answers.Read(status, body)));
    }

    [Fact]
    public void A_hint_is_added_where_the_definition_matches_the_answer()
    {
        var hypernative = Seed("Hypernative");
        Assert.Contains("-OrganizationId", hypernative.Answers.HintFor(hypernative.Answers.Read(400, JToken.Parse("""{"success":false,"error":"organizationId is mandatory","errorCode":1002}"""))));
        Assert.Null(hypernative.Answers.HintFor(hypernative.Answers.Read(400, JToken.Parse("""{"success":false,"error":"bad","errorCode":1001}"""))));
    }

    [Fact]
    public void Secret_headers_are_the_ones_that_carry_secrets_or_tokens()
    {
        Assert.Equal(new[] { "X-Key", "X-SessionId" }, Litmind.SecretHeaders.Order());
        Assert.Contains("x-client-secret", Seed("Hypernative").SecretHeaders);
    }

    [Theory]
    [InlineData("""[{"id":1,"username":"a"},{"id":2,"username":"b"}]""")]
    [InlineData("""{"entity":"SessionList","profiles":[{"id":1,"username":"a"},{"id":"2","username":"b"}],"tags":["x"],"owner":{"id":9}}""")]
    public void An_account_list_is_found_in_any_documented_looking_shape(string json)
    {
        var accounts = Litmind.Accounts.ReadList(JToken.Parse(json), "GET", new Uri("https://litmind.test/api/v1/session/list"), 200);
        Assert.Equal(new object[] { 1L, 2L }, accounts.Select(a => a.Id));
        Assert.Equal("b", accounts[1].Name);
    }

    [Theory]
    [InlineData("""{"entity":"SessionList"}""", "no list of accounts")]
    [InlineData("""{"owners":[{"id":1}],"members":[{"id":2}]}""", "owners, members")]
    [InlineData("""[{"id":"abc"}]""", "no numeric id")]
    public void An_account_list_that_cannot_be_read_says_why(string json, string problem)
    {
        var failure = Assert.Throws<Errors.LitmindException>(() => Litmind.Accounts.ReadList(JToken.Parse(json), "GET", new Uri("https://litmind.test/api/v1/session/list"), 200));
        Assert.Equal(Errors.ErrorIds.InvalidResponse, failure.ErrorId);
        Assert.Contains(problem, failure.Message);
    }

    [Fact]
    public void A_JWT_exp_is_read_without_verifying_the_token()
    {
        // The seed's own token: {"user_id":1,"exp":1575483855}.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1575483855), Jwt.ReadExpiry("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxLCJleHAiOjE1NzU0ODM4NTV9.iEl3eb9A1VDhIWpJIRF4ACisRwvjKn-VIemyVOGEXPY"));
        Assert.Null(Jwt.ReadExpiry("not-a-jwt"));
        Assert.Null(Jwt.ReadExpiry("a.b!.c"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(7L, "7")]
    public async Task Hypernative_sends_the_organization_as_a_JSON_number_and_leaves_it_out_when_not_given(long? organization, string? sent)
    {
        var hypernative = Seed("Hypernative");
        var parameters = organization == null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["organizationId"] = organization };
        using var credential = new LoginCredential("analyst@example.org", SecretText.Protect("pw"));

        var request = hypernative.Renderer.Render(hypernative.Definition.Login!, new Uri("https://api.hypernative.xyz/"), new TemplateValues(hypernative, new SecretBag(null), parameters, credential));

        using var content = request.Body!.CreateContent();
        var body = JObject.Parse(await content.ReadAsStringAsync());
        Assert.Equal(new Uri("https://api.hypernative.xyz/auth/login"), request.Uri);
        Assert.Equal(sent, body["organizationId"]?.ToString());
        Assert.Equal(sent == null ? null : JTokenType.Integer, body["organizationId"]?.Type);
        Assert.Equal("pw", (string?)body["password"]);
    }
}
