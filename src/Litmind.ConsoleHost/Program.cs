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
ConsoleCancelEventHandler onCancel = (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};
Console.CancelKeyPress += onCancel;
try
{
    return await ScriptRunner.RunAsync(options, Console.Out, Console.Error, interrupt.Token);
}
finally
{
    // A Ctrl+C after this point must not reach the disposed token source.
    Console.CancelKeyPress -= onCancel;
}
