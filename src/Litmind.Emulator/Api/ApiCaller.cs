using System.Reflection;

namespace Litmind.Emulator.Api;

/// <summary>
/// The authenticated caller of a session endpoint: the account named by <c>X-UserId</c> and the accounts of its session.
/// <see cref="LitmindApi.Authenticate"/> validates the headers and stores it; handlers just take it as a parameter.
/// </summary>
internal sealed record ApiCaller(DemoAccount Account, IReadOnlyList<long> SessionUserIds)
{
    private static readonly object ItemKey = new();

    public bool IsProductionCompany => Account.TypeTitle == DemoData.ProductionCompanyType;

    public bool IsAgency => Account.TypeTitle == DemoData.ModelAgencyType;

    /// <summary>Minimal-API binding hook: reads what the gate stored.</summary>
    public static ValueTask<ApiCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Items[ItemKey] as ApiCaller);

    public void Store(HttpContext context) => context.Items[ItemKey] = this;
}

/// <summary>Endpoint metadata: the endpoint needs its service's credentials (a Litmind session and user, a bearer, a token...).</summary>
internal sealed class RequiresSession
{
    public static RequiresSession Instance { get; } = new();

    private RequiresSession()
    {
    }
}
