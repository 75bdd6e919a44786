using System.Management.Automation;
using System.Management.Automation.Host;

namespace Litmind.ConsoleHost;

/// <summary>
/// The window the formatter lays tables and lists out for. Only the width matters to Out-Default;
/// everything else answers plausibly and never throws, since output is often redirected.
/// </summary>
public sealed class HostRawUserInterface : PSHostRawUserInterface
{
    private const int FallbackHeight = 50;
    private readonly HostTerminal _terminal;
    private Size? _bufferSize;
    private Size? _windowSize;

    public HostRawUserInterface(HostTerminal terminal) => _terminal = terminal;

    /// <summary>Gray on black: what a console reports, so scripts comparing colours see console values.</summary>
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    /// <summary>The formatting width: fixed when redirected, else the terminal's current width.</summary>
    public override Size BufferSize
    {
        get => _bufferSize ?? new Size(Width, short.MaxValue);
        set => _bufferSize = value;
    }

    public override Size WindowSize
    {
        get => _windowSize ?? new Size(Width, Height);
        set => _windowSize = value;
    }

    public override Size MaxWindowSize => new(Width, Height);

    public override Size MaxPhysicalWindowSize => MaxWindowSize;

    // Cursor and window placement mean nothing for a stream of lines; stored so round trips work.
    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override Coordinates WindowPosition { get; set; }

    public override string WindowTitle { get; set; } = "Litmind";

    public override bool KeyAvailable => _terminal.InputIsTerminal && TryConsole(() => Console.KeyAvailable, false);

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        if (!_terminal.InputIsTerminal)
        {
            throw new PSInvalidOperationException("Cannot read a key: standard input is not a terminal.");
        }

        var key = Console.ReadKey(intercept: (options & ReadKeyOptions.NoEcho) != 0);
        return new KeyInfo((int)key.Key, key.KeyChar, ToControlKeyStates(key.Modifiers), keyDown: true);
    }

    public override void FlushInputBuffer()
    {
    }

    // Screen-buffer access is for full-screen hosts (progress bars, editors); a line stream has none.
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw new NotSupportedException("This host writes a stream of lines and has no screen buffer to read.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw new NotSupportedException("This host writes a stream of lines and has no screen buffer to write.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) =>
        throw new NotSupportedException("This host writes a stream of lines and has no screen buffer to write.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("This host writes a stream of lines and has no screen buffer to scroll.");

    // Column widths are measured with these: escape sequences (coloured table headers) take no cells.
    public override int LengthInBufferCells(string source) => Ansi.Strip(source).Length;

    public override int LengthInBufferCells(string source, int offset) => Ansi.Strip(source[offset..]).Length;

    private int Width => _terminal.Width ?? Positive(TryConsole(() => Console.WindowWidth, 0), HostTerminal.DefaultWidth);

    private int Height => _terminal.Width is null ? Positive(TryConsole(() => Console.WindowHeight, 0), FallbackHeight) : FallbackHeight;

    private static int Positive(int value, int fallback) => value > 0 ? value : fallback;

    // The console reports 0 or throws when there is no terminal behind it after all.
    private static T TryConsole<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return fallback;
        }
    }

    private static ControlKeyStates ToControlKeyStates(ConsoleModifiers modifiers) =>
        ((modifiers & ConsoleModifiers.Shift) != 0 ? ControlKeyStates.ShiftPressed : 0)
        | ((modifiers & ConsoleModifiers.Alt) != 0 ? ControlKeyStates.LeftAltPressed : 0)
        | ((modifiers & ConsoleModifiers.Control) != 0 ? ControlKeyStates.LeftCtrlPressed : 0);
}
