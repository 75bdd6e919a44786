using Litmind.Emulator;

namespace Litmind.ConsoleHost;

/// <summary>
/// Points the LITMIND_* variables at a running emulator for the script ($env: reads the process
/// environment) and puts the previous values back afterwards, so in-process callers such as tests
/// are left as they were.
/// </summary>
internal sealed class EmulatorEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    private EmulatorEnvironment(IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public static EmulatorEnvironment Set(LitmindEmulator emulator) => new(new Dictionary<string, string>
    {
        ["LITMIND_BASE_URI"] = emulator.BaseUri.ToString(),
        ["LITMIND_API_KEY"] = emulator.ApiKey,
        ["LITMIND_EMULATOR_ROOT"] = emulator.RootUri.ToString(),
    });

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
