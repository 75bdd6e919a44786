using System.Security;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Secrets;
using Litmind.PowerShell.Services;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class SessionStoreTests
{
    private static LitmindSession NewSession(string user, SecureString? apiKey = null) =>
        SessionFactory.Resume(
            new SessionSettings(ServiceCatalog.Default, new Uri("https://litmind.test/api/v1/"), new SecretBag(apiKey == null ? null : [new("apiKey", apiKey)])),
            new string('a', 64),
            [new LitmindAccount(1, user, null, null)]);

    [Fact]
    public void Each_owner_has_its_own_store()
    {
        object first = new(), second = new();
        SessionStore.For(first).SetDefault(NewSession("a"));
        Assert.Same(SessionStore.For(first), SessionStore.For(first));
        Assert.Null(SessionStore.For(second).Default);
    }

    [Fact]
    public void The_latest_session_set_is_the_default()
    {
        var store = SessionStore.For(new object());
        var a = NewSession("a");
        var b = NewSession("b");
        store.SetDefault(a);
        store.SetDefault(b);
        Assert.Same(b, store.Default);
        store.SetDefault(a);
        Assert.Same(a, store.Default);
        Assert.Equal(new[] { b, a }, store.All);
        Assert.True(store.Remove(a));
        Assert.Same(b, store.Default);
    }

    [Fact]
    public void Disconnect_clears_the_session_id_and_disposes_the_api_key()
    {
        var apiKey = SecretText.Protect("key-0123456789abcdef");
        var session = NewSession("a", apiKey);
        Assert.True(session.Engine.Settings.Secrets.Has("apiKey"));
        Assert.NotEmpty(session.SessionIdHint);

        session.Disconnect();

        Assert.Empty(session.SessionIdHint);
        Assert.Null(session.Engine.State.Current?.Handle);
        Assert.False(session.IsConnected);
        Assert.False(session.Engine.Settings.Secrets.Has("apiKey"));
        Assert.Throws<ObjectDisposedException>(() => apiKey.Length);
    }
}
