using System.Text;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class RequestBodyTests
{
    [Fact]
    public async Task A_form_body_is_encoded_as_curl_d_sends_it()
    {
        var body = RequestBody.Form([new("emailOrUsername", "imagine production"), new("password", "p&ss=w+rd")]);
        using var content = body.CreateContent();
        Assert.Equal("application/x-www-form-urlencoded", content.Headers.ContentType!.MediaType);
        Assert.Equal("emailOrUsername=imagine+production&password=p%26ss%3Dw%2Brd", await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_json_body_is_serialized_once_and_replayable()
    {
        var body = RequestBody.Json(new Dictionary<string, object?> { ["modelId"] = 240101L, ["note"] = "ü" });
        using var first = body.CreateContent();
        using var second = body.CreateContent();
        Assert.Equal("""{"modelId":240101,"note":"ü"}""", await first.ReadAsStringAsync());
        Assert.Equal(await first.ReadAsByteArrayAsync(), await second.ReadAsByteArrayAsync());
        Assert.Equal("utf-8", first.Headers.ContentType!.CharSet);
    }

    [Fact]
    public void Text_keeps_its_media_type() =>
        Assert.Equal("application/xml", RequestBody.Text("<a/>", "application/xml").MediaType);

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark() =>
        Assert.Equal(Encoding.UTF8.GetByteCount("é"), RequestBody.Text("é", "text/plain").Length);

    [Fact]
    public async Task Bytes_go_as_they_are_without_a_charset_and_a_later_change_to_the_array_is_not_sent()
    {
        var array = new byte[] { 0, 255, 65 };
        var body = RequestBody.Bytes(array, "application/octet-stream");
        array[0] = 9;
        using var content = body.CreateContent();
        Assert.Equal(new byte[] { 0, 255, 65 }, await content.ReadAsByteArrayAsync());
        Assert.Null(content.Headers.ContentType!.CharSet);
    }
}
