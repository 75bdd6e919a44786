using System;
using System.Collections.Generic;
using System.Net.Http;
using Litmind.PowerShell.Services.Definitions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Services
{
    /// <summary>
    /// An answer as the service's envelope reads it: its status, its headers, its body, and what the
    /// body says about success, the error and its code.
    /// </summary>
    internal sealed class ServiceAnswer
    {
        private static readonly IEnumerable<string> None = new string[0];

        private readonly HttpResponseMessage response;

        public ServiceAnswer(int status, JToken body, bool? success, string message, string code, HttpResponseMessage response = null)
        {
            Status = status;
            Body = body;
            Success = success;
            Message = message;
            Code = code;
            this.response = response;
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

        /// <summary>The values of a response header (the content's included); none when it is absent.</summary>
        public IEnumerable<string> Header(string name) => response == null ? None : Http.ResponseHeaders.Values(response, name);

        /// <summary>Whether any of <paramref name="rules"/> holds for this answer.</summary>
        public bool Matches(AnswerRules rules) => rules.Matches(Status, Code, Body, Header);

        /// <summary>Whether <paramref name="rule"/> holds for this answer.</summary>
        public bool Matches(AnswerRule rule) => rule.Matches(Status, Code, Body, Header);
    }
}
