using System.Globalization;
using System.Text.Json;

namespace Litmind.Emulator.Api;

/// <summary>
/// Reads the flat name/value bodies the API takes, as form-urlencoded (what the Litmind docs show
/// with <c>curl -d</c>), multipart form, or a JSON object of strings and numbers.
/// </summary>
internal static class BodyReader
{
    /// <summary>Field names compare case-insensitively; a null field (JSON null) counts as absent.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Fields, ApiResult? Error)> ReadFieldsAsync(HttpRequest request)
    {
        var cancel = request.HttpContext.RequestAborted;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(cancel);
                return (form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.OrdinalIgnoreCase), null);
            }
            catch (InvalidDataException e)
            {
                return (null, Malformed($"The form body could not be read: {e.Message}"));
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
                : (null, Malformed("The body has no Content-Type; send application/x-www-form-urlencoded or application/json."));
        }

        return (null, Malformed($"Unsupported Content-Type '{request.ContentType}'; send application/x-www-form-urlencoded or application/json."));
    }

    /// <summary>The 400 MissingField answer naming every absent field; null when all are present.</summary>
    public static ApiResult? RequireFields(IReadOnlyDictionary<string, string> fields, params string[] names)
    {
        var missing = names.Where(n => !fields.TryGetValue(n, out var value) || string.IsNullOrEmpty(value)).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => ApiResult.Error(400, ErrorCodes.MissingField, $"Missing field '{missing[0]}'."),
            _ => ApiResult.Error(400, ErrorCodes.MissingField, $"Missing fields {string.Join(", ", missing.Select(m => $"'{m}'"))}."),
        };
    }

    private static async Task<(IReadOnlyDictionary<string, string>?, ApiResult?)> ReadJsonAsync(Stream body, CancellationToken cancel)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancel);
        }
        catch (JsonException e)
        {
            return (null, Malformed($"The body is not valid JSON: {e.Message}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Malformed("The JSON body must be an object."));
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
                        return (null, Malformed($"Field '{property.Name}' must be a string or a number."));
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

    private static ApiResult Malformed(string description) => ApiResult.Error(400, ErrorCodes.MalformedBody, description);
}
