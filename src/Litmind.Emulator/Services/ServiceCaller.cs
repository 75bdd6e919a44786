using System.Reflection;

namespace Litmind.Emulator.Services;

/// <summary>
/// The authenticated caller of an emulated service's API endpoint, as the service's
/// <see cref="EmulatedService.Authenticate"/> stored it; handlers take it as a parameter.
/// </summary>
/// <param name="Subject">Who calls: the LivePerson login name, the token API user id, the Hypernative email or client id.</param>
/// <param name="Scope">The LivePerson account or Hypernative organization the credential is bound to.</param>
internal sealed record ServiceCaller(string Subject, string? Scope)
{
    private static readonly object ItemKey = new();

    /// <summary>Minimal-API binding hook: reads what the gate stored.</summary>
    public static ValueTask<ServiceCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Items[ItemKey] as ServiceCaller);

    public void Store(HttpContext context) => context.Items[ItemKey] = this;
}
