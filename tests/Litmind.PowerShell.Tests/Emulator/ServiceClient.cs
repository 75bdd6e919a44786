using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Litmind.Emulator.Cookie;
using Litmind.Emulator.Devise;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.JsonApi;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.RailsToken;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>What a login gave: the headers that authorize calls, and the secret the service's session holds (a handle for expire).</summary>
public sealed record Credential(IReadOnlyList<(string Name, string Value)> Headers, string Secret)
{
    public static Credential Bearer(string token) => new([("Authorization", "Bearer " + token)], token);
}

/// <summary>
/// The smallest client of each emulated service that has a login: log in with a demo account,
/// then make one call that needs the credential. Lets one test cover the controls of every service.
/// </summary>
public sealed class ServiceClient(ServiceEmulatorFixture fixture, string controlName)
{
    /// <summary>The control names of the services with a login, as theory data.</summary>
    public static TheoryData<string> Names { get; } = new("liveperson", "railstoken", "hypernative", "oauth", "devise", "cookie", "jsonapi");

    public ServiceState State => fixture.State.OtherServices.Single(s => s.ControlName == controlName);

    /// <summary>The path of <see cref="CallAsync"/>, relative to the service root.</summary>
    public string CallPath => controlName switch
    {
        "liveperson" => $"api/account/{LivePersonDemo.AccountId}/configuration/le-users/skills",
        "railstoken" => "me",
        "oauth" => "api/things",
        "devise" => "api/me",
        "cookie" => "api/notes",
        "jsonapi" => "articles",
        _ => "api/v2/watchlists",
    };

    /// <summary>Logs in and returns what authorizes calls.</summary>
    public async Task<Credential> LoginAsync()
    {
        var root = RootUri;
        switch (controlName)
        {
            case "liveperson":
                var credentials = new JsonObject { ["username"] = LivePersonDemo.Admin.LoginName, ["password"] = LivePersonDemo.Admin.Password };
                var login = (await fixture.PostJsonAsync(new Uri(root, $"api/account/{LivePersonDemo.AccountId}/login?v=1.3"), credentials.ToJsonString())).Is(HttpStatusCode.OK);
                return Credential.Bearer((string)login.Json["bearer"]!);
            case "railstoken":
                var session = (await fixture.PostFormAsync(new Uri(root, "sessions"), ("email", RailsTokenDemo.Foo.Email), ("password", RailsTokenDemo.Foo.Password))).Is(HttpStatusCode.OK);
                return Credential.Bearer((string)session.Json["auth_token"]!);
            case "oauth":
                var grant = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]);
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(OAuthDemo.Client.ClientId + ":" + OAuthDemo.Client.ClientSecret));
                var token = (await fixture.SendAsync(HttpMethod.Post, new Uri(root, "token"), grant, ("Authorization", "Basic " + basic))).Is(HttpStatusCode.OK);
                return Credential.Bearer((string)token.Json["access_token"]!);
            case "devise":
                var signIn = new JsonObject { ["email"] = DeviseDemo.Ada.Email, ["password"] = DeviseDemo.Ada.Password };
                var signedIn = (await fixture.PostJsonAsync(new Uri(root, "auth/sign_in"), signIn.ToJsonString())).Is(HttpStatusCode.OK);
                string Header(string name) => signedIn.Headers.GetValues(name).Single();
                return new Credential([("access-token", Header("access-token")), ("client", Header("client")), ("uid", Header("uid"))], Header("access-token"));
            case "cookie":
                var welcome = (await fixture.PostFormAsync(new Uri(root, "login"), ("username", CookieDemo.User.Username), ("password", CookieDemo.User.Password))).Is(HttpStatusCode.OK);
                var sid = welcome.SetCookies.Single().Split(';')[0]["sid=".Length..];
                return new Credential([("Cookie", "sid=" + sid)], sid);
            case "jsonapi":
                var attributes = new JsonObject { ["email"] = JsonApiDemo.Author.Email, ["password"] = JsonApiDemo.Author.Password };
                var document = new StringContent(new JsonObject { ["data"] = new JsonObject { ["type"] = "sessions", ["attributes"] = attributes } }.ToJsonString());
                document.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
                var created = (await fixture.SendAsync(HttpMethod.Post, new Uri(root, "sessions"), document)).Is(HttpStatusCode.Created);
                return Credential.Bearer((string)created.Json["data"]!["attributes"]!["token"]!);
            default:
                var body = new JsonObject { ["email"] = HypernativeDemo.Analyst.Email, ["password"] = HypernativeDemo.Analyst.Password };
                var auth = (await fixture.PostJsonAsync(new Uri(root, "auth/login"), body.ToJsonString())).Is(HttpStatusCode.OK);
                return Credential.Bearer((string)auth.Json["data"]!["token"]!);
        }
    }

    public Task<Answer> CallAsync(Credential credential) => fixture.GetAsync(new Uri(RootUri, CallPath), [.. credential.Headers]);

    public Uri Control(string path) => fixture.Control(controlName + "/" + path);

    private Uri RootUri => controlName switch
    {
        "liveperson" => fixture.Emulator.LivePersonBaseUri,
        "railstoken" => fixture.Emulator.RailsTokenBaseUri,
        "oauth" => fixture.Emulator.OAuthBaseUri,
        "devise" => fixture.Emulator.DeviseBaseUri,
        "cookie" => fixture.Emulator.CookieBaseUri,
        "jsonapi" => fixture.Emulator.JsonApiBaseUri,
        _ => fixture.Emulator.HypernativeBaseUri,
    };
}
