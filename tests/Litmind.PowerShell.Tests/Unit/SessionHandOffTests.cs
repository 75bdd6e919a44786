using System.Runtime.CompilerServices;
using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;
using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class SessionHandOffTests
{
    private const string ApiKey = "key-0123456789abcdef";
    private static readonly ServiceEnvironment NoEnvironment = Environment(null, null);

    /// <summary>An environment that holds only the two variables Litmind's definition names.</summary>
    private static ServiceEnvironment Environment(string? apiKey, string? baseUri) =>
        new(name => name switch { "LITMIND_API_KEY" => apiKey, "LITMIND_BASE_URI" => baseUri, _ => null });

    private static LitmindSession NewSession(string baseUri, string sessionId, bool allowUnencrypted = false) =>
        SessionFactory.Resume(
            new SessionSettings(ServiceCatalog.Default, SessionFactory.CheckBaseUri(new Uri(baseUri), allowUnencrypted), new SecretBag([new("apiKey", SecretText.Protect(ApiKey))]))
            {
                Defaults = new CallOptions().With(30, 5, 2),
                AllowUnencryptedAuthentication = allowUnencrypted,
            },
            sessionId,
            [new LitmindAccount(240001, "northstar-agency", null, null), new LitmindAccount(240101, "ava-north", null, null)]);

    /// <summary>Data that claims to be a hand-off of a Litmind session.</summary>
    private static LitmindSessionHandOff HandOff(string service, Uri? baseUri, LitmindAccount[] accounts, string? sessionId, string? apiKey, int timeoutSec = 0, int retries = -1, int interval = -1) => new()
    {
        Service = service,
        BaseUri = baseUri!,
        Accounts = accounts,
        SessionId = sessionId == null ? null : SecretText.Protect(sessionId),
        ApiKey = apiKey == null ? null : SecretText.Protect(apiKey),
        TimeoutSec = timeoutSec,
        MaximumRetryCount = retries,
        RetryIntervalSec = interval,
    };

    private static LitmindSessionHandOff Forged(string baseUri, string? apiKey = null) =>
        HandOff("Litmind", new Uri(baseUri), [new LitmindAccount(1, null, null, null)], new string('f', 64), apiKey);

    [Fact]
    public void A_hand_off_rebuilds_the_session_as_it_was_with_its_own_handle()
    {
        var session = NewSession("https://litmind.test/api/v1", new string('a', 64));

        var rebuilt = SessionHandOff.Rebuild(SessionHandOff.Create(session), NoEnvironment);

        Assert.Equal(session.BaseUri, rebuilt.BaseUri);
        Assert.Equal(new object[] { 240001L, 240101L }, rebuilt.Accounts.Select(a => a.Id));
        Assert.Equal("northstar-agency", rebuilt.UserName);
        Assert.Equal(new string('a', 64), rebuilt.Engine.State.Current!.Handle);
        Assert.Equal(ApiKey, rebuilt.Engine.Settings.Secrets.Reveal("apiKey"));
        Assert.Equal((30, 5, 2), (rebuilt.TimeoutSec, rebuilt.MaximumRetryCount, rebuilt.RetryIntervalSec));
        Assert.NotEqual(session.Handle, rebuilt.Handle);
        Assert.False(rebuilt.CanReconnect);
        Assert.Contains("authenticates to https://litmind.test with the API key the hand-off carries", SessionHandOff.OriginOf(rebuilt)!.Description);
        Assert.Null(SessionHandOff.OriginOf(session));
    }

    [Fact]
    public void A_hand_off_is_refused_for_a_disconnected_session()
    {
        var session = NewSession("https://litmind.test/api/v1", new string('a', 64));
        session.Disconnect();
        Assert.Equal(ErrorIds.NotConnected, Assert.Throws<LitmindException>(() => SessionHandOff.Create(session)).ErrorId);
    }

    [Fact]
    public void Plain_http_to_another_host_is_rebuilt_only_from_a_live_hand_off_that_was_allowed_it()
    {
        var allowed = SessionHandOff.Create(NewSession("http://litmind.test/api/v1", new string('a', 64), allowUnencrypted: true));
        Assert.True(SessionHandOff.Rebuild(allowed, NoEnvironment).AllowUnencryptedAuthentication);

        var failure = Assert.Throws<LitmindException>(() => SessionHandOff.Rebuild(Forged("http://litmind.test/api/v1", ApiKey), NoEnvironment));
        Assert.Equal(ErrorIds.InsecureTransport, failure.ErrorId);

        Assert.NotNull(SessionHandOff.Rebuild(Forged("http://127.0.0.1:5080/api/v1", ApiKey), NoEnvironment));
    }

    [Theory]
    [InlineData("https://litmind.com/api/v1", "https://litmind.com/api/v2/", true)]
    [InlineData("https://litmind.com/api/v1", "https://LITMIND.com/api/v1", true)]
    [InlineData("https://litmind.com/api/v1", "https://litmind.com:8443/api/v1", false)]
    [InlineData("https://litmind.com/api/v1", "https://collector.test/api/v1", false)]
    [InlineData("https://litmind.com/api/v1", "https://litmind.com.collector.test/api/v1", false)]
    [InlineData("http://127.0.0.1:5080/api/v1", "http://127.0.0.1:5080/api/v1/", true)]
    [InlineData("http://127.0.0.1:5080/api/v1", "http://127.0.0.1:5081/api/v1/", false)]
    public void The_environments_key_goes_only_to_the_host_the_environment_names(string named, string target, bool gets)
    {
        var environment = Environment(ApiKey, named);
        var rebuilt = SessionHandOff.Rebuild(Forged(target), environment);

        var failure = SessionHandOff.OriginOf(rebuilt)!.Failure;
        Assert.Equal(gets, failure == null);
        if (gets)
        {
            Assert.Equal(ApiKey, rebuilt.Engine.Settings.Secrets.Reveal("apiKey"));
        }
        else
        {
            Assert.False(rebuilt.Engine.Settings.Secrets.Has("apiKey"));
            Assert.Equal(ErrorIds.MissingApiKey, failure!.ErrorId);
            Assert.DoesNotContain(ApiKey, failure.Message);
        }
    }

    [Fact]
    public void No_key_in_the_environment_says_so()
    {
        var rebuilt = SessionHandOff.Rebuild(Forged("https://litmind.com/api/v1"), Environment(null, "https://litmind.com/api/v1"));
        Assert.Contains("$env:LITMIND_API_KEY is not set", SessionHandOff.OriginOf(rebuilt)!.Failure!.Message);
    }

    [Fact]
    public void An_unreadable_base_uri_in_the_environment_names_no_host_for_its_key()
    {
        var rebuilt = SessionHandOff.Rebuild(Forged("https://litmind.com/api/v1"), Environment(ApiKey, "not a uri"));
        Assert.False(rebuilt.Engine.Settings.Secrets.Has("apiKey"));
        Assert.Equal(ErrorIds.MissingApiKey, SessionHandOff.OriginOf(rebuilt)!.Failure!.ErrorId);
    }

    [Theory]
    [InlineData("Litmnd")]
    [InlineData("/tmp/Litmind.json")]
    public void A_hand_off_without_a_definition_is_rebuilt_only_for_a_built_in_service(string service)
    {
        var handOff = HandOff(service, new Uri("https://litmind.test/api/v1"), [new LitmindAccount(1, null, null, null)], "x", ApiKey);
        var failure = Assert.Throws<LitmindException>(() => SessionHandOff.Rebuild(handOff, NoEnvironment));
        Assert.Equal(ErrorIds.InvalidArgument, failure.ErrorId);
        Assert.Contains("carries no definition", failure.Message);
    }

    [Fact]
    public void Incomplete_data_rebuilds_nothing()
    {
        var noAccount = HandOff("Litmind", new Uri("https://litmind.test/api/v1"), [], "x", null);
        var noId = HandOff("Litmind", new Uri("https://litmind.test/api/v1"), [new LitmindAccount(1, null, null, null)], null, null);
        var noBase = HandOff("Litmind", null, [new LitmindAccount(1, null, null, null)], "x", null);

        foreach (var handOff in new[] { noAccount, noId, noBase })
        {
            Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<LitmindException>(() => SessionHandOff.Rebuild(handOff, NoEnvironment)).ErrorId);
        }
    }

    [Fact]
    public void Defaults_from_data_keep_to_the_cmdlets_bounds()
    {
        var handOff = HandOff("Litmind", new Uri("https://litmind.test/api/v1"), [new LitmindAccount(1, null, null, null)], "x", ApiKey, -5, 1_000_000, 1_000_000);
        var rebuilt = SessionHandOff.Rebuild(handOff, NoEnvironment);
        Assert.Equal((100, 100, 3600), (rebuilt.TimeoutSec, rebuilt.MaximumRetryCount, rebuilt.RetryIntervalSec));
    }

    [Fact]
    public void A_timeout_from_data_beyond_the_longest_a_call_can_wait_keeps_to_that_longest()
    {
        // A timer takes at most int.MaxValue milliseconds: a longer timeout would fail every call.
        var handOff = HandOff("Litmind", new Uri("https://litmind.test/api/v1"), [new LitmindAccount(1, null, null, null)], "x", ApiKey, int.MaxValue);
        var rebuilt = SessionHandOff.Rebuild(handOff, NoEnvironment);
        Assert.Equal(CallOptions.MaximumTimeoutSec, rebuilt.TimeoutSec);
    }

    [Fact]
    public void Each_hand_off_object_is_rebuilt_once_and_a_newer_one_brings_its_newer_id()
    {
        var session = NewSession("https://litmind.test/api/v1", new string('a', 64));
        var first = SessionHandOff.Create(session);
        var again = SessionHandOff.Resolve(first, () => first, NoEnvironment);
        Assert.Same(again, SessionHandOff.Resolve(first, () => throw new InvalidOperationException("rebuilt twice"), NoEnvironment));

        var newer = SessionHandOff.Create(NewSession("https://litmind.test/api/v1", new string('b', 64)));
        var rebuiltNewer = SessionHandOff.Resolve(newer, () => newer, NoEnvironment);

        Assert.NotSame(again, rebuiltNewer);
        Assert.Equal(new string('b', 64), rebuiltNewer.Engine.State.Current!.Handle);
    }

    [Fact]
    public void A_rebuilt_session_is_dropped_with_its_hand_off()
    {
        var rebuilt = ResolveAndForget();
        for (int i = 0; i < 5 && rebuilt.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(rebuilt.IsAlive);
    }

    [Fact]
    public void A_rebuilt_session_never_joins_a_runspaces_sessions()
    {
        var handOff = SessionHandOff.Create(NewSession("https://litmind.test/api/v1", new string('a', 64)));
        var store = SessionStore.For(new object());
        store.SetDefault(SessionHandOff.Resolve(handOff, () => handOff, NoEnvironment));
        Assert.Empty(store.All);
        Assert.Null(store.Default);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ResolveAndForget()
    {
        var handOff = SessionHandOff.Create(NewSession("https://litmind.test/api/v1", new string('a', 64)));
        return new WeakReference(SessionHandOff.Resolve(handOff, () => handOff, NoEnvironment));
    }
}
