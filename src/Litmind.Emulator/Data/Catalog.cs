namespace Litmind.Emulator.Data;

/// <summary>
/// The read-only seed data: generated models, castings, and the starting notifications and
/// candidates (the mutable copies live in <see cref="World"/>).
/// </summary>
internal static class Catalog
{
    public const int GeneratedModelCount = 120;
    public const long FirstGeneratedModelId = 300001;

    private static readonly string[] Cities =
    [
        "Milan", "Paris", "London", "New York", "Berlin",
        "Barcelona", "Copenhagen", "Tokyo", "São Paulo", "Los Angeles",
    ];

    /// <summary>Agencies of the generated models: northstar-agency, two agencies without demo accounts, and freelancers.</summary>
    private static readonly long?[] Agencies = [DemoData.Agency.Id, 250010, 250020, null];

    /// <summary>The 120 generated catalogue models (ids 300001..300120), ordered by id.</summary>
    public static IReadOnlyList<ModelProfile> Models { get; } = Enumerable.Range(1, GeneratedModelCount)
        .Select(i => new ModelProfile(
            FirstGeneratedModelId + i - 1,
            $"model-{i:000}",
            Cities[i % Cities.Length],
            168 + (i * 7 % 21),
            Agencies[i % Agencies.Length]))
        .ToList();

    /// <summary>The demo model accounts (ava, liam) as model profiles: castings refer to them.</summary>
    public static IReadOnlyList<ModelProfile> AccountModels { get; } =
    [
        new(DemoData.Ava.Id, DemoData.Ava.Username, "Milan", 178, DemoData.Ava.AgencyId),
        new(DemoData.Liam.Id, DemoData.Liam.Username, "Paris", 186, DemoData.Liam.AgencyId),
    ];

    // Declared after the lists it indexes and before Featured: static initializers run in text order.
    private static readonly Dictionary<long, ModelProfile> ModelsById =
        AccountModels.Concat(Models).ToDictionary(m => m.Id);

    /// <summary>A fixed pick, so featured answers are stable across runs.</summary>
    public static IReadOnlyList<ModelProfile> Featured { get; } =
        new long[] { 300007, 300023, 300042, 300058, 300101 }.Select(id => FindModel(id)!).ToList();

    public static IReadOnlyList<Casting> Castings { get; } =
    [
        new(501, DemoData.ProductionCompany.Id, "Autumn knitwear lookbook", Casting.Open, "Milan, IT", new DateOnly(2026, 12, 3),
            "Studio lookbook for a knitwear label: 12 looks, natural make-up, one day on set."),
        new(502, DemoData.ProductionCompany.Id, "Sparkling water TV spot", Casting.Open, "Barcelona, ES", new DateOnly(2026, 12, 10),
            "30-second commercial on the beach; swimming skills appreciated."),
        new(503, DemoData.ProductionCompany.Id, "Running shoes campaign", Casting.Open, "Berlin, DE", new DateOnly(2027, 1, 14),
            "Outdoor campaign for a running brand; athletic profiles, two shooting days."),
        new(504, DemoData.ProductionCompany.Id, "Winter coats e-commerce shoot", Casting.Closed, "Copenhagen, DK", new DateOnly(2026, 11, 20),
            "E-commerce shoot on white background, 40 coats."),
        new(505, DemoData.ProductionCompany.Id, "Perfume print editorial", Casting.Open, "Paris, FR", new DateOnly(2027, 2, 2),
            "Black-and-white editorial for a perfume launch in a fashion monthly."),
    ];

    public static ModelProfile? FindModel(long id) => ModelsById.GetValueOrDefault(id);

    public static Casting? FindCasting(long id) => Castings.FirstOrDefault(c => c.Id == id);

    /// <summary>The models an agency represents: its model accounts first, then catalogue models.</summary>
    public static IReadOnlyList<ModelProfile> ModelsOfAgency(long agencyId) =>
        AccountModels.Concat(Models).Where(m => m.AgencyId == agencyId).ToList();

    /// <summary>Starting candidates by casting id.</summary>
    public static Dictionary<long, List<Candidate>> SeedCandidates() => new()
    {
        [501] = [new(DemoData.Ava.Id, Candidate.Proposed), new(DemoData.Liam.Id, Candidate.Shortlisted), new(300004, Candidate.Proposed)],
        [502] = [new(DemoData.Ava.Id, Candidate.Shortlisted)],
        [503] = [],
        [504] = [new(DemoData.Liam.Id, Candidate.Shortlisted), new(300002, Candidate.Proposed)],
        [505] = [new(300010, Candidate.Proposed)],
    };

    /// <summary>Starting notifications: 3 to 5 per demo account, ids unique across accounts.</summary>
    public static IReadOnlyList<Notification> SeedNotifications()
    {
        var production = DemoData.ProductionCompany.Id;
        var agency = DemoData.Agency.Id;
        var ava = DemoData.Ava.Id;
        var liam = DemoData.Liam.Id;
        return
        [
            new(1, production, "casting", "Northstar Agency proposed Ava North for \"Autumn knitwear lookbook\".", "2026-11-01T09:00:00Z", false),
            new(2, production, "casting", "model-004 was proposed for \"Autumn knitwear lookbook\".", "2026-11-01T11:30:00Z", false),
            new(3, production, "message", "New message from Northstar Agency about \"Sparkling water TV spot\".", "2026-10-30T16:45:00Z", false),
            new(4, production, "system", "Your invoice for October 2026 is ready.", "2026-10-28T08:00:00Z", true),
            new(5, agency, "casting", "Imagine Production shortlisted Liam North for \"Autumn knitwear lookbook\".", "2026-11-02T10:15:00Z", false),
            new(6, agency, "casting", "New casting matching your models: \"Running shoes campaign\" in Berlin.", "2026-11-01T14:00:00Z", false),
            new(7, agency, "message", "Imagine Production sent you a message about \"Sparkling water TV spot\".", "2026-10-30T17:05:00Z", true),
            new(8, agency, "system", "Two model profiles need updated polaroids.", "2026-10-29T09:00:00Z", false),
            new(9, agency, "system", "Scheduled maintenance on 2026-11-15 from 02:00 to 03:00 UTC.", "2026-10-27T12:00:00Z", true),
            new(10, ava, "casting", "You were proposed for \"Autumn knitwear lookbook\".", "2026-11-01T09:00:00Z", false),
            new(11, ava, "casting", "You were shortlisted for \"Sparkling water TV spot\".", "2026-10-31T15:20:00Z", false),
            new(12, ava, "message", "Northstar Agency: fitting confirmed on 2026-12-01 at 10:00.", "2026-10-30T10:00:00Z", true),
            new(13, liam, "casting", "You were shortlisted for \"Autumn knitwear lookbook\".", "2026-11-02T10:15:00Z", false),
            new(14, liam, "casting", "\"Winter coats e-commerce shoot\" has been closed.", "2026-11-01T18:00:00Z", true),
            new(15, liam, "system", "Please confirm your availability for December.", "2026-10-29T07:30:00Z", false),
        ];
    }
}
