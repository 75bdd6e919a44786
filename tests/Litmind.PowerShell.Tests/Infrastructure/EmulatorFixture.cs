using Litmind.Emulator;

namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// One emulator per test class, on an ephemeral loopback port. Test classes run in parallel, so
/// each has its own server and counters; tests within a class run one after another and reset it.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public LitmindEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await LitmindEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>A fresh runspace with the built module imported and the demo accounts as variables.</summary>
    public PowerShellRunner NewRunner()
    {
        Emulator.State.Reset();
        return new PowerShellRunner(Emulator);
    }
}
