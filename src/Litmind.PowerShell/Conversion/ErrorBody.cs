using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Conversion
{
    /// <summary>An error answer as read: its text, and the JSON object it holds (null when none).</summary>
    internal sealed class ErrorBody
    {
        public ErrorBody(string text, JObject document)
        {
            Text = text;
            Document = document;
        }

        /// <summary>The body as text (the first MB); empty when the answer had none.</summary>
        public string Text { get; }

        /// <summary>The body's JSON object, for the service's envelope and rules; null for anything else.</summary>
        public JObject Document { get; }
    }
}
