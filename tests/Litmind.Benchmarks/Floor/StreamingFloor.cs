using System.Globalization;
using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Litmind.Benchmarks.Floor;

/// <summary>
/// The floor of a large list answer: the items read one at a time from the body as it arrives
/// (a top-level array, or the array under one property of an envelope) and each turned into a
/// PSObject, with the floor's one HttpClient. Nothing but the current item is held. A list in
/// pages is read the same way, one page after another (<see cref="ReadPages"/>).
/// </summary>
public static class StreamingFloor
{
    /// <summary>Reads the list at <paramref name="uri"/> and hands each item to <paramref name="write"/>.</summary>
    /// <param name="itemsProperty">The envelope's property that holds the list; a top-level array needs none.</param>
    public static void Read(FloorClient floor, Uri uri, string itemsProperty, Action<PSObject> write) =>
        ReadPage(floor, uri, itemsProperty, totalProperty: null, write);

    /// <summary>
    /// Reads the list at <paramref name="uri"/> page after page (<c>page</c> from 1 and
    /// <c>pageSize</c> added to its query), each page as <see cref="Read"/> reads a list, and
    /// stops where a listing must: at an empty or short page, or once the items read reach the
    /// total the envelope states. Returns the pages read.
    /// </summary>
    /// <param name="totalProperty">The envelope's property that states the list's total.</param>
    public static int ReadPages(FloorClient floor, Uri uri, string itemsProperty, string totalProperty, int pageSize, Action<PSObject> write)
    {
        var query = (string.IsNullOrEmpty(uri.Query) ? "?" : "&") + "pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture) + "&page=";
        long passed = 0;
        for (var page = 1; ; page++)
        {
            var (items, total) = ReadPage(floor, new Uri(uri.AbsoluteUri + query + page.ToString(CultureInfo.InvariantCulture)), itemsProperty, totalProperty, write);
            passed += items;
            if (items < pageSize || (total is long all && passed >= all))
            {
                return page;
            }
        }
    }

    /// <summary>One answer: the items read and, when <paramref name="totalProperty"/> names an integer of the envelope, the total.</summary>
    private static (long Items, long? Total) ReadPage(FloorClient floor, Uri uri, string itemsProperty, string? totalProperty, Action<PSObject> write)
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
                return (ReadItems(reader, write), null);
            }

            if (reader.TokenType != JsonToken.StartObject)
            {
                throw new InvalidDataException($"The answer is neither an array nor an object but {reader.TokenType}.");
            }

            long items = 0;
            long? total = null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                if (string.Equals(name, itemsProperty, StringComparison.Ordinal) && reader.TokenType == JsonToken.StartArray)
                {
                    items = ReadItems(reader, write);
                }
                else if (string.Equals(name, totalProperty, StringComparison.Ordinal) && reader.TokenType == JsonToken.Integer)
                {
                    total = Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture);
                }
                else
                {
                    reader.Skip();
                }
            }

            return (items, total);
        }
    }

    /// <summary>With the reader on an array's start, reads up to its end, one item at a time; returns how many.</summary>
    private static long ReadItems(JsonTextReader reader, Action<PSObject> write)
    {
        long count = 0;
        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
        {
            write(ToPSObject(JToken.ReadFrom(reader)));
            count++;
        }

        return count;
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
