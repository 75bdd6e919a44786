using Litmind.Emulator;

namespace Litmind.ConsoleHost;

/// <summary>
/// Sets process environment variables ($env: reads the process environment) and puts the previous
/// values back when disposed, so in-process callers such as tests are left as they were.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    private EnvironmentScope(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Sets the variables (null removes one) until the scope is disposed.</summary>
    public static EnvironmentScope Set(IReadOnlyDictionary<string, string?> values) => new(values);

    /// <summary>Points LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT at a running emulator.</summary>
    public static EnvironmentScope ForEmulator(LitmindEmulator emulator) => new(new Dictionary<string, string?>
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
