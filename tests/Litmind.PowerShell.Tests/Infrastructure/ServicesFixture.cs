using System.Management.Automation;
using Litmind.Emulator;
using Litmind.Emulator.ApiKeyOnly;
using Litmind.Emulator.Cookie;
using Litmind.Emulator.Devise;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.JsonApi;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.RailsToken;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Emulator;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// One emulator per test class for the services other than Litmind, on a manual clock that the
/// module's sessions share: a test moves time for both instead of waiting for a TTL or a JWT's exp.
/// Scripts see each service's root ($LivePersonUri, $RailsTokenUri, $HypernativeUri), the
/// LivePerson account ($LivePersonAccount) and one PSCredential per demo user ($LpAdminCred,
/// $LpAgentCred, $FooCred, $OpsCred, $AnalystCred, $AdminCred), and the Hypernative API key
/// ($ClientId, $ClientSecret as a SecureString). For the API shapes user definitions describe:
/// the roots $OAuthUri, $DeviseUri, $ApiKeyUri, $CookieUri and $JsonApiUri, the OAuth client as
/// $OAuthClientCred, $AdaCred and $GraceCred (Devise), $CookieCred, $AuthorCred (JSON:API) and the
/// API key as $DemoApiKey (a SecureString).
/// </summary>
public sealed class ServicesFixture : IAsyncLifetime
{
    public ManualClock Clock { get; } = new();

    public LitmindEmulator Emulator { get; private set; } = null!;

    public EmulatorState State => Emulator.State;

    public async Task InitializeAsync() => Emulator = await LitmindEmulator.StartAsync(new EmulatorOptions { TimeProvider = Clock });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Every service of the emulator back to its start, for the next test.</summary>
    public void Reset() => State.Reset();

    /// <summary>A fresh runspace on the emulator's clock, every service of the emulator reset.</summary>
    public PowerShellRunner NewRunner()
    {
        Reset();
        var ps = new PowerShellRunner(Emulator);
        SessionStore.For(ps.Runspace).UtcNow = Clock.GetUtcNow;
        ps.Set("LivePersonUri", Emulator.LivePersonBaseUri.ToString());
        ps.Set("RailsTokenUri", Emulator.RailsTokenBaseUri.ToString());
        ps.Set("HypernativeUri", Emulator.HypernativeBaseUri.ToString());
        ps.Set("LivePersonAccount", LivePersonDemo.AccountId);
        ps.Set("LpAdminCred", Credential(LivePersonDemo.Admin.LoginName, LivePersonDemo.Admin.Password));
        ps.Set("LpAgentCred", Credential(LivePersonDemo.Agent.LoginName, LivePersonDemo.Agent.Password));
        ps.Set("FooCred", Credential(RailsTokenDemo.Foo.Email, RailsTokenDemo.Foo.Password));
        ps.Set("OpsCred", Credential(RailsTokenDemo.Ops.Email, RailsTokenDemo.Ops.Password));
        ps.Set("AnalystCred", Credential(HypernativeDemo.Analyst.Email, HypernativeDemo.Analyst.Password));
        ps.Set("AdminCred", Credential(HypernativeDemo.Admin.Email, HypernativeDemo.Admin.Password));
        ps.Set("ClientId", HypernativeDemo.ApiKey.ClientId);
        ps.Set("ClientSecret", PowerShellRunner.Secure(HypernativeDemo.ApiKey.ClientSecret));
        ps.Set("OAuthUri", Emulator.OAuthBaseUri.ToString());
        ps.Set("DeviseUri", Emulator.DeviseBaseUri.ToString());
        ps.Set("ApiKeyUri", Emulator.ApiKeyBaseUri.ToString());
        ps.Set("CookieUri", Emulator.CookieBaseUri.ToString());
        ps.Set("JsonApiUri", Emulator.JsonApiBaseUri.ToString());
        ps.Set("OAuthClientCred", Credential(OAuthDemo.Client.ClientId, OAuthDemo.Client.ClientSecret));
        ps.Set("AdaCred", Credential(DeviseDemo.Ada.Email, DeviseDemo.Ada.Password));
        ps.Set("GraceCred", Credential(DeviseDemo.Grace.Email, DeviseDemo.Grace.Password));
        ps.Set("CookieCred", Credential(CookieDemo.User.Username, CookieDemo.User.Password));
        ps.Set("AuthorCred", Credential(JsonApiDemo.Author.Email, JsonApiDemo.Author.Password));
        ps.Set("DemoApiKey", PowerShellRunner.Secure(ApiKeyDemo.Key));
        return ps;
    }

    /// <summary>A second runspace on the same clock, as a job the session is handed to; the emulator is not reset.</summary>
    public PowerShellRunner NewJobRunner()
    {
        var ps = new PowerShellRunner(Emulator);
        SessionStore.For(ps.Runspace).UtcNow = Clock.GetUtcNow;
        return ps;
    }

    /// <summary>Fails when any secret of any service appears in <paramref name="text"/>: passwords, the client secret, and every bearer, csrf, cookie, JWT and token issued.</summary>
    public void AssertNoSecretIn(string text) => SecretScan.AssertNoneIn(text, Emulator, [.. OtherServicesSecrets()]);

    /// <summary>As <see cref="AssertNoSecretIn"/>, and no secret in the encodings serializers use for SecureStrings either.</summary>
    public void AssertNoSecretInAnyForm(string text)
    {
        AssertNoSecretIn(text);
        foreach (var secret in OtherServicesSecrets().Append(Emulator.ApiKey).Concat(State.Sessions.Select(s => s.SessionId)))
        {
            SecretScan.AssertNoForm(text, secret);
        }
    }

    private IEnumerable<string> OtherServicesSecrets()
    {
        var secrets = new List<string> { HypernativeDemo.ApiKey.ClientSecret, OAuthDemo.Client.ClientSecret, ApiKeyDemo.Key, CookieDemo.User.Password, JsonApiDemo.Author.Password };
        secrets.AddRange(DeviseDemo.Users.Select(u => u.Password));
        secrets.AddRange(LivePersonDemo.Users.Select(u => u.Password));
        secrets.AddRange(RailsTokenDemo.Users.Select(u => u.Password));
        secrets.AddRange(HypernativeDemo.Users.Select(u => u.Password));
        secrets.AddRange(State.OtherServices.SelectMany(service => service.Sessions).SelectMany(session => session.Secrets.Values));
        return secrets;
    }

    private static PSCredential Credential(string userName, string password) => new(userName, PowerShellRunner.Secure(password));
}
