using System.Net;
using System.Security.Authentication;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class HttpClientCacheTests
{
    [Fact]
    public void The_handler_speaks_TLS_12_or_newer_follows_no_redirect_and_keeps_no_cookies()
    {
        using var handler = HttpClientCache.CreateHandler();
        Assert.True(handler.SslProtocols.HasFlag(SslProtocols.Tls12));
        Assert.Equal(0, (int)handler.SslProtocols & (192 | 768)); // neither TLS 1.0 nor 1.1
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, handler.AutomaticDecompression);
    }

    [Fact]
    public void One_client_serves_every_path_of_a_host_and_another_host_gets_its_own()
    {
        var a = HttpClientCache.For(new Uri("https://litmind.test/api/v1/"));
        var b = HttpClientCache.For(new Uri("https://LITMIND.test/other"));
        var c = HttpClientCache.For(new Uri("https://litmind.test:8443/api/v1/"));
        Assert.Same(a, b);
        Assert.NotSame(a, c);
    }
}
