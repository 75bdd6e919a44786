using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>Sessions made as Connect-Litmind makes them, without a runspace, for the engine's own tests.</summary>
internal static class TestSessions
{
    public static SessionSettings Settings(CompiledService service, Uri baseUri, SecretBag? secrets = null, IReadOnlyDictionary<string, object>? parameters = null, Func<DateTimeOffset>? clock = null, CallOptions? defaults = null) =>
        new(service, SessionFactory.CheckBaseUri(baseUri, allowUnencryptedAuthentication: false), secrets ?? new SecretBag(null))
        {
            Parameters = parameters ?? new Dictionary<string, object>(),
            Defaults = defaults ?? new CallOptions { RetryInterval = TimeSpan.Zero },
            Clock = clock ?? SessionSettings.SystemClock,
        };

    public static Task<LitmindSession> ConnectAsync(SessionSettings settings, string user, string password, IOperationLog? log = null, bool keepCredential = true) =>
        SessionFactory.ConnectAsync(settings, new LoginCredential(user, SecretText.Protect(password)), keepCredential, log ?? NullOperationLog.Instance, CancellationToken.None);

    /// <summary>A GET as the primary account, its answer read as the engine reads its own (a token tree).</summary>
    public static async Task<Newtonsoft.Json.Linq.JToken> GetTreeAsync(LitmindSession session, string path, IOperationLog? log = null)
    {
        using var result = await session.SendAsync(new ApiRequest(HttpMethod.Get, path) { Shape = AnswerShape.Tree }, null, session.Defaults, log ?? NullOperationLog.Instance, CancellationToken.None);
        return result.Items != null ? new Newtonsoft.Json.Linq.JArray(result.Items.ToArray()) : result.Document!;
    }
}
