using Litmind.ConsoleHost;

HostOptions options;
try
{
    options = HostOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Run with --help for usage.");
    return ScriptRunner.ExitUsage;
}

if (options.ShowHelp)
{
    Console.WriteLine(HostOptions.Usage);
    return ScriptRunner.ExitSuccess;
}

// The first Ctrl+C stops the script the PowerShell way (finally blocks run); a second one, while
// the stop is under way, ends the process as usual.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

return await ScriptRunner.RunAsync(options, Console.Out, Console.Error, interrupt.Token);
