using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class EndpointResolverTests
{
    private static readonly Uri Base = new("https://litmind.com/api/v1/");

    [Theory]
    [InlineData("session/list", "https://litmind.com/api/v1/session/list")]
    [InlineData("/session/list", "https://litmind.com/api/v1/session/list")]
    [InlineData("models?page=2", "https://litmind.com/api/v1/models?page=2")]
    [InlineData("https://litmind.com/api/v1/models/7", "https://litmind.com/api/v1/models/7")]
    public void Paths_resolve_under_the_base_uri(string path, string expected) =>
        Assert.Equal(expected, EndpointResolver.Resolve(Base, path, null).AbsoluteUri);

    [Fact]
    public void Query_values_are_escaped_and_arrays_repeat()
    {
        var query = new List<KeyValuePair<string, string>> { new("q", "a b&c"), new("id", "1"), new("id", "2") };
        Assert.Equal("https://litmind.com/api/v1/models?q=a%20b%26c&id=1&id=2", EndpointResolver.Resolve(Base, "models", query).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.test/api/v1/models", ErrorIds.ForeignHost)]
    [InlineData("https://litmind.com/other/models", ErrorIds.ForeignHost)]
    [InlineData("http://litmind.com/api/v1/models", ErrorIds.ForeignHost)]
    [InlineData("models/../../admin", ErrorIds.InvalidArgument)]
    [InlineData("models/%2E%2E/admin", ErrorIds.InvalidArgument)]
    [InlineData("models#x", ErrorIds.InvalidArgument)]
    [InlineData("  ", ErrorIds.InvalidArgument)]
    public void Unsafe_paths_are_refused(string path, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<LitmindException>(() => EndpointResolver.Resolve(Base, path, null)).ErrorId);

    [Fact]
    public void A_query_in_the_path_and_a_query_table_together_are_refused() =>
        Assert.Throws<LitmindException>(() => EndpointResolver.Resolve(Base, "models?page=1", new List<KeyValuePair<string, string>> { new("pageSize", "5") }));

    [Theory]
    [InlineData("https://litmind.com/api/v1", "https://litmind.com/api/v1/")]
    [InlineData("http://127.0.0.1:5080/api/v1/", "http://127.0.0.1:5080/api/v1/")]
    public void Base_uris_are_normalized_to_end_with_a_slash(string given, string expected) =>
        Assert.Equal(expected, EndpointResolver.NormalizeBaseUri(new Uri(given)).AbsoluteUri);

    [Theory]
    [InlineData("ftp://litmind.com/api")]
    [InlineData("https://litmind.com/api?x=1")]
    [InlineData("https://user:pw@litmind.com/api")]
    public void Unusable_base_uris_are_refused(string given) =>
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<LitmindException>(() => EndpointResolver.NormalizeBaseUri(new Uri(given))).ErrorId);

    [Fact]
    public void A_relative_base_uri_is_refused() =>
        Assert.Throws<LitmindException>(() => EndpointResolver.NormalizeBaseUri(new Uri("api/v1", UriKind.Relative)));

    [Theory]
    [InlineData("https://litmind.com/", true)]
    [InlineData("http://127.0.0.1:5080/", true)]
    [InlineData("http://localhost/", true)]
    [InlineData("http://[::1]/", true)]
    [InlineData("http://litmind.com/", false)]
    [InlineData("http://10.0.0.5/", false)]
    public void Secrets_travel_only_over_https_or_loopback(string uri, bool secure) =>
        Assert.Equal(secure, EndpointResolver.IsSecureTransport(new Uri(uri)));

    [Fact]
    public void Uris_in_messages_lose_their_query() =>
        Assert.Equal("https://litmind.com/api/v1/models", EndpointResolver.WithoutQuery(new Uri("https://litmind.com/api/v1/models?token=secret")).AbsoluteUri);

    [Theory]
    [InlineData("castings/999?token=secret", "castings/999")]
    [InlineData("models#top", "models")]
    [InlineData("session/list", "session/list")]
    public void Error_targets_lose_the_query_typed_in_a_path(string path, string expected) =>
        Assert.Equal(expected, EndpointResolver.TargetOf(path));

    [Fact]
    public void Error_targets_lose_the_query_of_a_uri() =>
        Assert.Equal(new Uri("https://litmind.test/api/v1"), EndpointResolver.TargetOf(new Uri("https://litmind.test/api/v1?key=1")));

    [Fact]
    public void Long_targets_and_uris_in_messages_are_cut_in_the_middle()
    {
        string path = "models/" + new string('x', 100_000) + "/candidates";
        var target = Assert.IsType<string>(EndpointResolver.TargetOf(path + "?token=secret"));
        Assert.InRange(target.Length, 200, 300);
        Assert.StartsWith("models/xxx", target);
        Assert.EndsWith("xxx/candidates", target);
        Assert.Contains("(100018 characters)", target);

        var message = Errors.Failures.InvalidResponse("GET", new Uri(Base, path), "the body is empty.", 200).Message;
        Assert.InRange(message.Length, 200, 400);
    }
}
