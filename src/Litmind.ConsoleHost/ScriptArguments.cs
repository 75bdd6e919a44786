using System.Management.Automation.Runspaces;

namespace Litmind.ConsoleHost;

/// <summary>Turns command-line strings into script parameters the way pwsh -File does.</summary>
public static class ScriptArguments
{
    /// <summary>
    /// "-Name" becomes a bare parameter name and everything else a positional argument. The
    /// parameter binder then pairs a name with the argument after it unless the parameter is a
    /// switch, so "-Name foo -Flag 1 2" binds exactly as it would typed at a PowerShell prompt.
    /// "-Name:value" carries its own value ("$true"/"$false" as booleans, so "-Switch:$false" works).
    /// </summary>
    public static IEnumerable<CommandParameter> ToParameters(IEnumerable<string> arguments)
    {
        foreach (var arg in arguments)
        {
            if (!IsParameterName(arg))
            {
                yield return new CommandParameter(null, arg);
                continue;
            }

            var colon = arg.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                // A name with a null value is "-Name" as typed: the binder decides what follows it.
                yield return new CommandParameter(arg);
                continue;
            }

            // The trailing colon tells the binder the value belongs to this name, as in "-Name:value".
            var value = arg[(colon + 1)..];
            yield return new CommandParameter(arg[..(colon + 1)], value.ToLowerInvariant() switch
            {
                "$true" => true,
                "$false" => false,
                _ => value,
            });
        }
    }

    // As in the PowerShell tokenizer: a dash then a letter starts a parameter; "-5" and "-" are values.
    private static bool IsParameterName(string arg) =>
        arg.Length > 1 && arg[0] == '-' && (char.IsLetter(arg[1]) || arg[1] is '_' or '?');
}
