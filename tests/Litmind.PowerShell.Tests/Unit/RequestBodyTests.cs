using System.Text;
using Litmind.PowerShell.Errors;
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
        Assert.Equal("application/xml", RequestBody.Text("<a/>", BodyContentType.Utf8Text("application/xml")).MediaType);

    [Fact]
    public async Task Text_is_utf8_without_a_byte_order_mark()
    {
        using var content = RequestBody.Text("é", BodyContentType.Utf8Text("text/plain")).CreateContent();
        Assert.Equal(Encoding.UTF8.GetBytes("é"), await content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_given_content_type_goes_as_written_and_its_charset_encodes_the_text()
    {
        var latin1 = BodyContentType.Parse("text/plain;charset=ISO-8859-1;format=flowed");
        using var content = RequestBody.Text("Café", latin1).CreateContent();

        // Every parameter, in its order; HttpClient writes one space after each ';'.
        Assert.Equal("text/plain; charset=ISO-8859-1; format=flowed", Assert.Single(content.Headers.GetValues("Content-Type")));
        Assert.Equal(new byte[] { 0x43, 0x61, 0x66, 0xE9 }, await content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Json_in_utf16_starts_with_its_text_not_a_byte_order_mark()
    {
        using var content = RequestBody.Json(new Dictionary<string, object?> { ["a"] = "é" }, BodyContentType.Parse("application/json; charset=utf-16")).CreateContent();
        Assert.Equal(Encoding.Unicode.GetBytes("""{"a":"é"}"""), await content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_form_is_percent_encoded_in_its_charset()
    {
        using var latin1 = RequestBody.Form([new("city", "Zürich Ost")], BodyContentType.Parse("application/x-www-form-urlencoded; charset=iso-8859-1")).CreateContent();
        using var utf8 = RequestBody.Form([new("city", "Zürich Ost")]).CreateContent();

        Assert.Equal("city=Z%FCrich+Ost", await latin1.ReadAsStringAsync());
        Assert.Equal("city=Z%C3%BCrich+Ost", await utf8.ReadAsStringAsync());
    }

    [Fact]
    public void A_character_the_charset_lacks_is_refused_not_sent_as_a_question_mark()
    {
        var failure = Assert.Throws<LitmindException>(() => RequestBody.Text("Łódź", BodyContentType.Parse("text/plain; charset=iso-8859-1")));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("U+0141", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_charset_this_system_cannot_encode_is_refused()
    {
        var failure = Assert.Throws<LitmindException>(() => BodyContentType.Parse("text/plain; charset=klingon-8"));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("'klingon-8'", failure.Message, StringComparison.Ordinal);
    }

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
