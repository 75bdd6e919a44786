using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Services.Definitions;
using Litmind.PowerShell.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>The definition format: the built-in Litmind file, the other seeds as data, and a precise error for each malformed field.</summary>
public sealed class ServiceDefinitionTests
{
    private const string Minimal = """
        {
          "name": "Mini",
          "secrets": { "key": { "label": "key", "environment": "MINI_KEY" } },
          "login": {
            "method": "POST",
            "path": "login",
            "headers": { "X-Key": "{secret.key}" },
            "form": { "user": "{credential.userName}", "password": "{credential.password}" },
            "capture": { "token": { "body": "token" } }
          },
          "authorize": { "headers": { "Authorization": "Bearer {token.token}" } }
        }
        """;

    [Fact]
    public void Litmind_is_built_in_and_the_default()
    {
        var litmind = ServiceCatalog.Default.Definition;
        Assert.Equal("Litmind", litmind.Name);
        Assert.Same(ServiceCatalog.Default, ServiceCatalog.Get("litmind"));
        Assert.Equal("Litmind", ServiceCatalog.Names[0]);
        Assert.Equal(new Uri("https://litmind.com/api/v1/"), litmind.BaseUri);
        Assert.Equal("LITMIND_BASE_URI", litmind.BaseUriEnvironment);
        Assert.Equal("LITMIND_API_KEY", litmind.Secrets["apiKey"].Environment);
        Assert.Equal("sessionId", litmind.Handle);
        Assert.Equal("X-Key", litmind.Login!.Headers[0].Key);
        Assert.Equal(BodyKind.Form, litmind.Login.BodyKind);
        Assert.NotNull(litmind.Accounts!.Join);
        Assert.Null(litmind.Accounts.List!.Items);
    }

    [Fact]
    public void The_module_folder_ships_the_built_in_definitions_as_the_assembly_embeds_them()
    {
        foreach (var resource in ServiceCatalog.BuiltInResources())
        {
            string file = Path.Combine(Paths.ModuleFolder, "Services", resource["Litmind.PowerShell.Services.".Length..]);
            Assert.Equal(ServiceCatalog.ReadBuiltIn(resource), File.ReadAllText(file));
        }
    }

    [Fact]
    public void An_unknown_service_name_lists_the_built_in_ones()
    {
        var failure = Assert.Throws<LitmindException>(() => ServiceCatalog.Resolve("Litmnd"));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("Litmind", failure.Message);
    }

    [Fact]
    public void LivePerson_is_built_in()
    {
        var service = ServiceCatalog.Get("LivePerson").Definition;
        Assert.Equal(BodyKind.Json, service.Login!.BodyKind);
        Assert.Equal(CaptureSource.Cookie, service.Login.Captures["sessionCookie"].From);
        Assert.False(service.Login.Captures["sessionTtl"].Secret);
        Assert.Equal(TimeSpan.FromMilliseconds(1), service.Lifetime!.TtlUnit);
        Assert.Equal("Session_id", service.Refresh!.Cookies[0].Key);
        Assert.NotNull(service.Logout);
        Assert.Equal("config", service.Login.Account);
    }

    [Fact]
    public void The_token_api_is_built_in()
    {
        var service = ServiceCatalog.Get("RailsToken").Definition;
        Assert.Equal("authToken", service.Lifetime!.Jwt);
        Assert.Null(service.Accounts);
        Assert.True(service.Expired.Matches(401, null, null));
    }

    [Fact]
    public void Hypernative_is_built_in()
    {
        var service = ServiceCatalog.Get("Hypernative").Definition;
        Assert.Equal("success", service.Envelope.Success);
        Assert.Equal(ParameterType.Number, service.Parameters["organizationId"].Type);
        Assert.True(service.Login!.Json!.Templates.Values.Single(t => t.Text.Contains("organizationId")).Single!.Optional);
        Assert.Equal("x-client-id", service.KeyAuthorize!.Headers[0].Key);
        Assert.True(service.Hints.Single().Match.Matches(400, "1002", null));
        Assert.Equal(new Uri("https://api.hypernative.xyz/"), service.BaseUri);
        Assert.True(service.Uses("secret", "clientSecret", keyMode: true));
        Assert.False(service.Uses("secret", "clientSecret", keyMode: false));
        Assert.False(service.Uses("parameter", "organizationId", keyMode: true));
    }

    [Fact]
    public void The_built_in_services_are_named_the_default_first_and_each_file_loads_as_a_user_definition()
    {
        Assert.Equal(new[] { "Litmind", "Hypernative", "LivePerson", "RailsToken" }, ServiceCatalog.Names);
        foreach (var name in ServiceCatalog.Names)
        {
            // A user may not name a definition like a built-in one: the copy is read as a user's file would be.
            string text = File.ReadAllText(Path.Combine(Paths.ModuleFolder, "Services", name + ".json"));
            var file = ServiceDefinitionReader.Read(text.Replace("\"name\": \"" + name + "\"", "\"name\": \"My" + name + "\"", StringComparison.Ordinal), name + ".json", ServiceCatalog.Names);
            Assert.Equal("My" + name, file.Name);
            Assert.True(ServiceCatalog.Get(name).IsBuiltIn);
        }
    }

    [Fact]
    public void Definitions_bind_only_parameters_Connect_Litmind_has()
    {
        var parameters = typeof(Litmind.PowerShell.Cmdlets.ConnectLitmindCommand).GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(System.Management.Automation.ParameterAttribute), false).Length > 0)
            .Select(p => p.Name)
            .ToList();
        Assert.All(ConnectParameterNames.Secrets.Concat(ConnectParameterNames.Values), name => Assert.Contains(name, parameters));
    }

    public static TheoryData<string, string?, string, string> MalformedFields => new()
    {
        { "name", null, "$.name", "the field 'name' is required" },
        { "logn", "{}", "$.logn", "unknown field 'logn'" },
        { "login.method", "\"FETCH\"", "$.login.method", "expected one of GET, POST" },
        { "login.path", "\"https://evil.test/login\"", "$.login.path", "relative to the base URI" },
        { "login.path", "\"../login\"", "$.login.path", "relative to the base URI" },
        { "login.path", "42", "$.login.path", "expected a string" },
        { "login.query", "{ \"v\": \"{nothing.here}\" }", "$.login.query.v", "names no known source" },
        { "login.headers", "{ \"X-Key\": \"{secret.apiKey}\" }", "$.login.headers.X-Key", "no secret 'apiKey' is declared" },
        { "login.headers", "{ \"X-Session\": \"{token.token}\" }", "$.login.headers.X-Session", "write {token.token?}" },
        { "login.headers", "{ \"Bad Header\": \"x\" }", "$.login.headers['Bad Header']", "not a valid header" },
        { "login.headers", "{ \"X-A\": \"a\\r\\nX-B: b\" }", "$.login.headers.X-A", "CR, LF or NUL" },
        { "login.headers", "{ \"X-A\": \"{secret.key\" }", "$.login.headers.X-A", "a '{' without its '}'" },
        { "login.json", "{ \"a\": 1 }", "$.login.json", "'form' body or a 'json' body, not both" },
        { "login.capture", "{}", "$.login.capture", "at least one value" },
        { "login.capture", "{ \"token\": { \"body\": \"token\", \"header\": \"X-Token\" } }", "$.login.capture.token", "exactly one of 'body'" },
        { "login.capture", "{ \"token\": { \"body\": \"data..token\" } }", "$.login.capture.token.body", "JSON path" },
        { "login.capture", "{ \"token\": { \"body\": \"token\", \"secret\": \"yes\" } }", "$.login.capture.token.secret", "expected true or false" },
        { "authorize", null, "$", "needs 'authorize'" },
        { "authorize.headers", "{ \"X-User\": \"{credential.userName}\" }", "$.authorize.headers.X-User", "never with a call" },
        { "authorize.headers", "{ \"X-User\": \"{account.email}\" }", "$.authorize.headers.X-User", "an account has 'id' and 'name'" },
        { "authorize.headers", "{ \"X-Org\": \"{parameter.org}\" }", "$.authorize.headers.X-Org", "no parameter 'org'" },
        { "authorize.headers", "{ \"X-User\": \"{account.id}\" }", "$.authorize.headers.X-User", "'accounts.id'" },
        { "lifetime", "{ \"ttl\": \"expiresIn\" }", "$.lifetime.ttl", "not a capture" },
        { "lifetime", "{ \"ttl\": \"token\", \"jwt\": \"token\" }", "$.lifetime", "give one of them" },
        { "lifetime", "{ \"ttl\": \"token\", \"unit\": \"hours\" }", "$.lifetime.unit", "expected one of milliseconds, seconds, minutes" },
        { "handle", "\"sessionId\"", "$.handle", "not a capture" },
        { "expired", "[ { \"status\": 200000 } ]", "$.expired[0].status", "from 100 to 599" },
        { "expired", "[ { \"equals\": \"x\" } ]", "$.expired[0].equals", "give the field" },
        { "expired", "[ {} ]", "$.expired[0]", "at least one of 'status'" },
        { "expired", "{ \"status\": 401 }", "$.expired", "expected a JSON array" },
        { "accounts", "{ \"join\": {} }", "$.accounts", "'id'" },
        { "accounts", "{ \"id\": \"id\", \"list\": { \"path\": \"list\", \"items\": \"\" } }", "$.accounts.list.items", "JSON path" },
        { "secrets", "{ \"key\": { \"label\": \"key\", \"environment\": \"MY VAR\" } }", "$.secrets.key.environment", "expected a name" },
        { "secrets", "{ \"1key\": { \"label\": \"key\" } }", "$.secrets.1key", "is not a name" },
        { "parameters", "{ \"org\": { \"type\": \"date\" } }", "$.parameters.org.type", "expected one of string, number" },
        { "baseUri", "\"api/v1\"", "$.baseUri", "absolute http or https URI" },
        { "baseUriEnvironment", "\"MY VAR\"", "$.baseUriEnvironment", "expected a name" },
        { "refresh", "{ \"method\": \"POST\", \"path\": \"refresh\", \"json\": { \"t\": \"{token.missing}\" } }", "$.refresh.json.t", "no capture 'missing'" },
        { "hints", "[ { \"match\": { \"code\": 1002 } } ]", "$.hints[0].text", "the field 'text' is required" },
        { "typeNames", "{ \"prefix\": \"Mini.\" }", "$.typeNames.field", "the field 'field' is required" },
        { "description", "42", "$.description", "expected a string" },
        { "baseUri", "\"https://example.org/api?v=1\"", "$.baseUri", "without query or fragment" },
        { "secrets", "{ \"key\": { \"label\": \"key\" } }", "$.secrets.key", "give at least one" },
        { "secrets", "{ \"key\": { \"label\": \"key\", \"parameter\": \"Password\" } }", "$.secrets.key.parameter", "expected one of ApiKey, ClientId, ClientSecret, not 'Password'" },
        { "secrets", "{ \"key\": { \"label\": \"key\", \"parameter\": \"ApiKey\" }, \"other\": { \"label\": \"o\", \"parameter\": \"ApiKey\" } }", "$.secrets.other.parameter", "-ApiKey is already bound" },
        { "secrets", "{ \"key\": { \"label\": \"key\", \"environment\": \"K\" }, \"other\": { \"label\": \"o\", \"environment\": \"O\" } }", "$.secrets.other", "no request or authorization uses {secret.other}" },
        { "secrets", "{ \"key\": { \"label\": \"key\", \"environment\": \"K\", \"vault\": \"x\" } }", "$.secrets.key.vault", "unknown field 'vault'" },
        { "parameters", "{ \"org\": { \"parameter\": \"Org\" } }", "$.parameters.org.parameter", "expected one of AccountId, OrganizationId, not 'Org'" },
        { "parameters", "{ \"org\": { \"type\": \"string\" } }", "$.parameters.org", "no request or authorization uses {parameter.org}" },
        { "parameters", "{ \"org\": \"number\" }", "$.parameters.org", "expected a JSON object" },
        { "login.cookies", "{ \"Session id\": \"x\" }", "$.login.cookies['Session id']", "not a valid header or cookie name" },
        { "login.account", "\"profile.\"", "$.login.account", "JSON path" },
        { "login.require", "[ 1 ]", "$.login.require[0]", "expected a string" },
        { "login.capture", "{ \"token\": { \"cookie\": \"a;b\" } }", "$.login.capture.token.cookie", "not a valid header or cookie name" },
        { "login.capture", "{ \"token\": { \"body\": \"token\", \"optional\": 1 } }", "$.login.capture.token.optional", "expected true or false" },
        { "logout", "{ \"method\": \"POST\", \"path\": \"/logout\" }", "$.logout.path", "relative to the base URI" },
        { "logout", "{ \"method\": \"POST\", \"path\": \"logout?all=1\" }", "$.logout.path", "put the query in 'query'" },
        { "logout", "{ \"method\": \"POST\", \"path\": \"logout\", \"capture\": {} }", "$.logout.capture", "unknown field 'capture'" },
        { "logout", "{ \"method\": \"POST\", \"path\": \"logout\", \"form\": { \"p\": \"{credential.secret}\" } }", "$.logout.form.p", "a credential has 'userName' and 'password'" },
        { "refresh", "{ \"method\": \"POST\", \"path\": \"refresh\", \"account\": \"profile\" }", "$.refresh.account", "unknown field 'account'" },
        { "keyAuthorize", "{ \"headers\": { \"X-T\": \"{token.token}\" } }", "$.keyAuthorize.headers.X-T", "key mode has no login, so no tokens" },
        { "keyAuthorize", "{ \"headers\": { \"X-Static\": \"yes\" } }", "$.keyAuthorize", "send at least one secret" },
        { "keyAuthorize", "{}", "$.keyAuthorize", "name what every call carries: 'headers', 'cookies', 'query' or 'basic'" },
        { "lifetime", "{ \"jwt\": \"token\", \"refreshAhead\": -1 }", "$.lifetime.refreshAhead", "a number from 0 to 86400" },
        { "lifetime", "{ \"jwt\": \"token\", \"unit\": \"seconds\" }", "$.lifetime.unit", "'unit' applies to 'ttl' only" },
        { "accounts", "{ \"id\": \"id\", \"thumbnail\": 3 }", "$.accounts.thumbnail", "expected a string" },
        { "accounts", "{ \"id\": \"id\", \"list\": { \"path\": \"list\", \"method\": \"GET\", \"page\": 1 } }", "$.accounts.list.page", "unknown field 'page'" },
        { "hints", "[ { \"match\": { \"status\": \"401\" }, \"text\": \"x\" } ]", "$.hints[0].match.status", "HTTP status code" },
        // Rules the engine could never honour, and paths and values that would leave the service's root.
        { "expired", "[ { \"status\": 302 } ]", "$.expired[0].status", "never read for expiry" },
        { "expired", "[ { \"status\": [ 401, 101 ] } ]", "$.expired[0].status[1]", "never read for expiry" },
        { "login.path", "\"api/%2e%2e/login\"", "$.login.path", "relative to the base URI" },
        { "login.path", "\"api/%2E./login\"", "$.login.path", "relative to the base URI" },
        { "baseUri", "\"https://user:pw@example.org/api/\"", "$.baseUri", "without user information" },
        { "login.cookies", "{ \"Session\": \"a;b\" }", "$.login.cookies.Session", "';'" },
        { "name", "\"Litmind\"", "$.name", "built-in" },
        { "name", "\"hypernative\"", "$.name", "built-in" },
    };

    [Theory]
    [MemberData(nameof(MalformedFields))]
    public void A_malformed_field_is_reported_with_its_JSON_path(string field, string? replacement, string path, string problem)
    {
        var definition = JObject.Parse(Minimal);
        var parent = field.Contains('.') ? (JObject)definition.SelectToken(field[..field.LastIndexOf('.')])! : definition;
        string name = field[(field.LastIndexOf('.') + 1)..];
        if (replacement == null)
        {
            parent.Remove(name);
        }
        else
        {
            parent[name] = JToken.Parse(replacement);
        }

        // Read as a user's file is: the built-in services' names are taken.
        var failure = Assert.Throws<LitmindException>(() => ServiceDefinitionReader.Read(definition.ToString(), "test.json", ServiceCatalog.Names));

        Assert.Equal(ErrorIds.InvalidServiceDefinition, failure.ErrorId);
        Assert.Equal(LitmindErrorKind.InvalidArgument, failure.Kind);
        Assert.Contains("'test.json' is not valid at " + path, failure.Message);
        Assert.Contains(problem, failure.Message);
    }

    [Theory]
    [InlineData("{ \"name\": \"X\", ", "not valid JSON")]
    [InlineData("[]", "a service definition is a JSON object")]
    [InlineData("{ \"name\": \"X\", \"name\": \"Y\" }", "not valid JSON")]
    public void A_file_that_is_not_a_definition_object_is_refused(string json, string problem)
    {
        var failure = Assert.Throws<LitmindException>(() => ServiceDefinitionReader.Read(json, "test.json"));
        Assert.Equal(ErrorIds.InvalidServiceDefinition, failure.ErrorId);
        Assert.Contains(problem, failure.Message);
    }

    [Fact]
    public void A_minimal_definition_reads_and_expiry_defaults_to_401()
    {
        var service = ServiceDefinitionReader.Read(Minimal, "test.json");
        Assert.True(service.Expired.Matches(401, null, null));
        Assert.False(service.Expired.Matches(403, null, null));
        Assert.Same(EnvelopeDefinition.None, service.Envelope);
    }

    [Fact]
    public void Answer_rules_match_on_status_code_and_field_together()
    {
        var rule = new AnswerRule { Statuses = [403], Codes = ["SessionExpired"] };
        Assert.True(rule.Matches(403, "SessionExpired", null));
        Assert.False(rule.Matches(403, "UserNotInSession", null));
        Assert.False(rule.Matches(401, "SessionExpired", null));

        var field = new AnswerRule { Field = "error.type", EqualsAny = [new JValue("token_expired")] };
        Assert.True(field.Matches(400, null, JObject.Parse("""{"error":{"type":"token_expired"}}""")));
        Assert.False(field.Matches(400, null, JObject.Parse("""{"error":{"type":"bad_input"}}""")));
    }

    [Fact]
    public void Service_parameters_are_checked_against_the_definition_and_typed()
    {
        var hypernative = ServiceCatalog.Get("Hypernative").Definition;
        var values = ServiceParameters.Read(hypernative, [new("OrganizationID", "7")]);
        Assert.Equal(7L, values["organizationId"]);

        var unknown = Assert.Throws<LitmindException>(() => ServiceParameters.Read(hypernative, [new("org", 1)]));
        Assert.Contains("organizationId", unknown.Message);
        var twice = Assert.Throws<LitmindException>(() => ServiceParameters.Read(hypernative, [new("organizationId", 1), new("OrganizationId", 2)]));
        Assert.Contains("given twice", twice.Message);
        var list = Assert.Throws<LitmindException>(() => ServiceParameters.Read(hypernative, [new("organizationId", new[] { 1, 2 })]));
        Assert.Contains("a string or a number", list.Message);
        var notNumber = Assert.Throws<LitmindException>(() => ServiceParameters.Read(hypernative, [new("organizationId", "acme")]));
        Assert.Equal(ErrorIds.InvalidArgument, notNumber.ErrorId);
        Assert.Equal("123456", ServiceParameters.Read(ServiceCatalog.Get("LivePerson").Definition, [new("accountId", 123456)])["accountId"]);
    }

    [Theory]
    [InlineData(" 2", "2")]
    [InlineData("2 ", "2")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("-9223372036854775809", "-9223372036854775809")]
    [InlineData("1.50", "1.50")]
    public void A_number_parameter_is_sent_as_the_number_given_with_no_precision_lost(string given, string sent)
    {
        var values = ServiceParameters.Read(ServiceCatalog.Get("Hypernative").Definition, [new("organizationId", given)]);
        Assert.Equal(sent, Newtonsoft.Json.JsonConvert.SerializeObject(values["organizationId"]));
    }

    [Fact]
    public void The_complete_example_in_docs_services_md_is_a_valid_definition()
    {
        string text = File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "services.md"));
        string section = text[text.IndexOf("## A complete example", StringComparison.Ordinal)..];
        int start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        string json = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var service = ServiceDefinitionReader.Read(json, "docs/services.md");

        Assert.Equal("AcmeDesk", service.Name);
        Assert.True(service.Requires("parameter", "tenant", keyMode: false));
        Assert.False(service.Requires("parameter", "region", keyMode: false));
        Assert.True(service.Uses("secret", "apiKey", keyMode: true));
        var documented = JObject.Parse(json).Properties().Select(p => p.Name).ToHashSet();
        var format = new[] { "name", "description", "baseUri", "baseUriEnvironment", "secrets", "parameters", "envelope", "login", "lifetime", "authorize", "keyAuthorize", "refresh", "logout", "expired", "confirm", "accounts", "domains", "paging", "hints", "typeNames" };
        Assert.All(format, field => Assert.Contains(field, documented));

        // The fields issue 20 added, each shown in use.
        var nested = JObject.Parse(json).Descendants().OfType<JProperty>().Select(p => p.Name).ToHashSet();
        Assert.All(new[] { "basic", "query", "expiresAt", "format", "header", "idType", "Content-Type" }, field => Assert.Contains(field, nested));
        Assert.Contains("errors.0.detail", json, StringComparison.Ordinal);
        Assert.NotNull(service.Logout.Basic);
        Assert.NotNull(service.Domains);
    }
}
