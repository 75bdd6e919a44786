using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Http;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class ResponseEnvelopeTests
{
    [Theory]
    [InlineData("""{"isSuccess":false,"errorDescription":"Litmind says no","errorCode":"X"}""", false, "Litmind says no", "X")]
    [InlineData("""{"message":"Invalid credentials"}""", null, "Invalid credentials", null)]
    [InlineData("""{"success":false,"error":"organizationId is mandatory","errorCode":1002}""", false, "organizationId is mandatory", "1002")]
    [InlineData("""{"error":{"message":"nested"}}""", null, "nested", null)]
    [InlineData("""{"isSuccess":true,"errorDescription":null}""", true, null, null)]
    public void The_usual_error_fields_of_each_service_are_read(string json, bool? success, string? description, string? code)
    {
        var envelope = ResponseEnvelope.From(JToken.Parse(json));
        Assert.Equal(success, envelope.IsSuccess);
        Assert.Equal(description, envelope.Description);
        Assert.Equal(code, envelope.ErrorCode);
    }

    [Fact]
    public void Non_objects_have_an_empty_envelope() => Assert.Same(ResponseEnvelope.Empty, ResponseEnvelope.From(JToken.Parse("[1,2]")));

    [Theory]
    [InlineData(401, null, true)]
    [InlineData(419, null, true)]
    [InlineData(440, null, true)]
    [InlineData(403, null, true)]
    [InlineData(403, "Session expired. Log in again.", true)]
    [InlineData(403, "User 5 is not logged into this session.", true)]
    [InlineData(403, "Only model agencies have models.", false)]
    [InlineData(200, "Your session has expired", true)]
    [InlineData(404, "Not found", false)]
    [InlineData(400, null, false)]
    public void Litmind_expiry_shows_as_a_40x_or_an_expired_description(int status, string? description, bool expired) =>
        Assert.Equal(expired, LitmindLoginFlow.Instance.IndicatesExpiry(status, new ResponseEnvelope(null, false, description, null)));
}
