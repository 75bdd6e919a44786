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
    private const string Connected = "$s = Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0";
    private const string None = "";
    private const string List = "Invoke-LitmindRequest 'session/list'";
    private const string Login = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri";
    private const string LoginPath = "/api/v1/session/login";
    private const string FakeSessionId = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed";
    private const string Invoke = "Invoke-LitmindRequest";
    private const string ConnectCmd = "Connect-Litmind";

    // Each row: a setup that must succeed, the bad step, what it must report, how many API requests
    // the step may make (0: refused before anything is sent) and the parameter it feeds a bad value.
    private static readonly Dictionary<string, BadInput> Cases = new BadInput[]
    {
        // The server's answers.
        new("html page with 200", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "HTML page", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = "<html><body>Welcome to the proxy</body></html>", ContentType = "text/html" }),
        new("html error page", Connected, List + " -MaximumRetryCount 0", "Litmind.HttpError", ErrorCategory.InvalidResult, "text/html, not the API's JSON", Sent: 1,
            Fault: new Fault { StatusCode = 502, Body = "<html><body>Bad gateway</body></html>", ContentType = "text/html" }),
        new("empty body", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "empty body", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = string.Empty }),
        new("truncated json", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "not valid JSON", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"entity":"SessionList","isSuccess":tr""" }),
        new("malformed json", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "not valid JSON", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = "{entity: SessionList, ]" }),
        new("data after the document", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "more data after", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"isSuccess":true} {"isSuccess":true}""" }),
        new("truncated array", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "truncated", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """[{"entity":"Model","id":1},""" }),
        new("plain text answer", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "content type text/plain", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = "OK", ContentType = "text/plain" }),
        new("huge body", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "larger than 32 MB", Sent: 1,
            Fault: new Fault { StatusCode = 200, BodySizeBytes = 300L * 1024 * 1024 }),
        new("server never answers", Connected, List + " -TimeoutSec 1", "Litmind.Timeout", ErrorCategory.OperationTimeout, "did not complete within 1 seconds", Sent: 1,
            Fault: new Fault { NeverAnswer = true }),
        new("redirect to another host", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "redirecting to 'http://evil.test/collect'", Sent: 1,
            Fault: new Fault { RedirectTo = "http://evil.test/collect?session=1" }),
        new("dropped connection on POST", Connected, "Invoke-LitmindRequest 'castings/501/candidates/240101/shortlist' -Method POST", "Litmind.ConnectionFailed", ErrorCategory.ConnectionError, "could not reach the server", Sent: 1,
            Fault: new Fault { DropConnection = true, PathPrefix = "/api/v1/castings" }),
        new("server error with envelope", Connected, List, "Litmind.HttpError", ErrorCategory.InvalidResult, "Database is on fire", Sent: 1,
            Fault: new Fault { StatusCode = 500, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Database is on fire"}""" }),
        new("isSuccess false on 200", Connected, List, "Litmind.HttpError", ErrorCategory.InvalidResult, "Casting quota reached", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"entity":"Error","isSuccess":false,"errorDescription":"Casting quota reached"}""" }),
        new("json nested deeper than ConvertFrom-Json reads", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "nested deeper than 1024 levels", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = string.Concat(Enumerable.Repeat("{\"a\":", 1100)) + "1" + new string('}', 1100) }),
        // Kestrel answers 414 before the API counts the request.
        new("path too long for the server", Connected, "Invoke-LitmindRequest ('models/' + 'x' * 100000)", "Litmind.HttpError", ErrorCategory.NotSpecified, "HTTP 414"),
        new("keys that differ only in case", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "'name' and 'Name'", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"entity":"Profile","name":"lower","Name":"Upper"}""" }),
        new("keys that differ only in case in a streamed element", Connected, List, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "at '[1]'", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """[{"id":1},{"id":2,"ID":3}]""" }),
        new("session list without accounts", Connected, "Get-LitmindAccount", "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no list of accounts", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"entity":"SessionList","isSuccess":true,"errorDescription":null}""" }),
        new("login answers html", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "HTML page", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = "<html>maintenance</html>", ContentType = "text/html", PathPrefix = LoginPath }),
        new("login without isSuccess", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no isSuccess", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = $$"""{"sessionId":"{{FakeSessionId}}"}""", PathPrefix = LoginPath }),
        new("login without profile", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no profile with a numeric id", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = $$"""{"isSuccess":true,"sessionId":"{{FakeSessionId}}"}""", PathPrefix = LoginPath }),
        new("login id not a number", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no profile with a numeric id", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = $$$"""{"isSuccess":true,"sessionId":"{{{FakeSessionId}}}","profile":{"id":"abc"}}""", PathPrefix = LoginPath }),
        new("login without session id", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no sessionId", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"isSuccess":true,"profile":{"id":1}}""", PathPrefix = LoginPath }),
        new("login answers an array", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "array", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = "[]", PathPrefix = LoginPath }),
        new("login answers a session id with a line break", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "cannot be sent in a header", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"isSuccess":true,"sessionId":"abc\r\nX-UserId: 240101","profile":{"id":138829}}""", PathPrefix = LoginPath }),
        new("login answers a session id with a control character", None, Login, "Litmind.InvalidResponse", ErrorCategory.InvalidData, "cannot be sent in a header", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"isSuccess":true,"sessionId":"abc\u0007def","profile":{"id":138829}}""", PathPrefix = LoginPath }),
        new("login server error", None, Login, "Litmind.LoginFailed", ErrorCategory.InvalidResult, "HTTP 503", Sent: 4,
            Fault: new Fault { StatusCode = 503, Body = """{"isSuccess":false,"errorDescription":"Down for maintenance"}""", PathPrefix = LoginPath, Count = 10 }),

        // The user's input: refused before anything is sent.
        new("relative base uri", None, Login.Replace("$BaseUri", "'api/v1'"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "not an absolute http or https URI", Covers: ConnectCmd + " -BaseUri"),
        new("empty base uri", None, Login.Replace("$BaseUri", "''"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "not an absolute http or https URI", Covers: ConnectCmd + " -BaseUri"),
        new("malformed base uri", None, Login.Replace("$BaseUri", "'http://'"), "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "Invalid URI", Covers: ConnectCmd + " -BaseUri"),
        new("ftp base uri", None, Login.Replace("$BaseUri", "'ftp://127.0.0.1/api'"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "scheme 'ftp'", Covers: ConnectCmd + " -BaseUri"),
        new("base uri with query", None, Login.Replace("$BaseUri", "'https://litmind.test/api/v1?key=1'"), "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "must not contain a query", Covers: ConnectCmd + " -BaseUri"),
        new("plain http to another host", None, Login.Replace("$BaseUri", "'http://litmind.test/api/v1'"), "Litmind.InsecureTransport", ErrorCategory.InvalidArgument, "-AllowUnencryptedAuthentication", Covers: ConnectCmd + " -BaseUri"),
        new("absolute path to another host", Connected, "Invoke-LitmindRequest 'https://evil.test/api/v1/session/list'", "Litmind.ForeignHost", ErrorCategory.InvalidArgument, "not under the session's base URI", Covers: Invoke + " -Path"),
        new("absolute path outside the base uri", Connected, "Invoke-LitmindRequest ($BaseUri -replace 'api/v1/$', '_emulator/counters')", "Litmind.ForeignHost", ErrorCategory.InvalidArgument, "not under the session's base URI", Covers: Invoke + " -Path"),
        new("path with dot segments", Connected, "Invoke-LitmindRequest 'castings/../../_emulator/counters'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'..' segments", Covers: Invoke + " -Path"),
        new("path with encoded dot segments", Connected, "Invoke-LitmindRequest 'castings/%2e%2e/session/list'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'..' segments", Covers: Invoke + " -Path"),
        new("query in path and -Query", Connected, "Invoke-LitmindRequest 'models?page=1' -Query @{ pageSize = 5 }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "already has a query string", Covers: Invoke + " -Query"),
        new("path with fragment", Connected, "Invoke-LitmindRequest 'models#top'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "fragment", Covers: Invoke + " -Path"),
        new("blank path", Connected, "Invoke-LitmindRequest '   '", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Path is empty", Covers: Invoke + " -Path"),
        new("unsupported method", Connected, "Invoke-LitmindRequest 'models' -Method FETCH", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'FETCH' is not supported", Covers: Invoke + " -Method"),
        new("body on GET", Connected, "Invoke-LitmindRequest 'models' -Body @{ a = 1 }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "cannot be sent with GET", Covers: Invoke + " -Body"),
        new("self-referencing body", Connected, "$b = @{ name = 'x' }; $b.self = $b; Invoke-LitmindRequest 'castings' -Method POST -Body $b -ContentType 'application/json'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "cannot be sent as JSON", Covers: Invoke + " -Body"),
        new("secure string in body", Connected, "Invoke-LitmindRequest 'castings' -Method POST -Body ([pscustomobject]@{ secret = $ApiKey })", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "SecureString", Covers: Invoke + " -Body"),
        new("form content type for an object", Connected, "Invoke-LitmindRequest 'castings' -Method POST -Body ([pscustomobject]@{ a = 1 }) -ContentType 'application/x-www-form-urlencoded'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "only a hashtable", Covers: Invoke + " -ContentType"),
        new("closed stream as body", Connected, "$stream = [System.IO.MemoryStream]::new([byte[]](1, 2)); $stream.Dispose(); Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $stream", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Body stream cannot be read", Covers: Invoke + " -Body"),
        new("missing file as body", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -Body ([System.IO.FileInfo]'/litmind-no-such-folder/photo.jpg')", "Litmind.InFileNotReadable", ErrorCategory.InvalidArgument, "it does not exist", Covers: Invoke + " -Body"),
        new("stream that cannot seek, needed again by a retry", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -Body ([Litmind.PowerShell.Tests.Infrastructure.GeneratedStream]::new(10))", "Litmind.BodyNotReplayable", ErrorCategory.InvalidArgument, "cannot seek back", Sent: 1,
            Fault: new Fault { StatusCode = 503, PathPrefix = "/api/v1/_emulator/echo" }),
        new("-InFile that does not exist", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -InFile 'litmind-no-such-file.bin'", "Litmind.InFileNotReadable", ErrorCategory.InvalidArgument, "it does not exist", Covers: Invoke + " -InFile"),
        new("-InFile is a folder", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -InFile ([System.IO.Path]::GetTempPath())", "Litmind.InFileNotReadable", ErrorCategory.InvalidArgument, "it is a folder", Covers: Invoke + " -InFile"),
        new("-InFile not on the file system", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -InFile 'Env:/PATH'", "Litmind.InFileNotReadable", ErrorCategory.InvalidArgument, "not a file-system path", Covers: Invoke + " -InFile"),
        new("-InFile on GET", Connected, "Invoke-LitmindRequest 'models' -InFile 'photo.jpg'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "cannot be sent with GET", Covers: Invoke + " -InFile"),
        new("-Body and -InFile at once", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -Body 'x' -InFile 'photo.jpg'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "give only one of them", Covers: Invoke + " -InFile"),
        new("-InFile and -Form at once", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -InFile 'photo.jpg' -Form @{ a = 1 }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "give only one of them", Covers: Invoke + " -Form"),
        new("-Form with -ContentType", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ a = 1 } -ContentType 'multipart/form-data'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "takes no -ContentType", Covers: Invoke + " -Form"),
        new("-Form with a Content-Type in -Headers", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ a = 1 } -Headers @{ 'Content-Type' = 'multipart/form-data' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "no Content-Type in -Headers", Covers: Invoke + " -Form"),
        new("nested hashtable in -Form", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ meta = @{ a = 1 } }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Form value for 'meta' is a Hashtable", Covers: Invoke + " -Form"),
        new("secure string in -Form", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ password = $ApiKey }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "SecureString", Covers: Invoke + " -Form"),
        new("-Form file that does not exist", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ photo = [System.IO.FileInfo]'/litmind-no-such-folder/photo.jpg' }", "Litmind.InFileNotReadable", ErrorCategory.InvalidArgument, "-Form file", Covers: Invoke + " -Form"),
        new("control character in a -Form name", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ \"a`0b\" = 'x' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "control character", Covers: Invoke + " -Form"),
        new("-Form of $null", Connected, "Invoke-LitmindRequest '_emulator/upload' -Method POST -Form $null", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "null", Covers: Invoke + " -Form"),
        new("user id not in the session", Connected, "Invoke-LitmindRequest 'models' -UserId 240101", "Litmind.UnknownAccount", ErrorCategory.InvalidArgument, "240101 is not logged into this session", Covers: Invoke + " -UserId"),
        new("disconnected session", Connected, "Disconnect-Litmind; Invoke-LitmindRequest 'models' -Session $s", "Litmind.NotConnected", ErrorCategory.ConnectionError, "was disconnected", Covers: Invoke + " -Session"),
        new("line break in a header value", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Note' = \"a`r`nX-UserId: 240101\" }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "line break (CR or LF)", Covers: Invoke + " -Headers"),
        new("request smuggled in a header value", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Note' = \"a`r`n`r`nGET /_emulator/counters HTTP/1.1`r`nHost: x`r`n`r`n\" }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "Nothing was sent", Covers: Invoke + " -Headers"),
        new("line feed alone in a header value", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Note' = \"a`nX-UserId: 240101\" }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Headers 'X-Note'", Covers: Invoke + " -Headers"),
        new("NUL in a header value", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Note' = \"a`0b\" }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "NUL", Covers: Invoke + " -Headers"),
        new("line break in a header name", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ \"X-Note: 1`r`nX-UserId\" = '240101' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "cannot be sent", Covers: Invoke + " -Headers"),
        new("space in a header name", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'Bad Name' = 'x' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "'Bad Name' cannot be sent", Covers: Invoke + " -Headers"),
        new("empty header name", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ '' = 'x' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "name '' cannot be sent", Covers: Invoke + " -Headers"),
        new("line break in -ContentType", Connected, "Invoke-LitmindRequest 'castings' -Method POST -Body '{}' -ContentType \"application/json`r`nX-UserId: 240101\"", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ContentType contains a line break", Covers: Invoke + " -ContentType"),
        new("line break in -SessionId", None, "Connect-Litmind -SessionId \"abc`r`nX-UserId: 240101\" -UserId 138829 -ApiKey $ApiKey -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-SessionId contains a line break", Covers: ConnectCmd + " -SessionId"),
        new("line break in -ApiKey", None, "Connect-Litmind -Credential $ProductionCred -ApiKey ([System.Net.NetworkCredential]::new('', \"key`r`nX-UserId: 240101\").SecurePassword) -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ApiKey contains a line break", Covers: ConnectCmd + " -ApiKey"),
        new("content type that is no media type", Connected, "Invoke-LitmindRequest 'castings' -Method POST -Body @{ a = 1 } -ContentType 'jsn'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ContentType 'jsn' is not a media type", Covers: Invoke + " -ContentType"),
        new("blank content type", Connected, "Invoke-LitmindRequest 'castings' -Method POST -Body '{}' -ContentType '  '", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "is not a media type", Covers: Invoke + " -ContentType"),
        new("-ContentType without a body", Connected, "Invoke-LitmindRequest 'castings/501/candidates' -Method POST -ContentType json", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ContentType describes a body, and this request has none", Covers: Invoke + " -ContentType"),
        new("-ContentType with a $null body", Connected, "Invoke-LitmindRequest 'castings/501/candidates' -Method POST -Body $null -ContentType 'application/json'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "a -Body of $null", Covers: Invoke + " -ContentType"),
        new("charset this system cannot encode", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -Body 'x' -ContentType 'text/plain; charset=klingon-8'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "charset 'klingon-8'", Covers: Invoke + " -ContentType"),
        new("character the charset lacks", Connected, "Invoke-LitmindRequest '_emulator/echo' -Method POST -Body 'Łódź' -ContentType 'text/plain; charset=iso-8859-1'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "(U+0141) that the charset 'iso-8859-1'", Covers: Invoke + " -ContentType"),
        new("call timeout beyond what a timer takes", Connected, "Invoke-LitmindRequest 'session/list' -TimeoutSec 5000000", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "2147483", Covers: Invoke + " -TimeoutSec"),
        new("session timeout beyond what a timer takes", None, Login + " -TimeoutSec 4294968", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "2147483", Covers: ConnectCmd + " -TimeoutSec"),
        new("body header without a body", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'Content-Language' = 'de' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Headers 'Content-Language' describes a body", Covers: Invoke + " -Headers"),
        new("non-ASCII header value", Connected, "Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Note' = 'café' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "outside ASCII", Covers: Invoke + " -Headers"),
        new("non-ASCII api key", None, "Connect-Litmind -Credential $ProductionCred -ApiKey ([System.Net.NetworkCredential]::new('', 'clé-secrète').SecurePassword) -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ApiKey contains characters outside ASCII", Covers: ConnectCmd + " -ApiKey"),
        new("secure string in a form body", Connected, "Invoke-LitmindRequest 'castings/501/candidates' -Method POST -Body @{ modelId = $ApiKey }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Body value for 'modelId' is a SecureString", Covers: Invoke + " -Body"),
        new("nested hashtable in a form body", Connected, "Invoke-LitmindRequest 'castings/501/candidates' -Method POST -Body @{ address = @{ city = 'Milan' } }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ContentType json", Covers: Invoke + " -Body"),
        new("array of hashtables in a form body", Connected, "Invoke-LitmindRequest 'castings/501/candidates' -Method POST -Body @{ items = @(@{ a = 1 }, @{ b = 2 }) }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Body value for 'items' is a Hashtable", Covers: Invoke + " -Body"),
        new("nested hashtable in -Query", Connected, "Invoke-LitmindRequest 'models' -Query @{ filter = @{ city = 'Milan' } }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Query value for 'filter' is a Hashtable", Covers: Invoke + " -Query"),
        new("secure string in -Query", Connected, "Invoke-LitmindRequest 'models' -Query @{ token = $ApiKey }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "SecureString", Covers: Invoke + " -Query"),
        new("object in -Headers", Connected, "Invoke-LitmindRequest 'models' -Headers @{ 'X-Note' = [pscustomobject]@{ a = 1 } }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Headers value for 'X-Note'", Covers: Invoke + " -Headers"),
        // Every other parameter of every cmdlet, with one malformed value each.
        new("unknown service", None, "Connect-Litmind -Service Litmnd -Credential $ProductionCred", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "The built-in services are Litmind", Covers: ConnectCmd + " -Service"),
        new("line break in -ClientId", None, "Connect-Litmind -Service Hypernative -BaseUri $BaseUri -ClientId \"id`r`nX-UserId: 240101\" -ClientSecret $ApiKey", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ClientId contains a line break", Covers: ConnectCmd + " -ClientId"),
        new("non-ASCII client secret", None, "Connect-Litmind -Service Hypernative -BaseUri $BaseUri -ClientId id -ClientSecret ([System.Net.NetworkCredential]::new('', 'clé-secrète').SecurePassword)", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ClientSecret contains characters outside ASCII", Covers: ConnectCmd + " -ClientSecret"),
        new("account id for a service that has none", None, Login + " -AccountId 90412079", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "The Litmind service takes no -AccountId", Covers: ConnectCmd + " -AccountId"),
        new("organization that is no number", None, "Connect-Litmind -Service Hypernative -BaseUri $BaseUri -Credential $ProductionCred -OrganizationId acme", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "is a number; 'acme' is not", Covers: ConnectCmd + " -OrganizationId"),
        new("service parameter the service does not name", None, Login + " -ServiceParameter @{ tenant = 'acme' }", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "has no parameter 'tenant'", Covers: ConnectCmd + " -ServiceParameter"),
        new("credential with a blank user name", None, "Connect-Litmind -Credential ([pscredential]::new(' ', $ApiKey)) -ApiKey $ApiKey -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "no user name", Covers: ConnectCmd + " -Credential"),
        new("joining a disconnected session", Connected, "Disconnect-Litmind; Connect-Litmind -Credential $AvaCred -Session $s", "Litmind.NotConnected", ErrorCategory.ConnectionError, "was disconnected", Covers: ConnectCmd + " -Session"),
        new("switch given a word", None, Login + " -NoReconnect:'maybe'", "CannotConvertArgument", ErrorCategory.InvalidArgument, "SwitchParameter", Covers: ConnectCmd + " -NoReconnect"),
        new("blank session id", None, "Connect-Litmind -SessionId '' -UserId 138829 -ApiKey $ApiKey -BaseUri $BaseUri", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "empty", Covers: ConnectCmd + " -SessionId"),
        new("user id zero on resume", None, "Connect-Litmind -SessionId $FakeSessionId -UserId 0 -ApiKey $ApiKey -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "ids are 1 or more", Covers: ConnectCmd + " -UserId"),
        new("negative user id on resume", None, "Connect-Litmind -SessionId $FakeSessionId -UserId 138829, -5 -ApiKey $ApiKey -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-UserId '-5'", Covers: ConnectCmd + " -UserId"),
        new("a folder as the service", None, "Connect-Litmind -Service ([System.IO.Path]::GetTempPath()) -Credential $ProductionCred -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "is a folder", Covers: ConnectCmd + " -Service"),
        new("user id not a number", None, "Connect-Litmind -SessionId $FakeSessionId -UserId 'ava-north' -ApiKey $ApiKey -BaseUri $BaseUri", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "its ids are whole numbers", Covers: ConnectCmd + " -UserId"),
        new("session retry count above the limit", None, Login + " -MaximumRetryCount 101", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "100", Covers: ConnectCmd + " -MaximumRetryCount"),
        new("negative session retry interval", None, Login + " -RetryIntervalSec -1", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "-1", Covers: ConnectCmd + " -RetryIntervalSec"),
        new("unencrypted authentication for a joined account", Connected, "Connect-Litmind -Credential $AvaCred -Session $s -AllowUnencryptedAuthentication", "AmbiguousParameterSet", ErrorCategory.InvalidArgument, "Parameter set cannot be resolved", Covers: ConnectCmd + " -AllowUnencryptedAuthentication"),
        new("default switch given a word", Connected, "Get-LitmindSession -Default:'only'", "CannotConvertArgument", ErrorCategory.InvalidArgument, "SwitchParameter", Covers: "Get-LitmindSession -Default"),
        new("account list of a string", Connected, "Get-LitmindAccount -Session 'imagine-production'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "LitmindSession", Covers: "Get-LitmindAccount -Session"),
        new("account list of a disconnected session", Connected, "Disconnect-Litmind -Session $s; Get-LitmindAccount -Session $s", "Litmind.NotConnected", ErrorCategory.ConnectionError, "was disconnected", Covers: "Get-LitmindAccount -Session"),
        new("disconnecting a string", Connected, "Disconnect-Litmind -Session 'imagine-production'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "LitmindSession", Covers: "Disconnect-Litmind -Session"),
        new("raw switch given a word", Connected, "Invoke-LitmindRequest 'session/list' -Raw:'yes'", "CannotConvertArgument", ErrorCategory.InvalidArgument, "SwitchParameter", Covers: Invoke + " -Raw"),
        new("call retry count above the limit", Connected, "Invoke-LitmindRequest 'session/list' -MaximumRetryCount 101", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "100", Covers: Invoke + " -MaximumRetryCount"),
        new("call retry interval above the limit", Connected, "Invoke-LitmindRequest 'session/list' -RetryIntervalSec 3601", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "3600", Covers: Invoke + " -RetryIntervalSec"),
        new("status code into a constant variable", Connected, "Invoke-LitmindRequest 'session/list' -StatusCodeVariable 'true'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-StatusCodeVariable 'true'", Covers: Invoke + " -StatusCodeVariable"),
        new("user id not a number on a call", Connected, "Invoke-LitmindRequest 'session/list' -UserId 'ava-north'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-UserId 'ava-north' is not an account id", Covers: Invoke + " -UserId"),
        new("unknown domain", Connected, "Invoke-LitmindRequest 'session/list' -Domain smt", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "knows no other domain", Covers: Invoke + " -Domain"),
        new("session of another kind", Connected, "Invoke-LitmindRequest 'session/list' -Session ([datetime]::Now)", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "LitmindSession", Covers: Invoke + " -Session"),
        new("account not in the session", Connected, "$a = [pscustomobject]@{ Id = 240101 }; $a.PSObject.TypeNames.Insert(0, 'Deserialized.Litmind.PowerShell.Sessions.LitmindAccount'); Invoke-LitmindRequest 'session/list' -Account $a", "Litmind.UnknownAccount", ErrorCategory.InvalidArgument, "240101 is not logged into this session", Covers: Invoke + " -Account"),
        new("an account and a user id at once", Connected + "; $a = @(Get-LitmindAccount)[0]", "Invoke-LitmindRequest 'session/list' -Account $a -UserId 138829", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "Both -UserId and an account", Covers: Invoke + " -Account"),
        new("session list of a string", Connected, "Get-LitmindSession -Session 'imagine-production'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "LitmindSession", Covers: "Get-LitmindSession -Session"),
        new("hand-off of a disconnected session", Connected, "Disconnect-Litmind -Session $s; Get-LitmindSession -Session $s -HandOff", "Litmind.NotConnected", ErrorCategory.ConnectionError, "was disconnected", Covers: "Get-LitmindSession -HandOff"),
        new("hand-off switch given a word", Connected, "Get-LitmindSession -HandOff:'please'", "CannotConvertArgument", ErrorCategory.InvalidArgument, "SwitchParameter", Covers: "Get-LitmindSession -HandOff"),
        new("no session", None, List, "Litmind.NotConnected", ErrorCategory.ConnectionError, "Run Connect-Litmind first"),
        new("-OutFile is a folder", Connected, List + " -OutFile ([System.IO.Path]::GetTempPath())", "Litmind.OutFileNotWritable", ErrorCategory.InvalidArgument, "it is a folder", Covers: Invoke + " -OutFile"),
        new("-OutFile in a missing folder", Connected, List + " -OutFile (Join-Path ([System.IO.Path]::GetTempPath()) 'litmind-no-such-folder/list.json')", "Litmind.OutFileNotWritable", ErrorCategory.InvalidArgument, "nothing was sent", Covers: Invoke + " -OutFile"),
        new("-OutFile not on the file system", Connected, List + " -OutFile 'Env:/list.json'", "Litmind.OutFileNotWritable", ErrorCategory.InvalidArgument, "not a file-system path", Covers: Invoke + " -OutFile"),
        new("-OutFile with -Raw", Connected, List + " -Raw -OutFile 'list.json'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-OutFile and -Raw", Covers: Invoke + " -OutFile"),
        new("-ExpandProperty empty", Connected, List + " -ExpandProperty ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "empty", Covers: Invoke + " -ExpandProperty"),
        new("-ExpandProperty with -Raw", Connected, List + " -Raw -ExpandProperty items", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ExpandProperty cannot be used with -Raw or -OutFile", Covers: Invoke + " -ExpandProperty"),
        new("-ExpandProperty with -OutFile", Connected, List + " -OutFile 'list.json' -ExpandProperty items", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ExpandProperty cannot be used with -Raw or -OutFile", Covers: Invoke + " -ExpandProperty"),
        new("-ExpandProperty of a field the answer lacks", Connected, List + " -ExpandProperty things", "Litmind.InvalidResponse", ErrorCategory.InvalidData, "no 'things' field", Sent: 1, Covers: Invoke + " -ExpandProperty"),
        new("-ExpandProperty on an array answer", Connected, "Invoke-LitmindRequest 'models/featured' -ExpandProperty items", "Litmind.InvalidResponse", ErrorCategory.InvalidData, "not a JSON object", Sent: 1, Covers: Invoke + " -ExpandProperty"),
        new("-All with a write", Connected, "Invoke-LitmindRequest castings -Method Post -All", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "a POST is not repeated per page", Covers: Invoke + " -All"),
        new("-All with -Raw", Connected, List + " -All -Raw", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-Raw cannot be used with them", Covers: Invoke + " -All"),
        new("-First below zero", Connected, List + " -First -1", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument, "UInt64", Covers: Invoke + " -First"),
        new("-AsHashtable with -OutFile", Connected, List + " -AsHashtable -OutFile 'list.json'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-AsHashtable shapes the objects", Covers: Invoke + " -AsHashtable"),
        new("headers into a constant variable", Connected, List + " -ResponseHeadersVariable 'true'", "Litmind.InvalidArgument", ErrorCategory.InvalidArgument, "-ResponseHeadersVariable 'true'", Covers: Invoke + " -ResponseHeadersVariable"),
        new("skip-check switch given a word", Connected, List + " -SkipHttpErrorCheck:'yes'", "CannotConvertArgument", ErrorCategory.InvalidArgument, "SwitchParameter", Covers: Invoke + " -SkipHttpErrorCheck"),
        new("keys that differ only in case in an expanded list", Connected, List + " -ExpandProperty items", "Litmind.InvalidResponse", ErrorCategory.InvalidData, "at 'items[1]'", Sent: 1,
            Fault: new Fault { StatusCode = 200, Body = """{"isSuccess":true,"items":[{"id":1},{"id":2,"ID":3}]}""" }),
    }.ToDictionary(c => c.Name);

    private readonly EmulatorFixture fixture;

    public BadInputTests(EmulatorFixture fixture) => this.fixture = fixture;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bad_input_gives_a_clear_error_sends_nothing_it_should_not_and_leaks_nothing(string name)
    {
        var bad = Cases[name];
        using var ps = fixture.NewRunner();
        var state = fixture.Emulator.State;
        ps.Set("FakeSessionId", FakeSessionId);
        if (bad.Setup.Length > 0)
        {
            ps.Run(bad.Setup).ShouldSucceed();
        }

        if (bad.Fault != null)
        {
            state.EnqueueFault(bad.Fault);
        }

        long before = state.Requests;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ps.Run(bad.Step, verbose: true);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
        var error = result.SingleError;
        ErrorAssert.Is(error, bad.ErrorId, bad.Category);
        Assert.Contains(bad.MessagePart, error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        if (bad.ErrorId.StartsWith("Litmind.", StringComparison.Ordinal))
        {
            Assert.NotNull(error.TargetObject);
            Assert.DoesNotContain("?", error.TargetObject.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(bad.Sent, state.Requests - before);
        Assert.InRange(error.Exception.Message.Length, 1, 1000);
        Assert.InRange(error.TargetObject?.ToString()?.Length ?? 0, 0, 300);
        SecretScan.AssertNoneIn(result.AllText, fixture.Emulator, FakeSessionId);
    }

    [Fact]
    public void There_are_at_least_thirty_cases() => Assert.True(Cases.Count >= 30, $"only {Cases.Count} cases");

    [Fact]
    public void Every_parameter_of_every_cmdlet_has_a_malformed_value_in_the_table()
    {
        var parameters = typeof(Litmind.PowerShell.Cmdlets.LitmindCmdlet).Assembly.GetTypes()
            .Select(t => (Type: t, Cmdlet: t.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().SingleOrDefault()))
            .Where(c => c.Cmdlet != null)
            .SelectMany(c => c.Type.GetProperties()
                .Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), false).Length > 0)
                .Select(p => c.Cmdlet!.VerbName + "-" + c.Cmdlet.NounName + " -" + p.Name))
            .ToList();
        Assert.Equal(45, parameters.Count);

        var covered = Cases.Values.Select(c => c.Covers).ToHashSet();
        var uncovered = parameters.Where(p => !covered.Contains(p)).ToList();
        Assert.True(uncovered.Count == 0, "No malformed value for: " + string.Join(", ", uncovered));
    }

    /// <param name="Sent">The API requests the step makes; 0 when the input must be refused before anything is sent.</param>
    /// <param name="Covers">The parameter given the bad value, as "Verb-Noun -Name"; null for the server's answers.</param>
    private sealed record BadInput(string Name, string Setup, string Step, string ErrorId, ErrorCategory Category, string MessagePart, int Sent = 0, string? Covers = null, Fault? Fault = null);
}
