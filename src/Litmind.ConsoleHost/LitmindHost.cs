using System.Globalization;
using System.Management.Automation.Host;

namespace Litmind.ConsoleHost;

/// <summary>
/// The host a runspace talks to: it owns the user interface that Out-Default, the error view and
/// $Host.UI write through, and it remembers the code an 'exit' asked for.
/// </summary>
public sealed class LitmindHost : PSHost
{
    private readonly HostUserInterface _ui;

    /// <param name="output">Standard output: formatted output, verbose, warning and debug lines.</param>
    /// <param name="error">Standard error: error records.</param>
    /// <param name="terminal">What the writers are; null means captured text, 120 columns, no input.</param>
    public LitmindHost(TextWriter output, TextWriter error, HostTerminal? terminal = null) =>
        _ui = new HostUserInterface(output, error, terminal ?? HostTerminal.Redirected());

    public override string Name => "Litmind.ConsoleHost";

    public override Version Version { get; } = typeof(LitmindHost).Assembly.GetName().Version ?? new Version(0, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override HostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>The code passed to 'exit' (or $Host.SetShouldExit); null while nothing asked to exit.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    // Nested prompts ($Host.EnterNestedPrompt(), the debugger) need an interactive loop this host has not.
    public override void EnterNestedPrompt() =>
        throw new NotSupportedException("This host runs one script and has no interactive prompt to nest.");

    public override void ExitNestedPrompt() =>
        throw new NotSupportedException("This host runs one script and has no interactive prompt to nest.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
