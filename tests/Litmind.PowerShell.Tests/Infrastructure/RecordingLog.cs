using System.Collections.Concurrent;
using Litmind.PowerShell.Http;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>Keeps what the engine reports, for tests that drive it without a runspace.</summary>
internal sealed class RecordingLog : IOperationLog
{
    private readonly ConcurrentQueue<string> verbose = new();
    private readonly ConcurrentQueue<string> debug = new();

    public IReadOnlyList<string> Verbose => verbose.ToList();

    public IReadOnlyList<string> Debug => debug.ToList();

    bool IOperationLog.IsEnabled => true;

    void IOperationLog.Verbose(string message) => verbose.Enqueue(message);

    void IOperationLog.Debug(string message) => debug.Enqueue(message);
}
