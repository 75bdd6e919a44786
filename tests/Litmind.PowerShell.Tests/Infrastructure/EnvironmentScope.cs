namespace Litmind.PowerShell.Tests.Infrastructure;

/// <summary>
/// Sets process environment variables ($env: reads the process environment) and puts the previous
/// values back when disposed, so a test leaves the process as it found it.
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

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
