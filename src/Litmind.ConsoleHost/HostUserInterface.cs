using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Litmind.ConsoleHost;

/// <summary>
/// Lines to standard output and standard error as a console prints them: output and the
/// VERBOSE/WARNING/DEBUG streams to stdout, errors to stderr, colour only where a terminal shows it.
/// Prompts read lines from standard input.
/// </summary>
public sealed class HostUserInterface : PSHostUserInterface
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly HostTerminal _terminal;
    private readonly HostRawUserInterface _rawUI;

    public HostUserInterface(TextWriter output, TextWriter error, HostTerminal terminal)
    {
        _output = output;
        _error = error;
        _terminal = terminal;
        _rawUI = new HostRawUserInterface(terminal);
    }

    public override HostRawUserInterface RawUI => _rawUI;

    /// <summary>Escape sequences are shown only on a terminal; scripts may ask before colouring.</summary>
    public override bool SupportsVirtualTerminal => _terminal.OutputAnsi;

    /// <summary>
    /// While set, output lines go to standard error. A terminating error is formatted by Out-Default
    /// like any object; this is how it reaches stderr, where the console reports it.
    /// </summary>
    internal bool OutputToError { get; set; }

    public override void Write(string value) => Emit(value, newLine: false);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Emit(Colored(value, foregroundColor, backgroundColor), newLine: false);

    public override void WriteLine() => Emit("", newLine: true);

    public override void WriteLine(string value) => Emit(value, newLine: true);

    public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Emit(Colored(value, foregroundColor, backgroundColor), newLine: true);

    // The error view brings its own colours; a plain line is made red as the console makes it.
    public override void WriteErrorLine(string value) =>
        Emit(value.Contains('\e') ? value : Colored(value, ConsoleColor.Red, _rawUI.BackgroundColor), newLine: true, toError: true);

    /// <summary>A note from the host itself (not the script): to stderr, so stdout stays the script's.</summary>
    internal void WriteNoticeLine(string value) => Emit(value, newLine: true, toError: true);

    public override void WriteVerboseLine(string message) => WriteStreamLine("VERBOSE: ", message);

    public override void WriteWarningLine(string message) => WriteStreamLine("WARNING: ", message);

    public override void WriteDebugLine(string message) => WriteStreamLine("DEBUG: ", message);

    // Progress bars need a redrawable screen; in a stream of lines they would only be noise.
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine()
    {
        if (_terminal.Input?.ReadLine() is { } line)
        {
            return line;
        }

        // End the prompt's line so the error that follows starts on its own.
        WriteLine();
        throw new PSInvalidOperationException(
            "Cannot read input: standard input is redirected or closed and has no more lines. Pass the value as a parameter instead.");
    }

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        if (!_terminal.InputIsTerminal)
        {
            foreach (var c in ReadLine())
            {
                secure.AppendChar(c);
            }
        }
        else
        {
            // Read keys without echo so a typed password never reaches the screen.
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secure.Length > 0)
                    {
                        secure.RemoveAt(secure.Length - 1);
                    }
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    secure.AppendChar(key.KeyChar);
                }
            }

            WriteLine();
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteCaption(caption, message);
        var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in descriptions)
        {
            var label = string.IsNullOrEmpty(field.Label) ? field.Name : field.Label;
            var type = Type.GetType(field.ParameterAssemblyFullName) ?? typeof(string);
            if (type == typeof(PSCredential))
            {
                // The caption and message are already shown above.
                answers[field.Name] = PSObject.AsPSObject(PromptForCredential("", "", "", ""));
                continue;
            }

            Write($"{label.Replace("&", "", StringComparison.Ordinal)}: ");
            answers[field.Name] = type == typeof(SecureString)
                ? PSObject.AsPSObject(ReadLineAsSecureString())
                : PSObject.AsPSObject(ReadLine());
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteCaption(caption, message);
        var hotkeys = choices.Select(HotKey).ToArray();
        var menu = choices.Select((c, i) => $"[{hotkeys[i]}] {c.Label.Replace("&", "", StringComparison.Ordinal)}");
        var suffix = defaultChoice >= 0 ? $" (default is \"{hotkeys[defaultChoice]}\")" : "";
        while (true)
        {
            Write($"{string.Join("  ", menu)}{suffix}: ");
            var answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0)
            {
                return defaultChoice;
            }

            var index = Array.FindIndex(hotkeys, k => string.Equals(k, answer, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                index = choices.ToList().FindIndex(c =>
                    string.Equals(c.Label.Replace("&", "", StringComparison.Ordinal), answer, StringComparison.OrdinalIgnoreCase));
            }

            if (index >= 0)
            {
                return index;
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(
        string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        WriteCaption(caption, message);
        if (string.IsNullOrEmpty(userName))
        {
            Write("User: ");
            userName = ReadLine();
        }

        Write($"Password for user {userName}: ");
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    private void WriteStreamLine(string prefix, string message) =>
        Emit(Colored(prefix + message, ConsoleColor.Yellow, _rawUI.BackgroundColor), newLine: true);

    // PowerShell decorates output ($PSStyle: table headers, error views) whatever the host, and
    // leaves it to the host to drop the escape sequences where no terminal shows them, as pwsh
    // does when its output is redirected.
    private void Emit(string value, bool newLine, bool toError = false)
    {
        toError |= OutputToError;
        var writer = toError ? _error : _output;
        var text = (toError ? _terminal.ErrorAnsi : _terminal.OutputAnsi) ? value : Ansi.Strip(value);
        if (newLine)
        {
            writer.WriteLine(text);
        }
        else
        {
            writer.Write(text);
        }
    }

    private void WriteCaption(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteLine(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            WriteLine(message);
        }
    }

    // "&Yes" has hot key Y; a label without '&' is chosen by its first letter, as the console does.
    private static string HotKey(ChoiceDescription choice)
    {
        var amp = choice.Label.IndexOf('&', StringComparison.Ordinal);
        var key = amp >= 0 && amp + 1 < choice.Label.Length ? choice.Label[amp + 1] : choice.Label.FirstOrDefault('?');
        return char.ToUpperInvariant(key).ToString();
    }

    // Only colours that differ from the window's own are written, as a console would show them.
    private string Colored(string value, ConsoleColor foreground, ConsoleColor background)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var prefix = (foreground != _rawUI.ForegroundColor ? Ansi.Foreground(foreground) : "")
            + (background != _rawUI.BackgroundColor ? Ansi.Background(background) : "");
        return prefix.Length == 0 ? value : prefix + value + Ansi.Reset;
    }
}
