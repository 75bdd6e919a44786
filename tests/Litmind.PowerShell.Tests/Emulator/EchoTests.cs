using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The emulator-only echo, multipart echo and dates endpoints under <c>/api/v1/_emulator/</c>.</summary>
public sealed class EchoTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public EchoTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    [Fact]
    public async Task Echo_describes_the_body_and_the_headers_sent()
    {
        var headers = await LoginAsync();
        const string Json = """{"name":"Zoë","city":"São Paulo"}""";

        var echo = (await SendAsync(HttpMethod.Post, "_emulator/echo", new StringContent(Json, Encoding.UTF8, "application/json"), headers)).Is(HttpStatusCode.OK).Json;

        Assert.Equal(["entity", "isSuccess", "errorDescription", "method", "contentType", "length", "sha256", "text", "headers"], echo.AsObject().Select(p => p.Key));
        Assert.Equal(("Echo", true, "POST"), ((string)echo["entity"]!, (bool)echo["isSuccess"]!, (string)echo["method"]!));
        Assert.Equal("application/json; charset=utf-8", (string)echo["contentType"]!);
        var bytes = Encoding.UTF8.GetBytes(Json);
        Assert.Equal(bytes.Length, (long)echo["length"]!);
        Assert.Equal(Sha256(bytes), (string)echo["sha256"]!);
        Assert.Equal(Json, (string)echo["text"]!);
        Assert.Equal(fixture.Emulator.ApiKey, (string)echo["headers"]!["X-Key"]!);
        Assert.Equal(bytes.Length.ToString(), (string)echo["headers"]!["Content-Length"]!);
    }

    [Fact]
    public async Task Echo_takes_put_and_patch_and_gives_no_text_for_bytes_that_are_not_utf8_or_too_long()
    {
        var headers = await LoginAsync();
        byte[] binary = [0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00];

        var put = (await SendAsync(HttpMethod.Put, "_emulator/echo", new ByteArrayContent(binary), headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(("PUT", 7L, Sha256(binary)), ((string)put["method"]!, (long)put["length"]!, (string)put["sha256"]!));
        Assert.Null(put["text"]);
        Assert.Null(put["contentType"]);

        var limit = new string('a', 64 * 1024);
        var longest = (await SendAsync(HttpMethod.Patch, "_emulator/echo", new StringContent(limit, Encoding.UTF8, "text/plain"), headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(limit, (string)longest["text"]!);
        var tooLong = (await SendAsync(HttpMethod.Patch, "_emulator/echo", new StringContent(limit + "a", Encoding.UTF8, "text/plain"), headers)).Is(HttpStatusCode.OK).Json;
        Assert.Null(tooLong["text"]);
        Assert.Equal(64 * 1024 + 1, (long)tooLong["length"]!);

        var empty = (await SendAsync(HttpMethod.Post, "_emulator/echo", null, headers)).Is(HttpStatusCode.OK).Json;
        Assert.Equal((0L, Sha256([]), ""), ((long)empty["length"]!, (string)empty["sha256"]!, (string)empty["text"]!));
        (await SendAsync(HttpMethod.Get, "_emulator/echo", null, headers)).Is(HttpStatusCode.MethodNotAllowed);
        (await SendAsync(HttpMethod.Post, "_emulator/echo", new StringContent("x"), [("X-Key", fixture.Emulator.ApiKey)])).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Echo_streams_a_200_MB_upload()
    {
        var headers = await LoginAsync();
        var upload = new GeneratedContent(200L * 1024 * 1024);

        var echo = (await SendAsync(HttpMethod.Post, "_emulator/echo", upload, headers)).Is(HttpStatusCode.OK).Json;

        Assert.Equal(200L * 1024 * 1024, (long)echo["length"]!);
        Assert.Equal(upload.Sha256, (string)echo["sha256"]!);
        Assert.Null(echo["text"]);
        Assert.Equal("application/octet-stream", (string)echo["contentType"]!);
    }

    [Fact]
    public async Task Upload_describes_each_multipart_part()
    {
        var headers = await LoginAsync();
        byte[] png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff];
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var notes = new StringContent("résumé attached", Encoding.UTF8);
        notes.Headers.ContentType = null;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Spring lookbook"), "title" },
            { file, "photo", "look 1.png" },
            { notes, "notes" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("plain text file")), "readme", "café.txt" },
        };

        var upload = (await SendAsync(HttpMethod.Post, "_emulator/upload", form, headers)).Is(HttpStatusCode.OK).Json;

        Assert.Equal(["entity", "isSuccess", "errorDescription", "parts"], upload.AsObject().Select(p => p.Key));
        Assert.Equal("Upload", (string)upload["entity"]!);
        var parts = upload["parts"]!.AsArray();
        Assert.Equal(["title", "photo", "notes", "readme"], parts.Select(p => (string)p!["name"]!));
        Assert.Equal(["name", "fileName", "contentType", "length", "sha256", "text"], parts[0]!.AsObject().Select(p => p.Key));
        Assert.Null(parts[0]!["fileName"]);
        Assert.Equal("Spring lookbook", (string)parts[0]!["text"]!);
        Assert.StartsWith("text/plain", (string)parts[0]!["contentType"]!);
        Assert.Equal(("look 1.png", "image/png", 9L, Sha256(png)), ((string)parts[1]!["fileName"]!, (string)parts[1]!["contentType"]!, (long)parts[1]!["length"]!, (string)parts[1]!["sha256"]!));
        Assert.Null(parts[1]!["text"]);
        Assert.Null(parts[2]!["contentType"]);
        Assert.Equal("résumé attached", (string)parts[2]!["text"]!);
        Assert.Equal("café.txt", (string)parts[3]!["fileName"]!);
        Assert.Null(parts[3]!["text"]);
    }

    [Fact]
    public async Task Upload_takes_a_file_part_larger_than_Kestrels_default_body_limit()
    {
        var headers = await LoginAsync();
        var big = new GeneratedContent(40L * 1024 * 1024);
        using var form = new MultipartFormDataContent { { big, "video", "clip.bin" } };

        var part = (await SendAsync(HttpMethod.Post, "_emulator/upload", form, headers)).Is(HttpStatusCode.OK).Json["parts"]![0]!;

        Assert.Equal((40L * 1024 * 1024, big.Sha256), ((long)part["length"]!, (string)part["sha256"]!));
    }

    [Fact]
    public async Task Upload_refuses_what_is_not_multipart_form_data()
    {
        var headers = await LoginAsync();

        foreach (var content in new HttpContent?[] { new StringContent("{}", Encoding.UTF8, "application/json"), new FormUrlEncodedContent([KeyValuePair.Create("a", "b")]), null })
        {
            var refused = (await SendAsync(HttpMethod.Post, "_emulator/upload", content, headers)).Is(HttpStatusCode.UnsupportedMediaType).Json;
            Assert.Equal(("Error", false, "UnsupportedMediaType"), ((string)refused["entity"]!, (bool)refused["isSuccess"]!, (string)refused["errorCode"]!));
        }

        var garbage = new StringContent("no parts here", Encoding.UTF8);
        garbage.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        var malformed = (await SendAsync(HttpMethod.Post, "_emulator/upload", garbage, headers)).Is(HttpStatusCode.BadRequest).Json;
        Assert.Equal("MalformedBody", (string)malformed["errorCode"]!);
    }

    [Fact]
    public async Task Dates_answers_iso_8601_strings_in_several_forms_and_look_alikes()
    {
        var headers = await LoginAsync();

        var dates = (await fixture.GetAsync(new Uri(fixture.Emulator.BaseUri, "_emulator/dates"), headers)).Is(HttpStatusCode.OK);

        Assert.Equal(
            """{"entity":"Dates","isSuccess":true,"errorDescription":null,"createdAt":"2026-11-01T09:00:00Z","updatedAt":"2026-11-01T09:00:00.123+02:00","day":"2026-11-01","notADate":"2026-13-45","text":"Meeting at 2026-11-01T09:00:00Z"}""",
            dates.Body);
    }

    private Task<(string Name, string Value)[]> LoginAsync() => LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

    private Task<Answer> SendAsync(HttpMethod method, string path, HttpContent? content, (string Name, string Value)[] headers) =>
        fixture.SendAsync(method, new Uri(fixture.Emulator.BaseUri, path), content, headers);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A body of any length made as it is sent (never held whole), whose SHA-256 is known once sent.</summary>
    private sealed class GeneratedContent : HttpContent
    {
        private readonly long _length;
        private string? _sha256;

        public GeneratedContent(long length)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        public string Sha256 => _sha256 ?? throw new InvalidOperationException("Not sent yet.");

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (byte)(i * 31 % 251);
            }

            for (var sent = 0L; sent < _length; sent += chunk.Length)
            {
                var count = (int)Math.Min(chunk.Length, _length - sent);
                chunk[0] = (byte)(sent / chunk.Length);
                hash.AppendData(chunk, 0, count);
                await stream.WriteAsync(chunk.AsMemory(0, count));
            }

            _sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
