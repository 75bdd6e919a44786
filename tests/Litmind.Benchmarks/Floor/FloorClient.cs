using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Litmind.Benchmarks.Floor;

/// <summary>
/// The floor every scenario is measured against: the least a client must do for one call, written
/// in C#. One HttpClient for the whole run, the session headers set once, the answer read as text
/// and parsed with <see cref="JToken.Parse(string)"/>. It logs in on its own, so its session is
/// not the module's.
/// </summary>
public sealed class FloorClient : IDisposable
{
    private readonly HttpClient client;
    private readonly Uri callUri;

    private FloorClient(HttpClient client, Uri baseUri, string apiKey, string sessionId, long userId, string path)
    {
        this.client = client;
        BaseUri = baseUri;
        ApiKey = apiKey;
        SessionId = sessionId;
        UserId = userId;
        callUri = new Uri(baseUri, path);
    }

    /// <summary>The floor the cmdlets and <c>ForEach-Object -Parallel</c> blocks of the run call.</summary>
    public static FloorClient? Shared { get; set; }

    public Uri BaseUri { get; }

    public string ApiKey { get; }

    /// <summary>The floor's own session id; Invoke-RestMethod's scenarios send it too.</summary>
    public string SessionId { get; }

    public long UserId { get; }

    /// <summary>The client, for the streaming floor of large answers.</summary>
    internal HttpClient Client => client;

    /// <summary>Logs in with a form body, as the API's documentation shows, and sets the session headers once.</summary>
    /// <param name="path">The endpoint <see cref="Call"/> requests, relative to <paramref name="baseUri"/>.</param>
    public static FloorClient Connect(Uri baseUri, string apiKey, string userName, string password, string path)
    {
        var client = new HttpClient();
        try
        {
            client.DefaultRequestHeaders.Add("X-Key", apiKey);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["emailOrUsername"] = userName,
                ["password"] = password,
            });
            using var response = client.PostAsync(new Uri(baseUri, "session/login"), form).GetAwaiter().GetResult();
            var login = JObject.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            if (!response.IsSuccessStatusCode || login.Value<bool?>("isSuccess") != true)
            {
                throw new InvalidOperationException($"The floor could not log in as {userName}: {(int)response.StatusCode} {login.Value<string>("errorDescription")}");
            }

            var sessionId = login.Value<string>("sessionId")!;
            var userId = login["profile"]!.Value<long>("id");
            client.DefaultRequestHeaders.Add("X-SessionId", sessionId);
            client.DefaultRequestHeaders.Add("X-UserId", userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new FloorClient(client, baseUri, apiKey, sessionId, userId, path);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One call: send, read the body as text, parse it.</summary>
    public JToken Call()
    {
        using var response = client.GetAsync(callUri).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return JToken.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary><paramref name="calls"/> calls in a row; returns the elapsed time.</summary>
    public TimeSpan Run(int calls)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            Call();
        }

        return stopwatch.Elapsed;
    }

    /// <summary>Opens a GET whose body is read as it arrives (large answers).</summary>
    internal Stream OpenStream(Uri uri, out HttpResponseMessage response)
    {
        response = client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => client.Dispose();
}
