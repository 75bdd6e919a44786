using System.Security.Cryptography;
using System.Text;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Module;

/// <summary>
/// -ContentType as the emulator's echo and upload routes receive it: whole, its charset honoured,
/// ahead of a Content-Type in -Headers; and -Headers values of $null left out.
/// </summary>
public sealed class ContentTypeTests : IClassFixture<EmulatorFixture>
{
    private const string Connect = "Connect-Litmind -Credential $ProductionCred -ApiKey $ApiKey -BaseUri $BaseUri | Out-Null\n";
    private readonly EmulatorFixture fixture;

    public ContentTypeTests(EmulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void ContentType_goes_with_every_parameter_it_names()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            (Invoke-LitmindRequest '_emulator/echo' -Method POST -Body '{"d":1}' -ContentType 'application/json;odata=verbose').contentType
            """).ShouldSucceed();

        Assert.Equal("application/json; odata=verbose", result.Output.Single().BaseObject);
    }

    [Fact]
    public void A_multipart_body_built_by_hand_keeps_its_boundary_and_the_server_reads_its_parts()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $body = "--XyZ`r`nContent-Disposition: form-data; name=`"title`"`r`n`r`nLookbook`r`n--XyZ--`r`n"
            $upload = Invoke-LitmindRequest '_emulator/upload' -Method POST -Body $body -ContentType 'multipart/form-data; boundary=XyZ'
            $upload.parts[0].name
            $upload.parts[0].text
            """).ShouldSucceed();

        Assert.Equal(new object[] { "title", "Lookbook" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void The_charset_ContentType_names_encodes_a_text_a_form_and_json_body()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $latin1 = 'text/plain; charset=iso-8859-1'
            $text = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body 'Café Zürich' -ContentType $latin1
            $form = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body @{ city = 'Zürich' } -ContentType 'application/x-www-form-urlencoded; charset=iso-8859-1'
            $json = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body @{ city = 'Zürich' } -ContentType 'application/json; charset=utf-16'
            $plain = Invoke-LitmindRequest '_emulator/echo' -Method POST -Body 'Café' -ContentType 'text/plain'
            $text.sha256; $text.contentType; $form.text; $json.sha256; $plain.text; $plain.contentType
            """).ShouldSucceed();

        Assert.Equal(
            new object[]
            {
                Sha256(Encoding.Latin1.GetBytes("Café Zürich")), "text/plain; charset=iso-8859-1",
                "city=Z%FCrich",
                Sha256(Encoding.Unicode.GetBytes("""{"city":"Zürich"}""")),
                "Café", "text/plain",
            },
            result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void ContentType_beats_a_Content_Type_in_Headers_which_still_serves_when_it_is_alone()
    {
        using var ps = fixture.NewRunner();
        var result = ps.Run(Connect + """
            $headers = @{ 'Content-Type' = 'text/plain' }
            (Invoke-LitmindRequest '_emulator/echo' -Method POST -Body '{"a":1}' -Headers $headers -ContentType 'application/json').contentType
            (Invoke-LitmindRequest '_emulator/echo' -Method POST -Body '{"a":1}' -Headers $headers).contentType
            """).ShouldSucceed();

        Assert.Equal(new object[] { "application/json", "text/plain" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_null_header_value_is_left_out_not_sent_empty()
    {
        using var ps = fixture.NewRunner();
        ps.Run(Connect + """
            Invoke-LitmindRequest 'session/list' -Headers @{ 'X-Trace' = $null; 'X-Keep' = 'yes'; 'X-Several' = @('a', $null, 'b') } | Out-Null
            """).ShouldSucceed();

        var call = fixture.Emulator.State.RecentRequests.Last();
        Assert.Null(call.Header("X-Trace"));
        Assert.Equal("yes", call.Header("X-Keep"));
        Assert.Equal("a, b", call.Header("X-Several"));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
