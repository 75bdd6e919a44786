namespace Litmind.Emulator;

/// <summary>A Litmind account that can log in to the emulator.</summary>
/// <param name="AgencyId">For a model account: the id of the agency that represents it.</param>
public sealed record DemoAccount(long Id, string Username, string Email, string Password, string TypeTitle, long? AgencyId)
{
    /// <summary>The profile thumbnail the API reports for this account.</summary>
    public string ThumbnailUrl => DemoData.ThumbnailUrl(Id);
}

/// <summary>The fixed, documented demo accounts and API key, so tests, examples and docs can share them.</summary>
public static class DemoData
{
    /// <summary>The API key every emulator accepts unless <see cref="EmulatorOptions.ApiKey"/> says otherwise.</summary>
    public const string ApiKey = "litmind-demo-5f3c9a1e7b2d4c6a8e0f1b3d5a7c9e2f";

    public const string ProductionCompanyType = "Production company";
    public const string ModelAgencyType = "Model agency";
    public const string ModelType = "Model";

    /// <summary>imagine-production: owns the seeded castings.</summary>
    public static DemoAccount ProductionCompany { get; } =
        new(138829, "imagine-production", "production@imagine.example", "Dq4juHcnJBw8", ProductionCompanyType, null);

    /// <summary>northstar-agency: represents <see cref="Ava"/> and <see cref="Liam"/>.</summary>
    public static DemoAccount Agency { get; } =
        new(240001, "northstar-agency", "agency@northstar.example", "N0rthStar!2026", ModelAgencyType, null);

    public static DemoAccount Ava { get; } =
        new(240101, "ava-north", "ava@northstar.example", "Ava#Runway1", ModelType, 240001);

    public static DemoAccount Liam { get; } =
        new(240102, "liam-north", "liam@northstar.example", "Liam#Runway2", ModelType, 240001);

    /// <summary>Every demo account, in the order the banner and the docs list them.</summary>
    public static IReadOnlyList<DemoAccount> Accounts { get; } = [ProductionCompany, Agency, Ava, Liam];

    public static string ThumbnailUrl(long profileId) =>
        $"https://cdn.litmind.example/profiles/{profileId}/thumbnail.jpg";

    /// <summary>Finds an account by id; null when no demo account has it.</summary>
    public static DemoAccount? FindById(long id) => Accounts.FirstOrDefault(a => a.Id == id);

    /// <summary>Finds an account by username or email, ignoring case as the real service does.</summary>
    public static DemoAccount? FindByLogin(string emailOrUsername) =>
        Accounts.FirstOrDefault(a =>
            string.Equals(a.Username, emailOrUsername, StringComparison.OrdinalIgnoreCase)
            || string.Equals(a.Email, emailOrUsername, StringComparison.OrdinalIgnoreCase));
}
