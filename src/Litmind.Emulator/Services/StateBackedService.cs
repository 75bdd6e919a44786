using Litmind.Emulator.Api;

namespace Litmind.Emulator.Services;

/// <summary>
/// A service other than Litmind: its root, counters, recorded requests, sessions and faults are
/// those of its <see cref="ServiceState"/>.
/// </summary>
internal abstract class StateBackedService(ServiceState state) : EmulatedService
{
    public override PathString Root { get; } = new(state.RootPath.TrimEnd('/'));

    public override FaultInjector Faults => state.FaultInjector;

    protected ServiceState State => state;

    public override void Record(HttpRequest request) => state.Record(request);
}
