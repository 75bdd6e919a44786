using System.Net;
using System.Text.Json.Nodes;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>Litmind writes that answer without a body: deleting a notification, archiving a casting.</summary>
public sealed class LitmindWriteTests : IClassFixture<ServiceEmulatorFixture>
{
    private readonly ServiceEmulatorFixture fixture;

    public LitmindWriteTests(ServiceEmulatorFixture fixture) => this.fixture = fixture.Reset();

    [Fact]
    public async Task Deleting_a_notification_answers_200_with_an_empty_body_and_no_content_type()
    {
        var production = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);

        var deleted = (await SendAsync(HttpMethod.Delete, "account/status/notifications/2", production)).Is(HttpStatusCode.OK);

        Assert.Equal("", deleted.Body);
        Assert.Null(deleted.ContentType);
        Assert.Equal(new long[] { 1, 3, 4 }, await NotificationIdsAsync(production));
        var again = (await SendAsync(HttpMethod.Delete, "account/status/notifications/2", production)).Is(HttpStatusCode.NotFound).Json;
        Assert.Equal(("Error", "NotFound"), ((string)again["entity"]!, (string)again["errorCode"]!));
        (await SendAsync(HttpMethod.Delete, "account/status/notifications/5", production)).Is(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Get, "account/status/notifications/1", production)).Is(HttpStatusCode.MethodNotAllowed);

        fixture.State.Reset();
        production = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, await NotificationIdsAsync(production));
    }

    [Fact]
    public async Task The_owner_archives_a_casting_with_204_and_nobody_else_may()
    {
        var production = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);
        var agency = await LitmindLogin.LoginAsync(fixture, DemoData.Agency);

        var refused = (await SendAsync(HttpMethod.Post, "castings/501/archive", agency)).Is(HttpStatusCode.Forbidden).Json;
        Assert.Equal("Forbidden", (string)refused["errorCode"]!);
        (await SendAsync(HttpMethod.Post, "castings/503/archive", agency)).Is(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Post, "castings/999/archive", production)).Is(HttpStatusCode.NotFound);

        var archived = (await SendAsync(HttpMethod.Post, "castings/501/archive", production)).Is(HttpStatusCode.NoContent);
        Assert.Equal("", archived.Body);
        Assert.Null(archived.ContentType);
        (await SendAsync(HttpMethod.Post, "castings/501/archive", production)).Is(HttpStatusCode.NoContent);
        Assert.Equal("Archived", (string)(await SendAsync(HttpMethod.Get, "castings/501", production)).Is(HttpStatusCode.OK).Json["status"]!);
        var propose = new FormUrlEncodedContent([KeyValuePair.Create("modelId", "300008")]);
        (await SendAsync(HttpMethod.Post, "castings/501/candidates", agency, propose)).Is(HttpStatusCode.Conflict);

        fixture.State.Reset();
        production = await LitmindLogin.LoginAsync(fixture, DemoData.ProductionCompany);
        Assert.Equal("Open", (string)(await SendAsync(HttpMethod.Get, "castings/501", production)).Is(HttpStatusCode.OK).Json["status"]!);
    }

    private async Task<long[]> NotificationIdsAsync((string, string)[] headers) =>
        [.. (await SendAsync(HttpMethod.Get, "account/status/notifications", headers)).Is(HttpStatusCode.OK).Json["items"]!.AsArray().Select(n => (long)n!["id"]!)];

    private Task<Answer> SendAsync(HttpMethod method, string path, (string Name, string Value)[] headers, HttpContent? content = null) =>
        fixture.SendAsync(method, new Uri(fixture.Emulator.BaseUri, path), content, headers);
}
