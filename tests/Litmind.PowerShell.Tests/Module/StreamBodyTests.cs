using System.Management.Automation;
using System.Security.Cryptography;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// -Body streams, files and [xml] as the emulator's echo route receives them: their bytes, read as
/// they are sent, from where a stream stood for every attempt, or a clear error when a stream
/// that cannot seek is needed twice.
/// </summary>
public sealed class StreamBodyTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 | Out-Null\n";
    private const string Echo = "/api/v1/_emulator/echo";
    private readonly EmulatorFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-bodies-").FullName;

    public StreamBodyTests(EmulatorFixture fixture) => this.fixture = fixture;

    private EmulatorState State => fixture.Emulator.State;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_FileStream_goes_as_the_file_s_bytes_and_stays_open_for_its_owner()
    {
        using var ps = fixture.NewRunner();
        byte[] bytes = RandomNumberGenerator.GetBytes(300_000);
        ps.Set("path", WriteFile("photo.jpg", bytes));

        var result = ps.Run(Connect + """
            $file = [System.IO.File]::OpenRead($path)
            try {
                $echo = Invoke-LitmindRequest '_emulator/echo' -Method PUT -Body $file
                $echo.length; $echo.sha256; $echo.contentType; $echo.headers.'Content-Length'; $file.CanRead
            }
            finally {
                $file.Dispose()
            }
            """).ShouldSucceed();

        Assert.Equal(new object[] { 300_000L, Sha256(bytes), "application/octet-stream", "300000", true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_FileInfo_goes_as_the_file_s_bytes()
    {
        using var ps = fixture.NewRunner();
        byte[] bytes = RandomNumberGenerator.GetBytes(5_000);
        ps.Set("path", WriteFile("scan.pdf", bytes));

        var result = ps.Run(Connect + "(Invoke-LitmindRequest '_emulator/echo' -Method POST -Body (Get-Item $path) -ContentType 'application/pdf').sha256").ShouldSucceed();

        Assert.Equal(Sha256(bytes), result.Output.Single().BaseObject);
    }

    [Fact]
    public void A_seekable_stream_goes_from_where_it_stood_again_for_a_retry_and_for_a_replay_after_a_new_login()
    {
        using var ps = fixture.NewRunner();
        byte[] bytes = GeneratedStream.Bytes(100_000);
        ps.Set("bytes", bytes);
        ps.Run(Connect + "$stream = [System.IO.MemoryStream]::new($bytes)").ShouldSucceed();

        State.EnqueueFault(new Fault { StatusCode = 503, PathPrefix = Echo });
        var retried = ps.Run("$stream.Position = 10; (Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $stream).sha256").ShouldSucceed();
        State.ExpireAllSessions();
        var replayed = ps.Run("$stream.Position = 10; (Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $stream).sha256").ShouldSucceed();

        string fromTen = Sha256(bytes[10..]);
        Assert.Equal(fromTen, retried.Output.Single().BaseObject);
        Assert.Equal(fromTen, replayed.Output.Single().BaseObject);
        Assert.Equal(4, State.RequestCount("_emulator/echo"));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_sent_as_it_is_read_not_read_whole_first()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        // Past its first megabyte, the stream gives more only once the emulator has the request's
        // headers: a body read whole before sending would wait there for ever.
        var stream = new GeneratedStream(3_000_000, openBytes: 1_000_000, gate: () => State.RecentRequests.Any(r => r.PathAndQuery == Echo));
        ps.Set("stream", stream);

        var result = ps.Run("$echo = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $stream; $echo.length; $echo.sha256; $echo.headers.'Transfer-Encoding'").ShouldSucceed();

        Assert.Equal(new object[] { 3_000_000L, Sha256(GeneratedStream.Bytes(3_000_000)), "chunked" }, result.Output.Select(o => o.BaseObject));
        Assert.False(stream.IsDisposed);
    }

    [Fact]
    public void A_stream_that_cannot_seek_fails_clearly_when_a_retry_needs_it_again()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        ps.Set("stream", new GeneratedStream(1_000));
        State.EnqueueFault(new Fault { StatusCode = 503, PathPrefix = Echo });

        var error = ps.Run("Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $stream").SingleError;

        ErrorAssert.Is(error, "Litmind.BodyNotReplayable", ErrorCategory.InvalidArgument);
        Assert.Contains("cannot seek back", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, State.RequestCount("_emulator/echo"));
    }

    [Fact]
    public void A_stream_that_cannot_seek_fails_clearly_when_a_replay_after_a_new_login_needs_it_again()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect).ShouldSucceed();
        ps.Set("stream", new GeneratedStream(1_000));
        State.ExpireAllSessions();

        var error = ps.Run("Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $stream").SingleError;

        ErrorAssert.Is(error, "Litmind.BodyNotReplayable", ErrorCategory.InvalidArgument);
        Assert.Equal(1, State.RequestCount("_emulator/echo"));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void An_xml_document_or_node_goes_as_its_markup()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $doc = [xml]'<casting id="501"><title>Lookbook</title></casting>'
            $whole = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $doc
            $node = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body $doc.SelectSingleNode('//title') -ContentType 'text/xml'
            $whole.text; $whole.contentType; $node.text; $node.contentType
            """).ShouldSucceed();

        Assert.Equal(
            new object[] { """<casting id="501"><title>Lookbook</title></casting>""", "application/xml; charset=utf-8", "<title>Lookbook</title>", "text/xml" },
            result.Output.Select(o => o.BaseObject));
    }

    private string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
