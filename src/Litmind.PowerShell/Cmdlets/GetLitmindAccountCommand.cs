using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using Litmind.PowerShell.Authentication;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Sessions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>Writes the accounts logged into a session, as the server lists them (session/list).</summary>
    [Cmdlet(VerbsCommon.Get, "LitmindAccount")]
    [OutputType(typeof(LitmindAccount))]
    public sealed class GetLitmindAccountCommand : LitmindCmdlet
    {
        private const string ListPath = "session/list";

        /// <summary>The session to list. Defaults to the runspace's default session.</summary>
        [Parameter(ValueFromPipeline = true)]
        [LitmindSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public LitmindSession Session { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var session = ResolveSession(Session);
            try
            {
                using (var result = Run((log, token) => SessionClient.SendAsync(session, new ApiRequest(HttpMethod.Get, ListPath), session.Defaults, log, token)))
                {
                    if (!(result.Document is JObject list) || !(list["accounts"] is JArray accounts))
                    {
                        throw Failures.InvalidResponse("GET", EndpointResolver.Resolve(session.BaseUri, ListPath, null), "the answer has no 'accounts' array.", result.StatusCode);
                    }

                    var described = new List<LitmindAccount>();
                    foreach (var entry in accounts)
                    {
                        var account = LitmindLoginFlow.ReadProfile(entry as JObject);
                        if (account == null)
                        {
                            throw Failures.InvalidResponse("GET", EndpointResolver.Resolve(session.BaseUri, ListPath, null), "an account in the list has no numeric id.", result.StatusCode);
                        }

                        described.Add(account);
                    }

                    session.Describe(described);
                    WriteObject(described, enumerateCollection: true);
                }
            }
            catch (LitmindException failure)
            {
                WriteError(ToErrorRecord(failure, session));
            }
        }
    }
}
