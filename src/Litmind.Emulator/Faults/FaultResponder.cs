using System.Text;
using Litmind.Emulator.Api;
using Litmind.Emulator.Services;

namespace Litmind.Emulator;

/// <summary>Plays a <see cref="Fault"/> on a request.</summary>
internal static class FaultResponder
{
    private const int FillerChunkSize = 16 * 1024;
    private static readonly byte[] FillerPrefix = Encoding.UTF8.GetBytes("{\"entity\":\"Big\",\"items\":[\"");

    /// <summary>
    /// Plays the fault. Returns true when the request is finished (answered, dropped or abandoned)
    /// and false when only a delay was asked for and the real answer should follow.
    /// </summary>
    /// <param name="service">The service the request is for: a status-only fault answers in its error shape.</param>
    /// <param name="stopping">Fires when the emulator shuts down, so hanging requests do not hold up disposal.</param>
    public static async Task<bool> PlayAsync(HttpContext context, Fault fault, EmulatedService service, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancel = linked.Token;
        try
        {
            if (fault.DelayMs > 0)
            {
                await Task.Delay(fault.DelayMs, cancel);
            }

            if (fault.DropConnection)
            {
                context.Abort();
                return true;
            }

            if (fault.NeverAnswer)
            {
                // Only a client disconnect or emulator shutdown ends this wait (through the catch below).
                await Task.Delay(Timeout.Infinite, cancel);
            }

            if (!fault.Answers)
            {
                return false;
            }

            await AnswerAsync(context, fault, service, cancel);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away or the emulator is stopping: nobody is listening for an answer.
            context.Abort();
            return true;
        }
    }

    private static async Task AnswerAsync(HttpContext context, Fault fault, EmulatedService service, CancellationToken cancel)
    {
        var response = context.Response;
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        if (fault.RedirectTo is not null)
        {
            response.StatusCode = fault.StatusCode ?? 302;
            response.Headers.Location = fault.RedirectTo;
            return;
        }

        var status = fault.StatusCode ?? 200;
        if (fault.TrickleMs > 0)
        {
            response.StatusCode = status;
            response.ContentType = fault.ContentType ?? ApiResult.JsonContentType;
            await TrickleAsync(response, fault, cancel);
        }
        else if (fault.EchoRequestHeaders)
        {
            await EchoHeaders(context.Request, status).ExecuteAsync(context);
        }
        else if (fault.Body is not null)
        {
            response.StatusCode = status;
            response.ContentType = fault.ContentType ?? ApiResult.JsonContentType;
            var bytes = EncodingOf(response.ContentType).GetBytes(fault.Body);
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, cancel);
        }
        else if (fault.BodySizeBytes is { } size)
        {
            response.StatusCode = status;
            response.ContentType = fault.ContentType ?? ApiResult.JsonContentType;
            await StreamFillerAsync(response, size, cancel);
        }
        else if (status >= 400)
        {
            var (code, description) = ErrorFor(status);
            await service.Error(status, code, description).ExecuteAsync(context);
        }
        else
        {
            response.StatusCode = status;
        }
    }

    /// <summary>
    /// Writes <paramref name="size"/> bytes of JSON that never closes, chunk by chunk, so even a
    /// gigabyte costs the emulator one small buffer; no Content-Length, so the client cannot tell
    /// the size up front.
    /// </summary>
    private static async Task StreamFillerAsync(HttpResponse response, long size, CancellationToken cancel)
    {
        await response.StartAsync(cancel);
        var prefixLength = (int)Math.Min(FillerPrefix.Length, size);
        await response.Body.WriteAsync(FillerPrefix.AsMemory(0, prefixLength), cancel);

        var chunk = new byte[FillerChunkSize];
        chunk.AsSpan().Fill((byte)'x');
        for (var remaining = size - prefixLength; remaining > 0; remaining -= FillerChunkSize)
        {
            var length = (int)Math.Min(FillerChunkSize, remaining);
            await response.Body.WriteAsync(chunk.AsMemory(0, length), cancel);
        }
    }

    /// <summary>A JSON envelope whose bytes arrive one per interval (white space between fields), then its end.</summary>
    private static async Task TrickleAsync(HttpResponse response, Fault fault, CancellationToken cancel)
    {
        await response.StartAsync(cancel);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"entity\":\"Slow\",\"isSuccess\":true,"), cancel);
        await response.Body.FlushAsync(cancel);
        var space = new byte[] { (byte)' ' };
        for (var waited = 0; waited < fault.TrickleForMs; waited += fault.TrickleMs)
        {
            await Task.Delay(fault.TrickleMs, cancel);
            await response.Body.WriteAsync(space, cancel);
            await response.Body.FlushAsync(cancel);
        }

        await response.Body.WriteAsync(Encoding.UTF8.GetBytes("\"errorDescription\":null}"), cancel);
    }

    /// <summary>The charset a content type names (so a Latin-1 answer can be played), else UTF-8.</summary>
    private static Encoding EncodingOf(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.Encoding is { } named ? named : Encoding.UTF8;

    private static ApiResult EchoHeaders(HttpRequest request, int status)
    {
        if (status >= 400)
        {
            var quoted = string.Join("; ", request.Headers.Select(h => h.Key + ": " + h.Value));
            return ApiResult.Error(status, $"Http{status}", "Request rejected. Headers received: " + quoted);
        }

        var headers = new System.Text.Json.Nodes.JsonObject();
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return ApiResult.Raw(new System.Text.Json.Nodes.JsonObject { ["entity"] = "Echo", ["isSuccess"] = true, ["errorDescription"] = null, ["headers"] = headers }, status);
    }

    private static (string Code, string Description) ErrorFor(int status) => status switch
    {
        429 => (ErrorCodes.Throttled, "Too many requests"),
        503 => (ErrorCodes.Unavailable, "Service unavailable"),
        500 => (ErrorCodes.ServerError, "Internal server error"),
        502 => (ErrorCodes.BadGateway, "Bad gateway"),
        504 => (ErrorCodes.GatewayTimeout, "Gateway timeout"),
        401 => (ErrorCodes.Unauthorized, "Unauthorized"),
        403 => (ErrorCodes.Forbidden, "Forbidden"),
        404 => (ErrorCodes.NotFound, "Not found"),
        _ => ($"Http{status}", Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}"),
    };
}
