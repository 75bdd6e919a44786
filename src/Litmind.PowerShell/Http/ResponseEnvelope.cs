using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Http
{
    /// <summary>
    /// The parts of a JSON answer that say whether a call worked and why not. Services name these
    /// fields differently (Litmind errorDescription, Rails message, Hypernative error), so all the
    /// usual names are read here once.
    /// </summary>
    internal sealed class ResponseEnvelope
    {
        public static readonly ResponseEnvelope Empty = new ResponseEnvelope(null, null, null, null);

        public ResponseEnvelope(string entity, bool? isSuccess, string description, string errorCode)
        {
            Entity = entity;
            IsSuccess = isSuccess;
            Description = description;
            ErrorCode = errorCode;
        }

        /// <summary>The answer's entity name (Litmind), or null.</summary>
        public string Entity { get; }

        /// <summary>The body's own success flag (isSuccess / success), or null when absent.</summary>
        public bool? IsSuccess { get; }

        /// <summary>The server's description of an error, or null.</summary>
        public string Description { get; }

        /// <summary>The server's error code, or null.</summary>
        public string ErrorCode { get; }

        public static ResponseEnvelope From(JToken body)
        {
            if (!(body is JObject obj))
            {
                return Empty;
            }

            return new ResponseEnvelope(
                StringOf(obj["entity"]),
                BoolOf(obj["isSuccess"]) ?? BoolOf(obj["success"]),
                StringOf(obj["errorDescription"]) ?? StringOf(obj["message"]) ?? ErrorText(obj["error"]) ?? StringOf(obj["error_description"]),
                StringOf(obj["errorCode"]) ?? StringOf(obj["code"]));
        }

        private static string ErrorText(JToken token)
        {
            // Some services nest the error: { "error": { "message": "..." } }.
            if (token is JObject nested)
            {
                return StringOf(nested["message"]) ?? StringOf(nested["description"]);
            }

            return StringOf(token);
        }

        private static string StringOf(JToken token)
        {
            if (token == null || token.Type == JTokenType.Null || token.Type == JTokenType.Object || token.Type == JTokenType.Array)
            {
                return null;
            }

            string text = token.ToString();
            return text.Length == 0 ? null : text;
        }

        private static bool? BoolOf(JToken token) => token != null && token.Type == JTokenType.Boolean ? (bool?)token.Value<bool>() : null;
    }
}
