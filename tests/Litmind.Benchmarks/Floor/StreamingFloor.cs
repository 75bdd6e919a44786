using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.Benchmarks.Floor;

/// <summary>
/// The floor of a large list answer: the items read one at a time from the body as it arrives
/// (a top-level array, or the array under one property of an envelope) and each turned into a
/// PSObject, with the floor's one HttpClient. Nothing but the current item is held.
/// </summary>
public static class StreamingFloor
{
    /// <summary>Reads the list at <paramref name="uri"/> and hands each item to <paramref name="write"/>.</summary>
    /// <param name="itemsProperty">The envelope's property that holds the list; a top-level array needs none.</param>
    public static void Read(FloorClient floor, Uri uri, string itemsProperty, Action<PSObject> write)
    {
        using var body = floor.OpenStream(uri, out var response);
        using (response)
        using (var reader = new JsonTextReader(new StreamReader(body)))
        {
            if (!reader.Read())
            {
                throw new InvalidDataException("The answer is empty.");
            }

            if (reader.TokenType == JsonToken.StartArray)
            {
                ReadItems(reader, write);
                return;
            }

            if (reader.TokenType != JsonToken.StartObject)
            {
                throw new InvalidDataException($"The answer is neither an array nor an object but {reader.TokenType}.");
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                if (string.Equals(name, itemsProperty, StringComparison.Ordinal) && reader.TokenType == JsonToken.StartArray)
                {
                    ReadItems(reader, write);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    /// <summary>With the reader on an array's start, reads up to its end, one item at a time.</summary>
    private static void ReadItems(JsonTextReader reader, Action<PSObject> write)
    {
        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
        {
            write(ToPSObject(JToken.ReadFrom(reader)));
        }
    }

    private static PSObject ToPSObject(JToken token) => token is JObject item ? ToObject(item) : PSObject.AsPSObject(ToValue(token)!);

    private static PSObject ToObject(JObject item)
    {
        var result = new PSObject();
        foreach (var property in item.Properties())
        {
            result.Properties.Add(new PSNoteProperty(property.Name, ToValue(property.Value)));
        }

        return result;
    }

    private static object? ToValue(JToken token) => token switch
    {
        JObject item => ToObject(item),
        JArray array => array.Select(ToValue).ToArray(),
        JValue value => value.Value,
        _ => null,
    };
}
