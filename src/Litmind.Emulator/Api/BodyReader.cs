using System.Globalization;
using System.Text.Json;

namespace Litmind.Emulator.Api;

/// <summary>
/// Reads the flat name/value bodies the API takes, as form-urlencoded (what the Litmind docs show
/// with <c>curl -d</c>), multipart form, or a JSON object of strings and numbers.
/// </summary>
/// <remarks>
/// Other emulated services word errors differently, so the core (<see cref="ReadAsync"/>) reports a
/// problem as text and each service shapes it; <see cref="ReadFieldsAsync"/> is the Litmind wrapper.
/// </remarks>
internal static class BodyReader
{
    private const string FormOrJson = "send application/x-www-form-urlencoded or application/json";

    /// <summary>The Litmind reading: form or JSON, problems as 400 <c>MalformedBody</c>.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Fields, ApiResult? Error)> ReadFieldsAsync(HttpRequest request)
    {
        var (fields, problem) = await ReadAsync(request, jsonOnly: false);
        return problem is null ? (fields, null) : (null, ApiResult.Error(400, ErrorCodes.MalformedBody, problem));
    }

    /// <summary>
    /// Reads the body's fields, or says what is wrong with it. Field names compare case-insensitively;
    /// a null field (JSON null) counts as absent; an empty body without content type has no fields.
    /// </summary>
    /// <param name="jsonOnly">Refuse form bodies, for services whose documents ask for JSON.</param>
    public static async Task<(IReadOnlyDictionary<string, string>? Fields, string? Problem)> ReadAsync(HttpRequest request, bool jsonOnly)
    {
        var cancel = request.HttpContext.RequestAborted;
        var expected = jsonOnly ? "send application/json" : FormOrJson;
        if (request.HasFormContentType && !jsonOnly)
        {
            try
            {
                var form = await request.ReadFormAsync(cancel);
                return (form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.OrdinalIgnoreCase), null);
            }
            catch (InvalidDataException e)
            {
                return (null, $"The form body could not be read: {e.Message}");
            }
        }

        if (IsJson(request.ContentType))
        {
            return await ReadJsonAsync(request.Body, cancel);
        }

        if (string.IsNullOrEmpty(request.ContentType))
        {
            // No content type and no body is simply a request without fields: report what is missing.
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancel);
            return text.Length == 0
                ? (new Dictionary<string, string>(), null)
                : (null, $"The body has no Content-Type; {expected}.");
        }

        return (null, $"Unsupported Content-Type '{request.ContentType}'; {expected}.");
    }

    /// <summary>The 400 MissingField answer naming every absent field; null when all are present.</summary>
    public static ApiResult? RequireFields(IReadOnlyDictionary<string, string> fields, params string[] names)
    {
        var missing = DescribeMissing(fields, names);
        return missing is null ? null : ApiResult.Error(400, ErrorCodes.MissingField, missing);
    }

    /// <summary>"Missing field 'a'." or "Missing fields 'a', 'b'." for the absent or empty ones; null when all are there.</summary>
    public static string? DescribeMissing(IReadOnlyDictionary<string, string> fields, params string[] names)
    {
        var missing = names.Where(n => !fields.TryGetValue(n, out var value) || string.IsNullOrEmpty(value)).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"Missing field '{missing[0]}'.",
            _ => $"Missing fields {string.Join(", ", missing.Select(m => $"'{m}'"))}.",
        };
    }

    private static async Task<(IReadOnlyDictionary<string, string>?, string?)> ReadJsonAsync(Stream body, CancellationToken cancel)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancel);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The JSON body must be an object.");
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        fields[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        fields[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        fields[property.Name] = property.Value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        return (null, $"Field '{property.Name}' must be a string or a number.");
                }
            }

            return (fields, null);
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
