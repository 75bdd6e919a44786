using System.Net;
using System.Text.Json.Nodes;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.RailsToken;
using Litmind.Emulator.Services;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>
/// The smallest client of each emulated service: log in with a demo account, then make one call
/// that needs the credential. Lets one test cover the controls of every service.
/// </summary>
public sealed class ServiceClient(ServiceEmulatorFixture fixture, string controlName)
{
    /// <summary>The services' control names, as theory data.</summary>
    public static TheoryData<string> Names { get; } = new("liveperson", "railstoken", "hypernative");

    public ServiceState State => fixture.State.OtherServices.Single(s => s.ControlName == controlName);

    /// <summary>The path of <see cref="CallAsync"/>, relative to the service root.</summary>
    public string CallPath => controlName switch
    {
        "liveperson" => $"api/account/{LivePersonDemo.AccountId}/configuration/le-users/skills",
        "railstoken" => "me",
        _ => "api/v2/watchlists",
    };

    /// <summary>Logs in and returns the header that authorizes calls.</summary>
    public async Task<(string Name, string Value)> LoginAsync()
    {
        var root = RootUri;
        string token;
        switch (controlName)
        {
            case "liveperson":
                var credentials = new JsonObject { ["username"] = LivePersonDemo.Admin.LoginName, ["password"] = LivePersonDemo.Admin.Password };
                var login = (await fixture.PostJsonAsync(new Uri(root, $"api/account/{LivePersonDemo.AccountId}/login?v=1.3"), credentials.ToJsonString())).Is(HttpStatusCode.OK);
                token = (string)login.Json["bearer"]!;
                break;
            case "railstoken":
                var session = (await fixture.PostFormAsync(new Uri(root, "sessions"), ("email", RailsTokenDemo.Foo.Email), ("password", RailsTokenDemo.Foo.Password))).Is(HttpStatusCode.OK);
                token = (string)session.Json["auth_token"]!;
                break;
            default:
                var body = new JsonObject { ["email"] = HypernativeDemo.Analyst.Email, ["password"] = HypernativeDemo.Analyst.Password };
                var auth = (await fixture.PostJsonAsync(new Uri(root, "auth/login"), body.ToJsonString())).Is(HttpStatusCode.OK);
                token = (string)auth.Json["data"]!["token"]!;
                break;
        }

        return ("Authorization", "Bearer " + token);
    }

    public Task<Answer> CallAsync((string Name, string Value) authorization) => fixture.GetAsync(new Uri(RootUri, CallPath), authorization);

    public Uri Control(string path) => fixture.Control(controlName + "/" + path);

    private Uri RootUri => controlName switch
    {
        "liveperson" => fixture.Emulator.LivePersonBaseUri,
        "railstoken" => fixture.Emulator.RailsTokenBaseUri,
        _ => fixture.Emulator.HypernativeBaseUri,
    };
}
