using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Litmind.Emulator.Api;

/// <summary>What a body (or a multipart part) held: its length, SHA-256 and, when short, its text.</summary>
/// <param name="Text">The bytes as UTF-8 text when they are valid UTF-8, at most <see cref="StreamDigest.TextLimit"/> bytes and text was asked for; else null.</param>
internal sealed record BodyDigest(long Length, string Sha256, string? Text);

/// <summary>
/// Reads a stream to its end a buffer at a time, hashing as it goes, so a body of any size (a
/// 200 MB upload) costs one read buffer and at most <see cref="TextLimit"/> bytes kept for its text.
/// </summary>
internal static class StreamDigest
{
    /// <summary>The longest body whose text is echoed back: 64 KB.</summary>
    public const int TextLimit = 64 * 1024;

    private const int BufferSize = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<BodyDigest> ReadAsync(Stream stream, bool keepText, CancellationToken cancel)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var kept = keepText ? new MemoryStream() : null;
        long length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancel)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
                if (kept is not null)
                {
                    if (length > TextLimit)
                    {
                        // Too long to echo: stop keeping it, the hash and length say the rest.
                        kept = null;
                    }
                    else
                    {
                        kept.Write(buffer, 0, read);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new BodyDigest(length, Convert.ToHexStringLower(hash.GetHashAndReset()), kept is null ? null : TextOf(kept));
    }

    private static string? TextOf(MemoryStream bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
