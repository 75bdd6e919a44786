using System.Net.Http;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class HeaderRulesTests
{
    [Theory]
    [InlineData("a\r\nX-UserId: 1")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\0b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u001bb")]
    public void Control_characters_in_a_value_are_refused(string value) =>
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<LitmindException>(() => HeaderRules.CheckValue(value, "-SessionId")).ErrorId);

    [Theory]
    [InlineData("")]
    [InlineData("plain text, with: punctuation; and\ttabs")]
    public void Printable_values_and_tabs_pass(string value) => HeaderRules.CheckValue(value, "-SessionId");

    [Theory]
    [InlineData("X-Request-Id", true)]
    [InlineData("x_custom.header~1", true)]
    [InlineData("", false)]
    [InlineData("Bad Name", false)]
    [InlineData("X-A:", false)]
    [InlineData("X-A\r\nX-B", false)]
    [InlineData("(comment)", false)]
    public void Header_names_are_tokens(string name, bool valid) => Assert.Equal(valid, HeaderRules.IsToken(name));

    [Fact]
    public void The_message_names_the_header_and_never_quotes_the_value()
    {
        var failure = Assert.Throws<LitmindException>(() => HeaderRules.CheckHeader("X-Note", "secret-value\r\nX-UserId: 1", "-Headers"));
        Assert.Contains("-Headers 'X-Note'", failure.Message);
        Assert.DoesNotContain("secret-value", failure.Message);
    }

    [Fact]
    public void The_last_guard_refuses_a_built_request_whatever_added_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/api/v1/session/list");
        request.Headers.TryAddWithoutValidation("X-SessionId", "abc\r\nX-UserId: 1");

        var failure = Assert.Throws<LitmindException>(() => HeaderRules.Check(request));

        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("request header 'X-SessionId'", failure.Message);
    }

    [Fact]
    public void The_last_guard_passes_an_ordinary_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/api/v1/castings") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("X-Key", "litmind-demo-key");
        request.Headers.Accept.ParseAdd("application/json");
        HeaderRules.Check(request);
    }

    [Theory]
    [InlineData("café")]
    [InlineData("東京")]
    public void Values_outside_ascii_are_refused_at_once(string value)
    {
        var failure = Assert.Throws<LitmindException>(() => HeaderRules.CheckValue(value, "-Headers 'X-Note'"));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("outside ASCII", failure.Message);
        Assert.DoesNotContain(value, failure.Message);
    }
}
