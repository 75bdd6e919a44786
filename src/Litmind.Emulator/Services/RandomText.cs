using System.Security.Cryptography;

namespace Litmind.Emulator.Services;

/// <summary>Unguessable strings for session ids, bearers, csrf values and tokens.</summary>
internal static class RandomText
{
    /// <summary><paramref name="bytes"/> random bytes as lowercase hex (twice as many characters).</summary>
    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A string of <paramref name="length"/> random decimal digits, the first not zero.</summary>
    public static string Digits(int length)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(i == 0 ? 1 : 0, 10));
        }

        return new string(digits);
    }
}
