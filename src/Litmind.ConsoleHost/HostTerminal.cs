using System.Text.RegularExpressions;

namespace Litmind.ConsoleHost;

/// <summary>
/// What the host may assume about where its text goes: a real terminal (width follows the window,
/// colours as ANSI, keys readable) or plain redirected text of a fixed width.
/// </summary>
/// <param name="Width">Line width for formatting; null follows the terminal window.</param>
/// <param name="OutputAnsi">Standard output is a terminal: PowerShell may colour its output.</param>
/// <param name="ErrorAnsi">Standard error is a terminal: errors are shown in red.</param>
/// <param name="Input">Where ReadLine and prompts read from; null means there is no input.</param>
/// <param name="InputIsTerminal">Keys can be read one at a time (for hidden password entry).</param>
public sealed record HostTerminal(int? Width, bool OutputAnsi, bool ErrorAnsi, TextReader? Input, bool InputIsTerminal)
{
    /// <summary>The width output is formatted to when it is not a terminal.</summary>
    public const int DefaultWidth = 120;

    /// <summary>Text captured in memory: fixed width, no colour, no input. What tests render with.</summary>
    public static HostTerminal Redirected(int width = DefaultWidth) => new(width, false, false, null, false);

    /// <summary>The process console, each stream judged on whether it is redirected.</summary>
    public static HostTerminal FromConsole()
    {
        // TERM=dumb and NO_COLOR are the usual ways to ask a program for plain text.
        var colour = Environment.GetEnvironmentVariable("TERM") != "dumb"
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new HostTerminal(
            Console.IsOutputRedirected ? DefaultWidth : null,
            colour && !Console.IsOutputRedirected,
            colour && !Console.IsErrorRedirected,
            Console.In,
            !Console.IsInputRedirected);
    }
}

/// <summary>The few ANSI escape sequences the host writes or has to look past.</summary>
internal static partial class Ansi
{
    public const string Reset = "\e[0m";

    // CSI sequences (colours, styles) and OSC sequences (PowerShell's file hyperlinks).
    [GeneratedRegex(@"\e\[[0-?]*[ -/]*[@-~]|\e\][^\a\e]*(?:\a|\e\\)")]
    private static partial Regex EscapeSequence();

    public static string Strip(string text) => text.Contains('\e') ? EscapeSequence().Replace(text, "") : text;

    public static string Foreground(ConsoleColor color) => $"\e[{Code(color)}m";

    public static string Background(ConsoleColor color) => $"\e[{Code(color) + 10}m";

    private static int Code(ConsoleColor color) => color switch
    {
        ConsoleColor.Black => 30,
        ConsoleColor.DarkRed => 31,
        ConsoleColor.DarkGreen => 32,
        ConsoleColor.DarkYellow => 33,
        ConsoleColor.DarkBlue => 34,
        ConsoleColor.DarkMagenta => 35,
        ConsoleColor.DarkCyan => 36,
        ConsoleColor.Gray => 37,
        ConsoleColor.DarkGray => 90,
        ConsoleColor.Red => 91,
        ConsoleColor.Green => 92,
        ConsoleColor.Yellow => 93,
        ConsoleColor.Blue => 94,
        ConsoleColor.Magenta => 95,
        ConsoleColor.Cyan => 96,
        _ => 97,
    };
}
