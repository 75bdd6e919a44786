using System.Globalization;

namespace Litmind.Emulator.Api;

/// <summary>Whole-number query parameters with a default and a range, as every list endpoint reads them.</summary>
internal static class QueryNumber
{
    /// <summary>
    /// Parses <paramref name="text"/> as a whole number from <paramref name="min"/> to <paramref name="max"/>;
    /// an absent or empty value is <paramref name="fallback"/>. Signs, spaces and decimals are refused.
    /// </summary>
    public static bool TryParse(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
