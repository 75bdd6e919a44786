using System;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>Reads a JWT's exp claim without verifying the token: the server verifies it; the module only plans renewal.</summary>
    internal static class Jwt
    {
        /// <summary>The token's exp as a time, or null when it is not a JWT or has no numeric exp.</summary>
        public static DateTimeOffset? ReadExpiry(string token)
        {
            var parts = token?.Split('.');
            if (parts == null || parts.Length != 3)
            {
                return null;
            }

            try
            {
                string payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                var claims = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
                var exp = claims["exp"];
                return exp != null && (exp.Type == JTokenType.Integer || exp.Type == JTokenType.Float)
                    ? DateTimeOffset.FromUnixTimeSeconds((long)(double)exp)
                    : (DateTimeOffset?)null;
            }
            catch (Exception ex) when (ex is FormatException || ex is Newtonsoft.Json.JsonException || ex is ArgumentException || ex is OverflowException)
            {
                return null;
            }
        }
    }
}
