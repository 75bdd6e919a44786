using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The test controls every emulated service shares, in-process and under <c>/_emulator/{service}/</c>.</summary>
public sealed class ServiceControlTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public ServiceControlTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Counters_and_recorded_requests_are_kept_per_service_until_reset(string service)
    {
        var client = new ServiceClient(fixture, service);
        var credential = await client.LoginAsync();
        (await client.CallAsync(credential)).Is(HttpStatusCode.OK);

        var counters = (await fixture.GetAsync(client.Control("counters"))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(
            ["logins", "loginAttempts", "refreshes", "logouts", "requests", "pendingFaults", "sessionLifetimeSeconds", "paths", "tallies"],
            counters.AsObject().Select(p => p.Key));
        Assert.Equal((1, 1, 2), ((long)counters["logins"]!, (long)counters["loginAttempts"]!, (long)counters["requests"]!));
        Assert.Equal(1, (long)counters["paths"]![client.State.RootPath + client.CallPath]!);
        Assert.Equal(1, client.State.RequestCount(client.CallPath));
        var last = (await fixture.GetAsync(client.Control("requests"))).Is(HttpStatusCode.OK).Json.AsArray().Last()!;
        var (name, value) = credential.Headers[0];
        Assert.Equal(value, (string)last["headers"]![name]!);
        Assert.Equal(value, client.State.RecentRequests[^1].Header(name));
        Assert.Equal(fixture.Emulator.RootUri.Authority, (string)last["authority"]!);
        Assert.Equal(fixture.Emulator.RootUri.Authority, client.State.RecentRequests[^1].Authority);
        Assert.Equal(0, fixture.State.Requests);
        Assert.All(fixture.State.OtherServices.Where(s => s != client.State), s => Assert.Equal(0, s.Requests));

        (await fixture.SendAsync(HttpMethod.Post, client.Control("reset"))).Is(HttpStatusCode.OK);

        Assert.Equal((0, 0, 0), (client.State.Logins, client.State.LoginAttempts, client.State.Requests));
        Assert.Empty(client.State.Sessions);
        Assert.Empty(client.State.RecentRequests);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Expire_over_http_refuses_the_credential_with_the_status_asked_for(string service)
    {
        var client = new ServiceClient(fixture, service);
        var credential = await client.LoginAsync();

        var expired = (await fixture.SendAsync(HttpMethod.Post, client.Control("expire?status=419"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(1, (int)expired["expired"]!);
        Assert.Equal((HttpStatusCode)419, (await client.CallAsync(credential)).Status);
        var secret = Uri.EscapeDataString(credential.Secret);
        Assert.Equal(1, (int)(await fixture.SendAsync(HttpMethod.Post, client.Control("expire?sessionId=" + secret))).Is(HttpStatusCode.OK).Json["expired"]!);
        (await fixture.SendAsync(HttpMethod.Post, client.Control("expire?sessionId=" + client.State.Sessions[0].Id))).Is(HttpStatusCode.OK);
        (await fixture.SendAsync(HttpMethod.Post, client.Control("expire?sessionId=unknown"))).Is(HttpStatusCode.NotFound);
        (await fixture.SendAsync(HttpMethod.Post, client.Control("expire?status=99"))).Is(HttpStatusCode.BadRequest);

        var fresh = await client.LoginAsync();
        (await client.CallAsync(fresh)).Is(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Faults_over_http_hit_only_their_own_service_and_spare_login(string service)
    {
        var client = new ServiceClient(fixture, service);
        var body = new StringContent("""{"statusCode":503,"count":2}""", Encoding.UTF8, "application/json");
        (await fixture.SendAsync(HttpMethod.Post, client.Control("faults"), body)).Is(HttpStatusCode.OK);
        Assert.Equal(2, client.State.PendingFaults);
        Assert.Equal(0, fixture.State.PendingFaults);

        var credential = await client.LoginAsync();
        (await client.CallAsync(credential)).Is(HttpStatusCode.ServiceUnavailable);

        var cleared = (await fixture.SendAsync(HttpMethod.Delete, client.Control("faults"))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(0, (int)cleared["pendingFaults"]!);
        (await client.CallAsync(credential)).Is(HttpStatusCode.OK);
        var unknownField = new StringContent("""{"status":503}""", Encoding.UTF8, "application/json");
        (await fixture.SendAsync(HttpMethod.Post, client.Control("faults"), unknownField)).Is(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_lifetime_control_shortens_the_sessions_issued_afterwards(string service)
    {
        var client = new ServiceClient(fixture, service);
        var before = await client.LoginAsync();

        var set = (await fixture.SendAsync(HttpMethod.Post, client.Control("lifetime?seconds=2.5"))).Is(HttpStatusCode.OK).Json;
        Assert.Equal(2.5, (double)set["sessionLifetimeSeconds"]!);
        var after = await client.LoginAsync();
        var session = client.State.Sessions[^1];
        Assert.InRange(session.ExpiresAt - session.IssuedAt, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3.5));

        fixture.Clock.Advance(TimeSpan.FromSeconds(4));
        (await client.CallAsync(after)).Is(HttpStatusCode.Unauthorized);
        (await client.CallAsync(before)).Is(HttpStatusCode.OK);

        foreach (var bad in new[] { "0", "-1", "abc", "", "1e9", "NaN", "31622401", "99999999999999999999" })
        {
            (await fixture.SendAsync(HttpMethod.Post, client.Control("lifetime?seconds=" + bad))).Is(HttpStatusCode.BadRequest);
        }

        client.State.Reset();
        Assert.Equal(client.State.DefaultSessionLifetime, client.State.SessionLifetime);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_sessions_control_lists_what_each_client_received(string service)
    {
        var client = new ServiceClient(fixture, service);
        var credential = await client.LoginAsync();

        var session = Assert.Single((await fixture.GetAsync(client.Control("sessions"))).Is(HttpStatusCode.OK).Json.AsArray())!;

        Assert.Equal("s1", (string)session["id"]!);
        Assert.False((bool)session["isExpired"]!);
        Assert.Contains(credential.Secret, session["secrets"]!.AsObject().Select(p => (string)p.Value!));
    }

    [Fact]
    public async Task Resetting_the_emulator_resets_every_service()
    {
        foreach (var service in ServiceClient.Names)
        {
            var client = new ServiceClient(fixture, service);
            await client.LoginAsync();
            client.State.SessionLifetime = TimeSpan.FromSeconds(5);
            client.State.ExpiredSessionStatusCode = 440;
        }

        (await fixture.SendAsync(HttpMethod.Post, fixture.Control("reset"))).Is(HttpStatusCode.OK);

        Assert.All(fixture.State.OtherServices, s =>
        {
            Assert.Equal((0, 0), (s.Logins, s.Requests));
            Assert.Empty(s.Sessions);
            Assert.Equal(s.DefaultSessionLifetime, s.SessionLifetime);
            Assert.Equal(401, s.ExpiredSessionStatusCode);
        });
    }

    [Fact]
    public async Task Litmind_controls_keep_their_shape()
    {
        var counters = (await fixture.GetAsync(fixture.Control("counters"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(
            ["logins", "loginAttempts", "requests", "connections", "requestsWithApiKey", "requestsWithSessionId", "pendingFaults", "paths"],
            counters.AsObject().Select(p => p.Key));
        var form = new FormUrlEncodedContent([KeyValuePair.Create("emailOrUsername", "nobody"), KeyValuePair.Create("password", "x")]);
        var login = await fixture.SendAsync(HttpMethod.Post, new Uri(fixture.Emulator.BaseUri, "session/login"), form, ("X-Key", fixture.Emulator.ApiKey));
        Assert.Equal("Error", (string)login.Is(HttpStatusCode.OK).Json["entity"]!);
        Assert.Equal(0, fixture.State.OtherServices.Sum(s => s.Requests));
    }

    [Fact]
    public void Lifetime_and_status_settings_validate_their_values()
    {
        var service = fixture.State.LivePerson;

        Assert.Throws<ArgumentOutOfRangeException>(() => service.SessionLifetime = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => service.SessionLifetime = TimeSpan.FromDays(400));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.ExpiredSessionStatusCode = 99);
        Assert.Throws<ArgumentOutOfRangeException>(() => service.ExpireAllSessions(600));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.EnqueueFault(new Fault { Count = 0 }));
    }

    public static TheoryData<string> Services => ServiceClient.Names;
}
