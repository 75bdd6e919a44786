using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Litmind.Emulator.Api;

/// <summary>
/// <c>/api/v1/_emulator/echo</c> and <c>/api/v1/_emulator/upload</c> (emulator only): what a client
/// sent, described back (length, SHA-256, text when short, headers, multipart parts), so a test
/// can compare the bytes that went over the wire with what it meant to send. Bodies are read as
/// streams, without a size limit, so large uploads cost a small buffer.
/// </summary>
internal static class EchoEndpoints
{
    private const string MultipartFormData = "multipart/form-data";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapMethods("/_emulator/echo", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch], EchoAsync);
        api.MapPost("/_emulator/upload", UploadAsync);
    }

    /// <summary>
    /// <c>{"entity":"Echo",…,"method","contentType","length","sha256","text","headers"}</c>: the body's
    /// digest and the request's headers.
    /// </summary>
    private static async Task<ApiResult> EchoAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        LiftBodyLimit(context);
        var digest = await StreamDigest.ReadAsync(request.Body, keepText: true, context.RequestAborted);
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        return ApiResult.Ok(new JsonObject
        {
            ["entity"] = "Echo",
            ["method"] = request.Method,
            ["contentType"] = request.ContentType,
            ["length"] = digest.Length,
            ["sha256"] = digest.Sha256,
            ["text"] = digest.Text,
            ["headers"] = headers,
        });
    }

    /// <summary>
    /// <c>{"entity":"Upload",…,"parts":[{"name","fileName","contentType","length","sha256","text"}]}</c>
    /// for a multipart/form-data body, part by part; the text only of parts that are not files.
    /// </summary>
    private static async Task<ApiResult> UploadAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.Equals(MultipartFormData, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResult.Error(415, ErrorCodes.UnsupportedMediaType, $"Send {MultipartFormData}, not '{request.ContentType}'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return ApiResult.Error(400, ErrorCodes.MalformedBody, "The multipart/form-data Content-Type has no boundary.");
        }

        LiftBodyLimit(context);
        var parts = new JsonArray();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return ApiResult.Error(400, ErrorCodes.MalformedBody, $"Part {parts.Count + 1} has no Content-Disposition: form-data.");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var isFile = fileName is not null;
                var digest = await StreamDigest.ReadAsync(section.Body, keepText: !isFile, context.RequestAborted);
                parts.Add(new JsonObject
                {
                    ["name"] = HeaderUtilities.RemoveQuotes(disposition.Name).Value,
                    ["fileName"] = fileName,
                    ["contentType"] = section.ContentType,
                    ["length"] = digest.Length,
                    ["sha256"] = digest.Sha256,
                    ["text"] = digest.Text,
                });
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            return ApiResult.Error(400, ErrorCodes.MalformedBody, $"The multipart body could not be read: {e.Message}");
        }

        return ApiResult.Ok(new JsonObject { ["entity"] = "Upload", ["parts"] = parts });
    }

    /// <summary>Kestrel refuses bodies over 30 MB by default; these endpoints take any size, since they keep none of it.</summary>
    private static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }
}
