using System.Management.Automation;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Safety;

/// <summary>
/// Every bad input, from the server or from the user, gives one clear error with a stable ErrorId
/// and category, a message that names the problem, bounded time, and no secret in any stream.
/// </summary>
public sealed class BadInputTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0\n";
    private const string List = "Invoke-LitmindRequest 'session/list'";
    private const string Login = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri";
    private const string LoginPath = "/api/v1/session/login";
    private const string FakeSessionId = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed";

    private static readonly Dictionary<string, BadInput> Cases = new BadInput[]
    {
        // The server's answers.
        new("html page with 200", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "HTML page",
            new Fault { StatusCode = 200, Body = "<html><body>Welcome to the proxy</body></html>", ContentType = "text/html" }),
        new("html error page", Connect + List, "Litmind.HttpError", ErrorCategory.InvalidResult, "text/html, not the API's JSON",
            new Fault { StatusCode = 502, Body = "<html><body>Bad gateway</body></html>", ContentType = "text/html" }),
        new("empty body", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "empty body",
            new Fault { StatusCode = 200, Body = string.Empty }),
        new("truncated json", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "not valid JSON",
            new Fault { StatusCode = 200, Body = """{"entity":"SessionList","isSuccess":tr""" }),
        new("malformed json", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "not valid JSON",
            new Fault { StatusCode = 200, Body = "{entity: SessionList, ]" }),
        new("data after the document", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "more data after",
            new Fault { StatusCode = 200, Body = """{"isSuccess":true} {"isSuccess":true}""" }),
        new("truncated array", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "truncated",
            new Fault { StatusCode = 200, Body = """[{"entity":"Model","id":1},""" }),
        new("plain text answer", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "content type text/plain",
            new Fault { StatusCode = 200, Body = "OK", ContentType = "text/plain" }),
        new("huge body", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "larger than 32 MB",
            new Fault { StatusCode = 200, BodySizeBytes = 300L * 1024 * 1024 }),
        new("server never answers", Connect + List + " -TimeoutSec 1", "Litmind.Timeout", ErrorCategory.OperationTimeout, "did not complete within 1 seconds",
            new Fault { NeverAnswer = true }),
        new("redirect to another host", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "redirecting to 'http://evil.test/collect'",
            new Fault { RedirectTo = "http://evil.test/collect?session=1" }),
        new("dropped connection on POST", Connect + "Invoke-LitmindRequest 'castings/501/candidates/240101/shortlist' -Method POST", "Litmind.ConnectionFailed", ErrorCategory.ConnectionError, "could not reach the server",
            new Fault { DropConnection = true, PathPrefix = "/api/v1/castings" }),
        new("server error with envelope", Connect + List, "Litmind.HttpError", ErrorCategory.InvalidResult, "Database is on fire",
            new Fault { StatusCode = 500, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Database is on fire"}""" }),
        new("keys that differ only in case", Connect + List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "key 'Entity' twice",
            new Fault { StatusCode = 200, Body = """{"entity":"SessionList","Entity":"Other","isSuccess":true}""" }),
        new("isSuccess false on 200", Connect + List, "Litmind.HttpError", ErrorCategory.InvalidResult, "Casting quota reached",
            new Fault { StatusCode = 200, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Casting quota reached"}""" }),
        new("session list without accounts", Connect + "Get-LitmindAccount", "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no list of accounts",
            new Fault { StatusCode = 200, Body = """{"entity":"SessionList","isSuccess":true,"errorDescription":null}""" }),
        new("login answers html", Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "HTML page",
            new Fault { StatusCode = 200, Body = "<html>maintenance</html>", ContentType = "text/html", PathPrefix = LoginPath }),
        new("login without isSuccess", Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no isSuccess",
            new Fault { StatusCode = 200, Body = $$"""{"sessionId":"{{FakeSessionId}}"}""", PathPrefix = LoginPath }),
        new("login without profile", Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no profile with a numeric id",
            new Fault { StatusCode = 200, Body = $$"""{"isSuccess":true,"sessionId":"{{FakeSessionId}}"}""", PathPrefix = LoginPath }),
        new("login id not a number", Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no profile with a numeric id",
            new Fault { StatusCode = 200, Body = $$$"""{"isSuccess":true,"sessionId":"{{{FakeSessionId}}}","profile":{"id":"abc"}}""", PathPrefix = LoginPath }),
        new("login without session id", Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no sessionId",
            new Fault { StatusCode = 200, Body = """{"isSuccess":true,"profile":{"id":1}}""", PathPrefix = LoginPath }),
        new("login answers an array", Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "array",
            new Fault { StatusCode = 200, Body = "[]", PathPrefix = LoginPath }),
        new("login server error", Login, "Litmind.LoginFailed", ErrorCategory.InvalidResult, "HTTP 503",
            new Fault { StatusCode = 503, Body = """{"isSuccess":false,"errorDescription":"Down for maintenance"}""", PathPrefix = LoginPath, Count = 10 }),

        // The user's input.
        new("relative base uri", Login.Replace("$BaseUri", "'api/v1'"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "not an absolute http or https URI"),
        new("empty base uri", Login.Replace("$BaseUri", "''"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "not an absolute http or https URI"),
        new("malformed base uri", Login.Replace("$BaseUri", "'http://'"), "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "Invalid URI"),
        new("ftp base uri", Login.Replace("$BaseUri", "'ftp://127.0.0.1/api'"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "scheme 'ftp'"),
        new("base uri with query", Login.Replace("$BaseUri", "'https://litmind.test/api/v1?key=1'"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "must not contain a query"),
        new("plain http to another host", Login.Replace("$BaseUri", "'http://litmind.test/api/v1'"), "Litmind.InsecureTransport", ErrorCategory.InvalidArgument, "-AllowUnencryptedAuthentication"),
        new("absolute path to another host", Connect + "Invoke-LitmindRequest 'https://evil.test/api/v1/session/list'", "Litmind.ForeignHost", ErrorCategory.InvalidArgument, "not under the session's base URI"),
        new("absolute path outside the base uri", Connect + "Invoke-LitmindRequest ($BaseUri -replace 'api/v1/$', '_emulator/counters')", "Litmind.ForeignHost", ErrorCategory.InvalidArgument, "not under the session's base URI"),
        new("path with dot segments", Connect + "Invoke-LitmindRequest 'castings/../../_emulator/counters'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'..' segments"),
        new("path with encoded dot segments", Connect + "Invoke-LitmindRequest 'castings/%2e%2e/session/list'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'..' segments"),
        new("query in path and -Query", Connect + "Invoke-LitmindRequest 'models?page=1' -Query @{ pageSize = 5 }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "already has a query string"),
        new("path with fragment", Connect + "Invoke-LitmindRequest 'models#top'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "fragment"),
        new("blank path", Connect + "Invoke-LitmindRequest '   '", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Path is empty"),
        new("unsupported method", Connect + "Invoke-LitmindRequest 'models' -Method FETCH", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'FETCH' is not supported"),
        new("body on GET", Connect + "Invoke-LitmindRequest 'models' -Body @{ a = 1 }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "cannot be sent with GET"),
        new("self-referencing body", Connect + "$b = @{ name = 'x' }; $b.self = $b; Invoke-LitmindRequest 'castings' -Method POST -Body $b -ContentType 'application/json'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "cannot be sent as JSON"),
        new("secure string in body", Connect + "Invoke-LitmindRequest 'castings' -Method POST -Body ([pscustomobject]@{ secret = $ApiKey })", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "SecureString"),
        new("form content type for an object", Connect + "Invoke-LitmindRequest 'castings' -Method POST -Body ([pscustomobject]@{ a = 1 }) -ContentType 'application/x-www-form-urlencoded'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "only a hashtable"),
        new("user id not in the session", Connect + "Invoke-LitmindRequest 'models' -UserId 240101", "Litmind.UnknownAccount", ErrorCategory.InvalidArgument, "240101 is not logged into this session"),
        new("disconnected session", Connect + "Disconnect-Litmind; Invoke-LitmindRequest 'models' -Session $s", "Litmind.NotConnected", ErrorCategory.ConnectionError, "was disconnected"),
        new("no session", List, "Litmind.NotConnected", ErrorCategory.ConnectionError, "Run Connect-Litmind first"),
        new("-OutFile is a folder", Connect + List + " -OutFile ([System.IO.Path]::GetTempPath())", "Litmind.OutFileNotWritable", ErrorCategory.InvalidArgument, "it is a folder"),
        new("-OutFile in a missing folder", Connect + List + " -OutFile (Join-Path ([System.IO.Path]::GetTempPath()) 'litmind-no-such-folder/list.json')", "Litmind.OutFileNotWritable", ErrorCategory.InvalidArgument, "nothing was sent"),
        new("-OutFile not on the file system", Connect + List + " -OutFile 'Env:/list.json'", "Litmind.OutFileNotWritable", ErrorCategory.InvalidArgument, "not a file-system path"),
        new("-ExpandProperty with -Raw", Connect + List + " -Raw -ExpandProperty items", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ExpandProperty cannot be used with -Raw or -OutFile"),
        new("-ExpandProperty with -OutFile", Connect + List + " -OutFile 'list.json' -ExpandProperty items", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ExpandProperty cannot be used with -Raw or -OutFile"),
        new("-ExpandProperty on an array", Connect + "Invoke-LitmindRequest 'models/featured' -ExpandProperty items", "Litmind.InvalidResponse", ErrorCategory.InvalidData, "not a JSON object"),
        new("-OutFile with -Raw", Connect + List + " -Raw -OutFile 'list.json'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-OutFile and -Raw"),
    }.ToDictionary(c => c.Name);

    private readonly EmulatorFixture fixture;

    public BadInputTests(EmulatorFixture fixture) => this.fixture = fixture;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bad_input_gives_a_clear_error_and_leaks_nothing(string name)
    {
        var bad = Cases[name];
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;
        if (bad.Fault != null)
        {
            state.EnqueueFault(bad.Fault);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ps.Run(bad.Script, verbose: true);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        var error = result.SingleError;
        ErrorAssert.Is(error, bad.ErrorId, bad.Category);
        Assert.Contains(bad.MessagePart, error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        if (bad.ErrorId.StartsWith("Litmind.", StringComparison.Ordinal))
        {
            Assert.NotNull(error.TargetObject);
        }

        Secrets.AssertNoneIn(result.AllText, fixture.Emulator, FakeSessionId);
    }

    [Fact]
    public void There_are_at_least_thirty_cases() => Assert.True(Cases.Count >= 30, $"only {Cases.Count} cases");

    private sealed record BadInput(string Name, string Script, string ErrorId, ErrorCategory Category, string MessagePart, Fault? Fault = null);
}
