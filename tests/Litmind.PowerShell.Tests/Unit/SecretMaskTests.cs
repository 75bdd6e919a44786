using Litmind.PowerShell.Errors;
using Litmind.PowerShell.Sessions;

namespace Litmind.PowerShell.Tests.Unit;

public sealed class SecretMaskTests
{
    [Fact]
    public void Secrets_are_masked_as_typed_and_as_they_travel_in_a_query_or_form()
    {
        var mask = new SecretMask();
        mask.AddPassword(() => "p&ss word!");
        mask.AddToken(() => "key-0123456789");

        Assert.Equal("a <redacted> b <redacted> c <redacted> d <redacted>", mask.Apply("a p&ss word! b p%26ss+word%21 c p%26ss%20word%21 d key-0123456789"));
    }

    [Fact]
    public void A_header_value_given_once_per_piped_item_is_masked_as_one_secret()
    {
        var mask = new SecretMask();
        for (int item = 0; item < 3; item++)
        {
            mask.AddToken("Bearer tok-0123456789");
        }

        Assert.Equal("sent <redacted>", mask.Apply("sent Bearer tok-0123456789"));
    }

    [Fact]
    public void A_secret_that_contains_another_is_masked_whole()
    {
        var mask = new SecretMask();
        mask.AddToken(() => "abcd");
        mask.AddToken(() => "abcdefgh");
        Assert.Equal("<redacted>", mask.Apply("abcdefgh"));
    }

    [Fact]
    public void Secrets_too_short_to_tell_from_words_and_unreadable_ones_are_skipped()
    {
        var mask = new SecretMask();
        mask.AddPassword(() => "abc");
        mask.AddToken(() => throw new ObjectDisposedException("secret"));
        mask.AddToken(() => null!);
        Assert.Equal("abc", mask.Apply("abc"));
    }

    [Fact]
    public void A_failure_keeps_its_id_status_and_uri_with_its_text_masked()
    {
        var mask = new SecretMask();
        mask.AddToken(() => "key-0123456789");
        var failure = new LitmindException(ErrorIds.HttpError, LitmindErrorKind.InvalidArgument, "GET x failed: X-Key: key-0123456789")
        {
            StatusCode = 400,
            ServerMessage = "X-Key: key-0123456789",
            RequestUri = new Uri("http://127.0.0.1/api/v1/x"),
        };

        var masked = mask.Apply(failure);

        Assert.Equal("GET x failed: X-Key: <redacted>", masked.Message);
        Assert.Equal("X-Key: <redacted>", masked.ServerMessage);
        Assert.Equal((ErrorIds.HttpError, 400, failure.RequestUri), (masked.ErrorId, masked.StatusCode, masked.RequestUri));
        Assert.Same(failure, new SecretMask().Apply(failure));
    }

    [Fact]
    public void Answers_lose_tokens_but_keep_data_that_only_looks_like_a_password()
    {
        var mask = new SecretMask();
        mask.AddToken(() => "key-0123456789");
        mask.AddPassword(() => "Model");
        var masker = mask.AnswerMasker();

        Assert.Equal("Model", masker("Model"));
        Assert.Equal("<redacted>", masker("key-0123456789"));
        Assert.Equal("X-Key: <redacted>", masker("X-Key: key-0123456789"));
    }
}
