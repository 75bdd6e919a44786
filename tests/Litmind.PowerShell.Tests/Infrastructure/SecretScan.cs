using System.Text;
using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>Scans text for every secret the tests use: the API key, demo passwords and session ids.</summary>
public static class SecretScan
{
    public static void AssertNoneIn(string text, LitmindEmulator emulator, params string[] extra)
    {
        var secrets = new List<string> { emulator.ApiKey };
        secrets.AddRange(DemoData.Accounts.Select(a => a.Password));
        secrets.AddRange(emulator.State.Sessions.Select(s => s.SessionId));
        secrets.AddRange(extra);
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret ({secret[..4]}…) appeared in the output:\n{text}");
        }
    }

    /// <summary>The secret appears neither as text nor in the encodings serializers use for SecureStrings.</summary>
    public static void AssertNoForm(string text, string secret)
    {
        var utf16 = Encoding.Unicode.GetBytes(secret);
        foreach (var form in new[] { secret, Convert.ToHexString(utf16), Convert.ToBase64String(utf16) })
        {
            Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"A secret ({secret[..4]}…) appeared in the output:\n{text}");
        }
    }
}
