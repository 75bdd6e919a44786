using System.Security.Cryptography;
using System.Text;
using Litmind.Emulator;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// -InFile and -Form as the emulator's echo and upload routes receive them: files streamed and
/// sent whole again on every attempt, form fields as Invoke-RestMethod -Form sends them.
/// </summary>
public sealed class UploadTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri -RetryIntervalSec 0 | Out-Null\n";
    private readonly EmulatorFixture fixture;
    private readonly string folder = Directory.CreateTempSubdirectory("litmind-uploads-").FullName;
    private readonly byte[] photo = RandomNumberGenerator.GetBytes(250_000);

    public UploadTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        File.WriteAllBytes(Path.Combine(folder, "look-01.jpg"), photo);
    }

    private EmulatorState State => fixture.Emulator.State;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void InFile_is_resolved_against_the_current_location_and_sent_as_its_bytes()
    {
        using var ps = fixture.NewRunner();
        ps.Set("folder", folder);

        var result = ps.Run(Connect + """
            Push-Location $folder
            try {
                $echo = Invoke-LitmindRequest '_emulator/echo' -Method PUT -InFile 'look-01.jpg'
                $typed = Invoke-LitmindRequest '_emulator/echo' -Method PUT -InFile './look-01.jpg' -ContentType 'image/jpeg'
            }
            finally {
                Pop-Location
            }
            $echo.sha256; $echo.contentType; $echo.headers.'Content-Length'; $typed.contentType
            """).ShouldSucceed();

        Assert.Equal(new object[] { Sha256(photo), "application/octet-stream", "250000", "image/jpeg" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void InFile_is_read_again_from_its_start_for_a_retry_and_for_a_replay_after_a_new_login()
    {
        using var ps = fixture.NewRunner();
        ps.Set("path", Path.Combine(folder, "look-01.jpg"));
        ps.Run(Connect).ShouldSucceed();

        State.EnqueueFault(new Fault { StatusCode = 503, PathPrefix = "/api/v1/_emulator/echo" });
        var retried = ps.Run("(Invoke-LitmindRequest '_emulator/echo' -Method POST -InFile $path).sha256").ShouldSucceed();
        State.ExpireAllSessions();
        var replayed = ps.Run("(Invoke-LitmindRequest '_emulator/echo' -Method POST -InFile $path).sha256").ShouldSucceed();

        Assert.Equal(Sha256(photo), retried.Output.Single().BaseObject);
        Assert.Equal(Sha256(photo), replayed.Output.Single().BaseObject);
        Assert.Equal(4, State.RequestCount("_emulator/echo"));
        Assert.Equal(2, State.Logins);
    }

    [Fact]
    public void Form_sends_text_parts_file_parts_with_their_names_and_an_array_as_repeated_fields()
    {
        using var ps = fixture.NewRunner();
        ps.Set("path", Path.Combine(folder, "look-01.jpg"));

        var result = ps.Run(Connect + """
            $form = [ordered]@{ title = 'Autumn lookbook, São Paulo'; tags = 'knitwear', 'autumn'; photo = Get-Item $path; shootDay = [datetime]'2026-12-03'; public = $true }
            $upload = Invoke-LitmindRequest '_emulator/upload' -Method POST -Form $form
            # The echo's text of the date part is read back as a [datetime], as any ISO 8601 string of an answer is.
            $upload.parts | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.name, $_.fileName, $_.contentType, $(if ($_.text -is [datetime]) { $_.text.ToString('o') } else { $_.text }) }
            $upload.parts[3].sha256
            """).ShouldSucceed();

        Assert.Equal(
            new object[]
            {
                "title||text/plain; charset=utf-8|Autumn lookbook, São Paulo",
                "tags||text/plain; charset=utf-8|knitwear",
                "tags||text/plain; charset=utf-8|autumn",
                "photo|look-01.jpg|application/octet-stream|",
                "shootDay||text/plain; charset=utf-8|2026-12-03T00:00:00.0000000",
                "public||text/plain; charset=utf-8|true",
                Sha256(photo),
            },
            result.Output.Select(o => o.BaseObject));
        var sent = State.RecentRequests.Last();
        Assert.Matches("^multipart/form-data; boundary=[^\"]+$", sent.Header("Content-Type"));
    }

    [Fact]
    public void Form_reopens_its_files_and_draws_a_new_form_for_a_retry()
    {
        using var ps = fixture.NewRunner();
        ps.Set("path", Path.Combine(folder, "look-01.jpg"));
        ps.Run(Connect).ShouldSucceed();
        State.EnqueueFault(new Fault { StatusCode = 503, PathPrefix = "/api/v1/_emulator/upload" });

        var result = ps.Run("(Invoke-LitmindRequest '_emulator/upload' -Method POST -Form @{ photo = Get-Item $path }).parts[0].sha256").ShouldSucceed();

        Assert.Equal(Sha256(photo), result.Output.Single().BaseObject);
        Assert.Equal(2, State.RequestCount("_emulator/upload"));
    }

    [Fact]
    public void Form_quotes_names_and_escapes_quotes_and_line_breaks_as_browsers_do()
    {
        using var ps = fixture.NewRunner();
        string odd = Path.Combine(folder, "Café menu.jpg");
        File.WriteAllBytes(odd, Encoding.UTF8.GetBytes("menu"));
        ps.Set("path", odd);

        var result = ps.Run(Connect + """
            $upload = Invoke-LitmindRequest '_emulator/upload' -Method POST -Form ([ordered]@{ "say `"hi`"`r`nX-Injected: 1" = 'x'; 'menu' = Get-Item $path })
            $upload.parts.Count; $upload.parts[0].name; $upload.parts[1].fileName
            """).ShouldSucceed();

        Assert.Equal(new object[] { 2, "say %22hi%22%0D%0AX-Injected: 1", "Café menu.jpg" }, result.Output.Select(o => o.BaseObject));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
