using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Litmind.Emulator.Services;

/// <summary>
/// Cursors and skip tokens that a client must treat as opaque: a few numbers (where the next page
/// starts, the list's total, the page size) with a signature, base64url-encoded. Signed so that a
/// cursor the emulator did not issue (a typo, a guess, one of another list) is refused, as a real
/// API refuses it, without keeping any state per cursor.
/// </summary>
internal static class OpaqueCursor
{
    private const int TagBytes = 12;

    /// <summary>Signs this process's cursors; they are never meant to outlive it.</summary>
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <param name="purpose">Which list (and whose) the cursor belongs to; a cursor read for another purpose is unknown.</param>
    public static string Create(string purpose, params long[] values)
    {
        var payload = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(i * sizeof(long)), values[i]);
        }

        return Base64Url.EncodeToString([.. payload, .. Tag(purpose, payload)]);
    }

    /// <summary>Reads a cursor of <paramref name="purpose"/> holding <paramref name="count"/> numbers; false when it is not one this process issued.</summary>
    public static bool TryRead(string cursor, string purpose, int count, out long[] values)
    {
        values = [];
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var length = count * sizeof(long);
        if (bytes.Length != length + TagBytes
            || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(length), Tag(purpose, bytes.AsSpan(0, length))))
        {
            return false;
        }

        values = new long[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(i * sizeof(long)));
        }

        return true;
    }

    private static byte[] Tag(string purpose, ReadOnlySpan<byte> payload)
    {
        byte[] message = [.. Encoding.UTF8.GetBytes(purpose), 0, .. payload];
        return HMACSHA256.HashData(Key, message)[..TagBytes];
    }
}
