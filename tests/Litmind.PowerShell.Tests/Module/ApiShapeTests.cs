using System.Management.Automation;
using System.Text;
using Litmind.Emulator.ApiKeyOnly;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.Services;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// The API shapes admins script beyond the four seeds, each described by a definition written
/// only from docs/services.md, connected and called through the cmdlets against the emulator's
/// service of that shape: OAuth 2.0 client credentials, tokens in response headers (Devise), an
/// API key with no login, a session cookie with CSRF, and JSON:API.
/// </summary>
public sealed class ApiShapeTests : IClassFixture<ServicesFixture>, IDisposable
{
    private const string OAuth = """
        {
          "name": "Things",
          "description": "OAuth 2.0 client credentials: the client id and secret as -Credential, HTTP Basic at the token endpoint, RFC 7009 revocation.",
          "envelope": { "message": [ "error_description", "error" ], "code": "error" },
          "login": {
            "method": "POST",
            "path": "token",
            "basic": { "userName": "{credential.userName}", "password": "{credential.password}" },
            "form": { "grant_type": "client_credentials" },
            "capture": {
              "access": { "body": "access_token" },
              "expiresIn": { "body": "expires_in", "secret": false }
            }
          },
          "lifetime": { "ttl": "expiresIn", "unit": "seconds" },
          "authorize": { "headers": { "Authorization": "Bearer {token.access}" } },
          "logout": {
            "method": "POST",
            "path": "revoke",
            "basic": { "userName": "{credential.userName}", "password": "{credential.password}" },
            "form": { "token": "{token.access}" }
          },
          "expired": [ { "status": 401, "header": { "name": "WWW-Authenticate", "contains": "error=\"invalid_token\"" } } ]
        }
        """;

    private const string Devise = """
        {
          "name": "Team",
          "description": "devise_token_auth: tokens in the sign-in's response headers, sent back as headers; the end in unix seconds.",
          "envelope": { "message": "errors" },
          "login": {
            "method": "POST",
            "path": "auth/sign_in",
            "query": { "empty": "{parameter.empty?}", "html": "{parameter.html?}" },
            "json": { "email": "{credential.userName}", "password": "{credential.password}" },
            "capture": {
              "accessToken": { "header": "access-token" },
              "client": { "header": "client" },
              "uid": { "header": "uid", "secret": false },
              "expiry": { "header": "expiry", "secret": false }
            }
          },
          "parameters": { "empty": { "type": "string" }, "html": { "type": "string" } },
          "lifetime": { "expiresAt": "expiry", "format": "unixSeconds", "refreshAhead": 60 },
          "authorize": { "headers": { "access-token": "{token.accessToken}", "client": "{token.client}", "uid": "{token.uid}" } },
          "logout": {
            "method": "DELETE",
            "path": "auth/sign_out",
            "headers": { "access-token": "{token.accessToken}", "client": "{token.client}", "uid": "{token.uid}" }
          }
        }
        """;

    private const string DeviseAccounts = """
        {
          "name": "TeamAccounts",
          "envelope": { "message": "errors" },
          "login": {
            "method": "POST",
            "path": "auth/sign_in",
            "json": { "email": "{credential.userName}", "password": "{credential.password}" },
            "capture": {
              "accessToken": { "header": "access-token" },
              "client": { "header": "client" },
              "uid": { "header": "uid", "secret": false }
            },
            "account": "data"
          },
          "authorize": { "headers": { "access-token": "{token.accessToken}", "client": "{token.client}", "uid": "{token.uid}" } },
          "accounts": { "id": "uid", "idType": "string", "name": "name", "type": "role", "list": { "path": "api/accounts", "items": "accounts" } }
        }
        """;

    private const string KeyInHeader = """
        {
          "name": "Catalog",
          "secrets": { "key": { "label": "API key", "parameter": "ApiKey" } },
          "envelope": { "message": "error" },
          "keyAuthorize": { "headers": { "X-Api-Key": "{secret.key}" } }
        }
        """;

    private const string KeyInQuery = """
        {
          "name": "CatalogByQuery",
          "secrets": { "key": { "label": "API key", "parameter": "ApiKey" } },
          "envelope": { "message": "error" },
          "keyAuthorize": { "query": { "api_key": "{secret.key}" } }
        }
        """;

    private const string Cookie = """
        {
          "name": "Notes",
          "description": "A web app's session: a form login answering HTML, a sid cookie, a CSRF token in a header.",
          "envelope": { "message": "error" },
          "login": {
            "method": "POST",
            "path": "login",
            "form": { "username": "{credential.userName}", "password": "{credential.password}" },
            "capture": {
              "sid": { "cookie": "sid" },
              "csrf": { "header": "X-CSRF-Token" }
            }
          },
          "authorize": { "cookies": { "sid": "{token.sid}" }, "headers": { "X-CSRF-Token": "{token.csrf}" } },
          "logout": { "method": "POST", "path": "logout", "cookies": { "sid": "{token.sid}" }, "headers": { "X-CSRF-Token": "{token.csrf}" } }
        }
        """;

    private const string JsonApi = """
        {
          "name": "Articles",
          "description": "JSON:API: a session created as a resource, errors as an array of objects.",
          "envelope": { "message": "errors.0.detail", "code": "errors.0.code" },
          "login": {
            "method": "POST",
            "path": "sessions",
            "headers": { "Content-Type": "application/vnd.api+json" },
            "json": { "data": { "type": "sessions", "attributes": { "email": "{credential.userName}", "password": "{credential.password}" } } },
            "capture": {
              "token": { "body": "data.attributes.token" },
              "end": { "body": "data.attributes.expires_at", "secret": false }
            }
          },
          "lifetime": { "expiresAt": "end", "format": "iso8601", "refreshAhead": 120 },
          "authorize": { "headers": { "Authorization": "Bearer {token.token}", "Content-Type": "application/vnd.api+json" } },
          "expired": [ { "code": "token_expired" } ]
        }
        """;

    private readonly ServicesFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-shapes-").FullName;

    public ApiShapeTests(ServicesFixture fixture)
    {
        this.fixture = fixture;
        foreach (var (file, text) in new[] { ("oauth.json", OAuth), ("devise.json", Devise), ("devise-accounts.json", DeviseAccounts), ("key-header.json", KeyInHeader), ("key-query.json", KeyInQuery), ("cookie.json", Cookie), ("jsonapi.json", JsonApi) })
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private ServiceState OAuthState => fixture.State.OAuth;

    private PowerShellRunner NewRunner()
    {
        var ps = fixture.NewRunner();
        ps.Runspace.SessionStateProxy.Path.SetLocation(folder);
        return ps;
    }

    // OAuth 2.0 client credentials

    [Fact]
    public void An_OAuth_client_gets_its_token_with_HTTP_Basic_and_calls_with_the_bearer()
    {
        using var ps = NewRunner();

        var result = ps.Run("""
            $things = Connect-Litmind -Service ./oauth.json -BaseUri $OAuthUri -Credential $OAuthClientCred
            (Invoke-LitmindRequest api/things).things.name
            """).ShouldSucceed();

        Assert.Equal(new[] { "Anvil", "Bellows" }, result.Output.Select(o => o.BaseObject).Take(2));
        var token = OAuthState.RecentRequests.First(r => r.PathAndQuery.EndsWith("/token"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(OAuthDemo.Client.ClientId + ":" + OAuthDemo.Client.ClientSecret)), token.Header("Authorization"));
        var session = Assert.Single(OAuthState.Sessions);
        Assert.Equal("Bearer " + session.Secrets.Values.Single(), OAuthState.RecentRequests.Last().Header("Authorization"));
    }

    /// <summary>Each shape's expiry as its definition states it: a WWW-Authenticate challenge, a bare 401, a JSON:API error code.</summary>
    [Theory]
    [InlineData("oauth.json", "-BaseUri $OAuthUri -Credential $OAuthClientCred", "OAuth", "(Invoke-LitmindRequest api/things).things.Count", 5)]
    [InlineData("cookie.json", "-BaseUri $CookieUri -Credential $CookieCred", "Cookie", "(Invoke-LitmindRequest api/notes).notes.Count", 2)]
    [InlineData("jsonapi.json", "-BaseUri $JsonApiUri -Credential $AuthorCred", "JsonApi", "(Invoke-LitmindRequest articles).data.Count", 3)]
    public void An_expired_session_is_renewed_and_the_call_replayed_as_the_definition_says(string file, string connect, string service, string call, int expected)
    {
        using var ps = NewRunner();
        var state = fixture.State.OtherServices.Single(s => s.Name == service);
        ps.Run($"Connect-Litmind -Service ./{file} {connect} | Out-Null").ShouldSucceed();
        state.ExpireAllSessions();

        var result = ps.Run(call).ShouldSucceed();

        Assert.Equal(expected, result.Output.Single().BaseObject);
        Assert.Equal(2, state.Logins);
    }

    [Fact]
    public void A_401_without_the_invalid_token_challenge_is_a_refusal_not_an_expiry()
    {
        using var ps = NewRunner();
        ps.Run("Connect-Litmind -Service ./oauth.json -BaseUri $OAuthUri -Credential $OAuthClientCred | Out-Null").ShouldSucceed();
        OAuthState.EnqueueFault(new Litmind.Emulator.Fault { StatusCode = 401, Body = """{"error":"insufficient_scope"}""", ContentType = "application/json", PathPrefix = "/oauth/api/things" });

        var error = ps.Run("Invoke-LitmindRequest api/things").SingleError;

        ErrorAssert.Is(error, "Litmind.HttpError", ErrorCategory.AuthenticationError);
        Assert.Equal(1, OAuthState.Logins);
    }

    [Fact]
    public void Disconnect_revokes_the_token_authenticating_the_client_with_the_stored_credential()
    {
        using var ps = NewRunner();

        ps.Run("""
            Connect-Litmind -Service ./oauth.json -BaseUri $OAuthUri -Credential $OAuthClientCred | Out-Null
            Disconnect-Litmind
            """).ShouldSucceed();

        Assert.Equal(1, OAuthState.Logouts);
        var revoke = OAuthState.RecentRequests.Last();
        Assert.EndsWith("/revoke", revoke.PathAndQuery);
        Assert.StartsWith("Basic ", revoke.Header("Authorization"));
    }

    [Fact]
    public void A_session_that_keeps_no_credential_says_so_when_its_revocation_needs_one()
    {
        using var ps = NewRunner();

        var result = ps.Run("""
            Connect-Litmind -Service ./oauth.json -BaseUri $OAuthUri -Credential $OAuthClientCred -NoReconnect | Out-Null
            Disconnect-Litmind -WarningVariable warned -WarningAction SilentlyContinue
            $warned.Message
            """).ShouldSucceed();

        Assert.Contains("-NoReconnect", (string)result.Output.Single().BaseObject);
        Assert.Equal(0, OAuthState.Logouts);
        Assert.DoesNotContain(OAuthState.RecentRequests, r => r.PathAndQuery.EndsWith("/revoke"));
    }

    // Tokens in response headers (devise_token_auth)

    [Theory]
    [InlineData("")]
    [InlineData("-ServiceParameter @{ empty = '1' }")]
    [InlineData("-ServiceParameter @{ html = '1' }")]
    public void Tokens_in_the_sign_ins_headers_log_in_whatever_its_body_holds(string parameters)
    {
        using var ps = NewRunner();

        var result = ps.Run($"""
            Connect-Litmind -Service ./devise.json -BaseUri $DeviseUri -Credential $AdaCred {parameters} | Out-Null
            (Invoke-LitmindRequest api/me).data.name
            """).ShouldSucceed();

        Assert.Equal("Ada Lovelace", result.Output.Single().BaseObject);
        var call = fixture.State.Devise.RecentRequests.Last();
        Assert.Equal("ada@devise.example", call.Header("uid"));
        Assert.False(string.IsNullOrEmpty(call.Header("access-token")));
        fixture.AssertNoSecretIn(result.AllText);
    }

    [Fact]
    public void A_list_of_error_strings_is_the_message()
    {
        using var ps = NewRunner();
        ps.Set("wrong", new PSCredential("ada@devise.example", PowerShellRunner.Secure("not-the-password")));

        var error = ps.Run("Connect-Litmind -Service ./devise.json -BaseUri $DeviseUri -Credential $wrong").SingleError;

        ErrorAssert.Is(error, "Litmind.LoginFailed", ErrorCategory.AuthenticationError);
        Assert.Contains("Invalid login credentials. Please try again.", error.Exception.Message);
    }

    [Fact]
    public void Accounts_with_string_ids_are_listed_and_acted_as_by_their_id()
    {
        using var ps = NewRunner();

        var result = ps.Run("""
            $team = Connect-Litmind -Service ./devise-accounts.json -BaseUri $DeviseUri -Credential $AdaCred
            $team.UserId
            $accounts = Get-LitmindAccount
            $accounts.Id
            $accounts[1].Id -is [string]
            (Invoke-LitmindRequest api/me -UserId 'grace@devise.example').data.name
            """).ShouldSucceed();

        Assert.Equal(new object[] { "ada@devise.example", "ada@devise.example", "grace@devise.example", true, "Ada Lovelace" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_user_id_the_session_does_not_know_is_refused_before_anything_is_sent()
    {
        using var ps = NewRunner();
        ps.Run("Connect-Litmind -Service ./devise-accounts.json -BaseUri $DeviseUri -Credential $AdaCred | Out-Null").ShouldSucceed();
        long before = fixture.State.Devise.Requests;

        var error = ps.Run("Invoke-LitmindRequest api/me -UserId 42").SingleError;

        ErrorAssert.Is(error, "Litmind.UnknownAccount", ErrorCategory.InvalidArgument);
        Assert.Equal(before, fixture.State.Devise.Requests);
    }

    // An API key and no login

    [Theory]
    [InlineData("key-header.json", "keyInHeader")]
    [InlineData("key-query.json", "keyInQuery")]
    public void An_API_key_alone_connects_and_goes_where_the_definition_puts_it(string file, string tally)
    {
        using var ps = NewRunner();

        var result = ps.Run("$catalog = Connect-Litmind -Service ./" + file + """
             -BaseUri $ApiKeyUri -ApiKey $DemoApiKey
            (Invoke-LitmindRequest items -Query @{ api_key = 'mine' }).items.Count
            """).ShouldSucceed();

        Assert.Equal(12, result.Output.Single().BaseObject);
        Assert.Equal(1, fixture.State.ApiKeyService.Tally(tally));
        Assert.Equal(0, fixture.State.ApiKeyService.Tally("keyRefused"));
    }

    [Fact]
    public void A_key_in_the_query_is_masked_in_verbose_output_and_errors()
    {
        using var ps = NewRunner();
        fixture.State.ApiKeyService.EnqueueFault(new Litmind.Emulator.Fault { StatusCode = 500, Body = """{"error":"boom"}""", ContentType = "application/json", PathPrefix = "/apikey/items" });

        var result = ps.Run("""
            Connect-Litmind -Service ./key-query.json -BaseUri $ApiKeyUri -ApiKey $DemoApiKey | Out-Null
            Invoke-LitmindRequest items -MaximumRetryCount 0 -Verbose
            """, verbose: true);

        Assert.Single(result.AllErrors);
        Assert.NotEmpty(result.Verbose);
        Assert.Contains("api_key=", fixture.State.ApiKeyService.RecentRequests.Last().PathAndQuery);
        Assert.DoesNotContain(ApiKeyDemo.Key, result.AllText + string.Join("\n", result.AllErrors.Select(e => e.Exception.ToString())));
    }

    [Fact]
    public void A_key_mode_connect_without_its_key_fails_before_anything_is_sent()
    {
        using var ps = NewRunner();

        var error = ps.Run("Connect-Litmind -Service ./key-header.json -BaseUri $ApiKeyUri").SingleError;

        Assert.Equal("Litmind.MissingApiKey", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(0, fixture.State.ApiKeyService.Requests);
    }

    // A session cookie with CSRF

    [Fact]
    public void A_cookie_session_with_a_csrf_header_logs_in_from_an_HTML_answer_and_writes()
    {
        using var ps = NewRunner();

        var result = ps.Run("""
            Connect-Litmind -Service ./cookie.json -BaseUri $CookieUri -Credential $CookieCred | Out-Null
            (Invoke-LitmindRequest api/notes).notes.Count
            (Invoke-LitmindRequest api/notes -Method Post -Body @{ text = 'Book the van' } -ContentType json).id
            Disconnect-Litmind
            """).ShouldSucceed();

        Assert.Equal(new object[] { 2, 3L }, result.Output.Select(o => o.BaseObject));
        var cookie = fixture.State.Cookie;
        var session = Assert.Single(cookie.Sessions);
        var write = cookie.RecentRequests.Single(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/api/notes"));
        Assert.Equal("sid=" + session.Secrets["sid"], write.Header("Cookie"));
        Assert.Equal(session.Secrets["csrf"], write.Header("X-CSRF-Token"));
        Assert.Equal(1, cookie.Logouts);
        fixture.AssertNoSecretIn(result.AllText);
    }

    // JSON:API

    [Fact]
    public void JSON_API_bodies_go_as_its_media_type_from_the_login_to_every_write()
    {
        using var ps = NewRunner();

        var result = ps.Run("""
            Connect-Litmind -Service ./jsonapi.json -BaseUri $JsonApiUri -Credential $AuthorCred | Out-Null
            (Invoke-LitmindRequest articles).data.Count
            $new = @{ data = @{ type = 'articles'; attributes = @{ title = 'Paging in PowerShell' } } }
            (Invoke-LitmindRequest articles -Method Post -Body $new).data.attributes.title
            """).ShouldSucceed();

        Assert.Equal(new object[] { 3, "Paging in PowerShell" }, result.Output.Select(o => o.BaseObject));
        var requests = fixture.State.JsonApi.RecentRequests;
        Assert.Equal("application/vnd.api+json", requests.First().Header("Content-Type"));
        Assert.Equal("application/vnd.api+json", requests.Last().Header("Content-Type"));
        Assert.Null(requests.Single(r => r.Method == "GET").Header("Content-Type"));
    }

    [Fact]
    public void A_JSON_API_error_reads_its_first_detail_and_code()
    {
        using var ps = NewRunner();

        var error = ps.Run("""
            Connect-Litmind -Service ./jsonapi.json -BaseUri $JsonApiUri -Credential $AuthorCred | Out-Null
            Invoke-LitmindRequest articles -Method Post -Body @{ data = @{ type = 'articles'; attributes = @{ title = '' } } }
            """).SingleError;

        Assert.Contains("Title can't be blank.", error.Exception.Message);
        Assert.Equal("blank", ((dynamic)error.Exception).ServerErrorCode);
    }

    /// <summary>Absolute ends, each in its format: Devise's expiry header in unix seconds (two weeks), JSON:API's expires_at in ISO 8601 (a day).</summary>
    [Theory]
    [InlineData("devise.json", "-BaseUri $DeviseUri -Credential $AdaCred", "Devise", "api/me", 14 * 24)]
    [InlineData("jsonapi.json", "-BaseUri $JsonApiUri -Credential $AuthorCred", "JsonApi", "articles", 24)]
    public void The_end_an_answer_states_renews_the_session_ahead_of_it(string file, string connect, string service, string path, int lifetimeHours)
    {
        using var ps = NewRunner();
        var state = fixture.State.OtherServices.Single(s => s.Name == service);
        ps.Run($"Connect-Litmind -Service ./{file} {connect} | Out-Null").ShouldSucceed();

        fixture.Clock.Advance(TimeSpan.FromHours(lifetimeHours) - TimeSpan.FromSeconds(30));
        ps.Run($"Invoke-LitmindRequest {path} | Out-Null").ShouldSucceed();
        ps.WaitFor("(Get-LitmindSession).ReconnectCount", 1, "the session renewed ahead of the end its login stated");

        Assert.Equal(2, state.Logins);
    }
}
