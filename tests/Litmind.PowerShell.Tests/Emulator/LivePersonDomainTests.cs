using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>LivePerson's service domain: the second origin the login answer names, serving the account configuration API at its root.</summary>
public sealed class LivePersonDomainTests : IClassFixture<ServiceEmulatorFixture>
{
    private const string Account = LivePersonDemo.AccountId;
    private const string SkillsPath = $"api/account/{Account}/configuration/le-users/skills";

    private readonly ServiceEmulatorFixture fixture;

    public LivePersonDomainTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    private ServiceState LivePerson => fixture.State.LivePerson;

    private Uri Domain => fixture.Emulator.LivePersonDomainUri;

    [Fact]
    public void The_domain_is_another_loopback_origin()
    {
        Assert.Equal(Domain, fixture.State.LivePersonDomainUri);
        Assert.Equal("http", Domain.Scheme);
        Assert.Equal("127.0.0.1", Domain.Host);
        Assert.Equal("/", Domain.AbsolutePath);
        Assert.NotEqual(fixture.Emulator.RootUri.Port, Domain.Port);
    }

    [Fact]
    public async Task The_login_answer_names_the_domain_for_the_account_configuration_api_and_the_login_origin_for_agentVep()
    {
        var login = (await LoginAsync()).Is(HttpStatusCode.OK);

        var baseUris = login.Json["csdsCollectionResponse"]!["baseURIs"]!.AsArray()
            .ToDictionary(b => (string)b!["service"]!, b => ((string)b!["account"]!, (string)b["baseURI"]!));
        Assert.Equal((Account, Domain.Authority), baseUris["accountConfigReadOnly"]);
        Assert.Equal((Account, Domain.Authority), baseUris["smt"]);
        Assert.Equal((Account, fixture.Emulator.RootUri.Authority), baseUris["agentVep"]);
        Assert.All(baseUris.Values, b => Assert.DoesNotContain("://", b.Item2, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_domain_serves_the_account_configuration_api_at_its_root_with_the_same_bearer_rules()
    {
        var bearer = Bearer(await LoginAsync());

        var skills = (await fixture.GetAsync(new Uri(Domain, SkillsPath), bearer)).Is(HttpStatusCode.OK);
        var onLoginOrigin = (await fixture.GetAsync(new Uri(fixture.Emulator.LivePersonBaseUri, SkillsPath), bearer)).Is(HttpStatusCode.OK);
        Assert.Equal(onLoginOrigin.Body, skills.Body);
        Assert.NotNull(skills.Headers.GetValues("X-Request-Id").Single());
        var users = (await fixture.GetAsync(new Uri(Domain, $"api/account/{Account}/configuration/le-users/users"), bearer)).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(["lp-admin", "lp-agent"], users.Select(u => (string)u!["loginName"]!));
        var user = (await fixture.GetAsync(new Uri(Domain, $"api/account/{Account}/configuration/le-users/users/3705342610"), bearer)).Is(HttpStatusCode.OK).Json;
        Assert.Equal("lp-admin", (string)user["loginName"]!);
        (await fixture.GetAsync(new Uri(Domain, $"api/account/{Account}/configuration/le-users/users/1"), bearer)).Is(HttpStatusCode.NotFound);

        var missing = (await fixture.GetAsync(new Uri(Domain, SkillsPath))).Is(HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization", (string)missing.Json["message"]!);
        var unknown = (await fixture.GetAsync(new Uri(Domain, SkillsPath), ("Authorization", "Bearer unknown"))).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("Session expired or invalid. Log in again.", (string)unknown.Json["message"]!);
        (await fixture.GetAsync(new Uri(Domain, "api/account/12345/configuration/le-users/skills"), bearer)).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_domain_has_no_login_and_no_liveperson_root()
    {
        var login = (await fixture.PostJsonAsync(new Uri(Domain, $"api/account/{Account}/login?v=1.3"), Credentials())).Is(HttpStatusCode.NotFound);
        Assert.NotNull(login.Json["message"]);
        (await fixture.GetAsync(new Uri(Domain, "liveperson/" + SkillsPath))).Is(HttpStatusCode.NotFound);
        Assert.Equal(0, LivePerson.LoginAttempts);
    }

    [Fact]
    public async Task Requests_to_the_domain_count_and_are_recorded_as_LivePerson_requests_with_their_authority()
    {
        var bearer = Bearer(await LoginAsync());
        (await fixture.GetAsync(new Uri(Domain, SkillsPath), bearer)).Is(HttpStatusCode.OK);
        (await fixture.GetAsync(new Uri(Domain, SkillsPath + "?x=1"), bearer)).Is(HttpStatusCode.OK);
        (await fixture.GetAsync(new Uri(fixture.Emulator.LivePersonBaseUri, SkillsPath), bearer)).Is(HttpStatusCode.OK);

        Assert.Equal(4, LivePerson.Requests);
        Assert.Equal(3, LivePerson.RequestCount(SkillsPath));
        Assert.Equal(2, LivePerson.RequestCount("/" + SkillsPath));
        Assert.Equal(1, LivePerson.RequestCount("/liveperson/" + SkillsPath));
        Assert.Equal(0, fixture.State.Requests);
        var onDomain = LivePerson.RecentRequests.Where(r => r.Authority == Domain.Authority).ToList();
        Assert.Equal(["/" + SkillsPath, "/" + SkillsPath + "?x=1"], onDomain.Select(r => r.PathAndQuery));
        Assert.Equal(fixture.Emulator.RootUri.Authority, LivePerson.RecentRequests[0].Authority);

        var counters = (await fixture.GetAsync(fixture.Control("liveperson/counters"))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(2, (long)counters["paths"]!["/" + SkillsPath]!);
        var recorded = (await fixture.GetAsync(fixture.Control("liveperson/requests"))).Is(HttpStatusCode.OK).Json.AsArray();
        Assert.Equal(Domain.Authority, (string)recorded[1]!["authority"]!);
    }

    [Fact]
    public async Task A_client_with_a_cookie_jar_does_not_send_the_login_cookie_to_the_domain()
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() });
        var credentials = new StringContent(Credentials(), Encoding.UTF8, "application/json");
        var login = await http.PostAsync(new Uri(fixture.Emulator.LivePersonBaseUri, $"api/account/{Account}/login?v=1.3"), credentials);
        var bearer = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["bearer"]!;

        foreach (var root in new[] { Domain, fixture.Emulator.LivePersonBaseUri })
        {
            using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(root, SkillsPath));
            call.Headers.Authorization = new("Bearer", bearer);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(call)).StatusCode);
        }

        var session = Assert.Single(LivePerson.Sessions);
        Assert.Null(LivePerson.RecentRequests.Single(r => r.Authority == Domain.Authority).Header("Cookie"));
        Assert.Equal("Session_id=" + session.Secrets["Session_id"], LivePerson.RecentRequests[^1].Header("Cookie"));
    }

    [Fact]
    public async Task Faults_and_expiry_of_LivePerson_apply_on_the_domain()
    {
        var login = await LoginAsync();
        var bearer = Bearer(login);

        LivePerson.EnqueueFault(new Fault { StatusCode = 503, PathPrefix = $"api/account/{Account}/configuration" });
        var faulted = (await fixture.GetAsync(new Uri(Domain, SkillsPath), bearer)).Is(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Service unavailable", (string)faulted.Json["message"]!);
        LivePerson.EnqueueFault(new Fault { StatusCode = 429, RetryAfter = "1" });
        var throttled = (await fixture.GetAsync(new Uri(Domain, SkillsPath), bearer)).Is(HttpStatusCode.TooManyRequests);
        Assert.Equal("1", throttled.Headers.GetValues("Retry-After").Single());
        (await fixture.GetAsync(new Uri(Domain, SkillsPath), bearer)).Is(HttpStatusCode.OK);

        LivePerson.ExpireAllSessions(419);
        Assert.Equal((HttpStatusCode)419, (await fixture.GetAsync(new Uri(Domain, SkillsPath), bearer)).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Agent_groups_page_by_offset_and_limit_with_the_total_in_a_header(bool onDomain)
    {
        var bearer = Bearer(await LoginAsync());
        var root = onDomain ? Domain : fixture.Emulator.LivePersonBaseUri;
        Uri Groups(string query) => new(root, $"api/account/{Account}/configuration/le-users/agentGroups" + query);

        var first = (await fixture.GetAsync(Groups(""), bearer)).Is(HttpStatusCode.OK);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), first.Json.AsArray().Select(g => (long)g!["id"]!));
        Assert.Equal(["id", "name", "description", "deleted"], first.Json[0]!.AsObject().Select(p => p.Key));
        Assert.False((bool)first.Json[0]!["deleted"]!);
        Assert.Equal("45", first.Headers.GetValues("X-Total-Count").Single());

        var last = (await fixture.GetAsync(Groups("?offset=40&limit=20"), bearer)).Is(HttpStatusCode.OK);
        Assert.Equal([41L, 42L, 43L, 44L, 45L], last.Json.AsArray().Select(g => (long)g!["id"]!));
        Assert.Equal(45, (await fixture.GetAsync(Groups("?limit=50"), bearer)).Is(HttpStatusCode.OK).Json.AsArray().Count);
        Assert.Empty((await fixture.GetAsync(Groups("?offset=45"), bearer)).Is(HttpStatusCode.OK).Json.AsArray());

        var walked = new List<long>();
        for (var offset = 0; ; offset += 10)
        {
            var page = (await fixture.GetAsync(Groups($"?offset={offset}&limit=10"), bearer)).Is(HttpStatusCode.OK).Json.AsArray();
            walked.AddRange(page.Select(g => (long)g!["id"]!));
            if (page.Count < 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), walked);
        foreach (var bad in new[] { "?limit=0", "?limit=51", "?limit=ten", "?offset=-1", "?offset=1.5" })
        {
            var refused = (await fixture.GetAsync(Groups(bad), bearer)).Is(HttpStatusCode.BadRequest);
            Assert.NotNull((string?)refused.Json["message"]);
        }

        (await fixture.GetAsync(Groups(""))).Is(HttpStatusCode.Unauthorized);
    }

    private static string Credentials() =>
        new JsonObject { ["username"] = LivePersonDemo.Admin.LoginName, ["password"] = LivePersonDemo.Admin.Password }.ToJsonString();

    private Task<Answer> LoginAsync() =>
        fixture.PostJsonAsync(new Uri(fixture.Emulator.LivePersonBaseUri, $"api/account/{Account}/login?v=1.3"), Credentials());

    private static (string Name, string Value) Bearer(Answer login) => ("Authorization", "Bearer " + (string)login.Json["bearer"]!);
}
