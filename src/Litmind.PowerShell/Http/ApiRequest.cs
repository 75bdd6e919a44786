using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Litmind.PowerShell.Http
{
    /// <summary>One call as the user described it: relative path, query, body, extra headers, account.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        public HttpMethod Method { get; }

        /// <summary>The path relative to the session's base URI.</summary>
        public string Path { get; }

        public IList<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The body, or null for none.</summary>
        public RequestBody Body { get; set; }

        /// <summary>Read the body as text instead of parsing JSON.</summary>
        public bool Raw { get; set; }

        /// <summary>Stream the list under this field of the answer's top-level object (-ExpandProperty); null for none.</summary>
        public string ExpandProperty { get; set; }

        /// <summary>Applied to every string of the answer as it is converted (the cmdlet's secret mask); null for none.</summary>
        public Func<string, string> MaskAnswerText { get; set; }

        /// <summary>Parse the answer into a token tree, for the engine's own reading, instead of objects for the pipeline.</summary>
        public bool AsTree { get; set; }

        /// <summary>Where a successful body is copied as it arrives, unparsed and unbounded (-OutFile); null to read it.</summary>
        public System.IO.Stream OutFile { get; set; }
    }
}
