using Newtonsoft.Json;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>A JSON object names a key twice (PowerShell property names ignore case), so it has no one PowerShell object.</summary>
    internal sealed class DuplicateKeyException : JsonException
    {
        public DuplicateKeyException(string objectPath, string first, string second)
            : base(string.Equals(first, second, System.StringComparison.Ordinal) ? Messages.KeyRepeated(objectPath, first) : Messages.KeysDifferInCase(objectPath, first, second))
        {
        }
    }
}
