namespace Litmind.ConsoleHost;

/// <summary>What to run and how: the parsed command line.</summary>
public sealed record HostOptions
{
    /// <summary>The .ps1 to run; null when <see cref="CommandText"/> is set.</summary>
    public string? ScriptPath { get; init; }

    /// <summary>Script text to run (-Command); null when <see cref="ScriptPath"/> is set.</summary>
    public string? CommandText { get; init; }

    /// <summary>Arguments for the script, bound as PowerShell binds them on a command line.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Manifest to import; null means the module this repository builds.</summary>
    public string? ModulePath { get; init; }

    /// <summary>False for --no-module: build.ps1 runs before the module exists.</summary>
    public bool ImportModule { get; init; } = true;

    /// <summary>Start the bundled emulator and point the LITMIND_* variables at it.</summary>
    public bool StartEmulator { get; init; }

    public bool ShowHelp { get; init; }

    public const string Usage = """
        Runs a PowerShell script with the Litmind module imported, rendering output as a console does.

        usage:
          dotnet run --project src/Litmind.ConsoleHost -- [options] <script.ps1> [script arguments...]
          dotnet run --project src/Litmind.ConsoleHost -- [options] -Command "<script text>"

        options:
          --emulator          start the bundled Litmind emulator in-process on a free 127.0.0.1 port first and
                              set $env:LITMIND_BASE_URI, $env:LITMIND_API_KEY and $env:LITMIND_EMULATOR_ROOT
          --module <path>     import this module manifest instead of the built one
          --no-module         import no module
          -Command, -c        run the rest of the command line as script text
          -h, --help          show this help

        Script arguments bind as in PowerShell: -Name value, -Switch, -Name:value, the rest positionally.
        Exit code: N for 'exit N', 1 for a terminating error or a failed module import, 130 when
        stopped with Ctrl+C, 64 for a bad command line or a missing script, else 0.
        """;

    /// <summary>Parses the host's own options, then the script (or -Command) and its arguments.</summary>
    /// <exception cref="ArgumentException">The command line is not usable; the message says why.</exception>
    public static HostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg.ToLowerInvariant())
            {
                case "-h" or "--help" or "-?" or "/?":
                    return options with { ShowHelp = true };
                case "--emulator":
                    options = options with { StartEmulator = true };
                    break;
                case "--no-module":
                    options = options with { ImportModule = false };
                    break;
                case "--module":
                    if (i + 1 >= args.Count)
                    {
                        throw new ArgumentException("--module needs the path of a module manifest.");
                    }

                    options = options with { ModulePath = args[++i] };
                    break;
                case "-command" or "-c" or "--command":
                    // As pwsh does, everything after -Command is the script text.
                    var text = string.Join(' ', args.Skip(i + 1));
                    if (text.Length == 0)
                    {
                        throw new ArgumentException("-Command needs the script text to run.");
                    }

                    return Validated(options with { CommandText = text });
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException($"Unknown option '{arg}'.");
                    }

                    return Validated(options with { ScriptPath = arg, Arguments = args.Skip(i + 1).ToArray() });
            }
        }

        throw new ArgumentException("Give a script to run, or -Command with script text.");
    }

    private static HostOptions Validated(HostOptions options) =>
        options is { ImportModule: false, ModulePath: not null }
            ? throw new ArgumentException("--module and --no-module cannot be used together.")
            : options;
}
