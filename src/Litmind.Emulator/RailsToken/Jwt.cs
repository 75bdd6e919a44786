using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Litmind.Emulator.RailsToken;

/// <summary>
/// Issues HS256 JSON Web Tokens shaped like the seed's: header <c>{"alg":"HS256"}</c>, payload
/// <c>{"user_id":…,"exp":…}</c>. The emulator never needs to verify one: it knows every token it issued.
/// </summary>
internal static class Jwt
{
    private static readonly string Header = Encode("""{"alg":"HS256"}"""u8);

    public static string Issue(JsonObject payload, byte[] key)
    {
        var signed = Header + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signed + "." + Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
