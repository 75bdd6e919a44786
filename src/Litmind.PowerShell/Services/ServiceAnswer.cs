using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// An answer as the service's envelope reads it: its status, its body, and what the body says
    /// about success, the error and its code.
    /// </summary>
    internal sealed class ServiceAnswer
    {
        public ServiceAnswer(int status, JToken body, bool? success, string message, string code)
        {
            Status = status;
            Body = body;
            Success = success;
            Message = message;
            Code = code;
        }

        public int Status { get; }

        /// <summary>The parsed body, or null when it was empty or not JSON.</summary>
        public JToken Body { get; }

        /// <summary>The body's own success flag, or null when it has none.</summary>
        public bool? Success { get; }

        /// <summary>The server's description of an error, or null.</summary>
        public string Message { get; }

        /// <summary>The server's error code, or null.</summary>
        public string Code { get; }

        /// <summary>True when the body itself says the call failed, whatever the status.</summary>
        public bool ReportsFailure => Success == false;
    }
}
