using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Authentication
{
    /// <summary>
    /// How one service logs in, what a login yields, which headers every later call carries and how
    /// an expired session shows. The HTTP pipeline and the cmdlets only talk to this interface, so
    /// another service's login (tokens, cookies, refresh) is a new implementation, not a rewrite.
    /// </summary>
    internal interface ILoginFlow
    {
        /// <summary>A short name for display, e.g. "Litmind".</summary>
        string ServiceName { get; }

        /// <summary>The request headers this flow fills with secrets; debug output shows them redacted.</summary>
        IReadOnlyCollection<string> SecretHeaders { get; }

        /// <summary>
        /// Logs one account in. When <see cref="LoginContext.Existing"/> is set, the account joins
        /// that session (Litmind sends its X-SessionId); otherwise a new session starts.
        /// </summary>
        Task<LoginOutcome> LoginAsync(LoginContext context, CancellationToken cancellationToken);

        /// <summary>Adds the session's credentials to a request made as the given account.</summary>
        void Authorize(HttpRequestMessage request, AuthenticationState state, SessionSecrets secrets, long accountId);

        /// <summary>Whether a failed answer means the session expired and a new login may cure it.</summary>
        bool IndicatesExpiry(int statusCode, ResponseEnvelope envelope);

        /// <summary>
        /// The failure an answer with a success status still reports in its body (Litmind's
        /// isSuccess false), or null when the body reports none.
        /// </summary>
        ResponseEnvelope FindFailure(ResponseEnvelope envelope);

        /// <summary>Rebuilds the server-side session from the handle a user kept (a Litmind session id).</summary>
        AuthenticationState Resume(string resumeHandle);
    }
}
