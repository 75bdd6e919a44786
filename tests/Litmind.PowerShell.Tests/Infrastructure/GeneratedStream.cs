namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// A stream that cannot seek and makes its bytes as it is read (byte i is i % 251), as a pipe or
/// a network stream gives them. With a gate, it gives its first <c>openBytes</c> freely and the
/// rest only once the gate opens: a client that reads a body whole before sending any of it waits
/// at the gate for a request that never leaves, and the read fails after a while.
/// </summary>
public sealed class GeneratedStream(long length, long openBytes = long.MaxValue, Func<bool>? gate = null) : Stream
{
    private long position;

    /// <summary>The bytes a stream of <paramref name="length"/> gives.</summary>
    public static byte[] Bytes(long length) => Enumerable.Range(0, checked((int)length)).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>Whether the gate held a read back until it opened.</summary>
    public bool WaitedAtGate { get; private set; }

    public bool IsDisposed { get; private set; }

    public override bool CanRead => !IsDisposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (position >= openBytes && gate != null && !gate())
        {
            WaitedAtGate = true;
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (!gate())
            {
                if (patience.Elapsed > TimeSpan.FromSeconds(10))
                {
                    throw new IOException("The gate never opened: the body was being read whole before anything was sent.");
                }

                Thread.Sleep(10);
            }
        }

        int n = (int)Math.Min(count, length - position);
        for (int i = 0; i < n; i++)
        {
            buffer[offset + i] = (byte)((position + i) % 251);
        }

        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
