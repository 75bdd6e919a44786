using System.Globalization;
using Litmind.Emulator.ApiKeyOnly;
using Litmind.Emulator.Cookie;
using Litmind.Emulator.Devise;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.JsonApi;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.RailsToken;
using Litmind.Emulator.Services;

namespace Litmind.Emulator;

/// <summary>What the stand-alone emulator prints at start: where it listens and how to log in.</summary>
/// <remarks>
/// build.ps1 and the Pester helpers read the Litmind lines (<c>Base URI :</c>, <c>API key  :</c>), so
/// those come first and keep their format; the other services follow with labels of their own.
/// </remarks>
internal static class Banner
{
    private const string ControlList = "counters, reset, expire, faults, sessions, requests";

    public static void Print(IEnumerable<string> urls, EmulatorState state)
    {
        var roots = urls.Select(u => u.TrimEnd('/') + "/").ToList();
        var output = Console.Out;
        output.WriteLine("Litmind API emulator");
        foreach (var root in roots)
        {
            output.WriteLine($"  Base URI : {root}api/v1/");
        }

        output.WriteLine($"  API key  : {state.ApiKey}");
        foreach (var root in roots)
        {
            output.WriteLine($"  Controls : {root}_emulator/ ({ControlList})");
        }

        output.WriteLine();
        output.WriteLine("  Demo accounts:");
        WriteTable(
            output,
            ["Username", "Email", "Password", "Type", "Id"],
            DemoData.Accounts.Select(a => new[] { a.Username, a.Email, a.Password, a.TypeTitle, Text(a.Id) }));

        WriteService(output, roots, state.LivePerson, [("Account", LivePersonDemo.AccountId)], [("Domain", state.LivePersonDomainUri?.ToString() ?? "(not listening)")]);
        WriteTable(
            output,
            ["Login name", "Password", "User id", "Admin"],
            LivePersonDemo.Users.Select(u => new[] { u.LoginName, u.Password, u.UserId, u.IsAdmin ? "yes" : "no" }));

        WriteService(output, roots, state.RailsToken, []);
        WriteTable(
            output,
            ["Email", "Password", "User id"],
            RailsTokenDemo.Users.Select(u => new[] { u.Email, u.Password, Text(u.Id) }));

        var key = HypernativeDemo.ApiKey;
        WriteService(output, roots, state.Hypernative, [("Client id", key.ClientId), ("Client secret", key.ClientSecret), ("Key's org", Text(key.OrganizationId))]);
        WriteTable(
            output,
            ["Email", "Password", "Organizations"],
            HypernativeDemo.Users.Select(u => new[] { u.Email, u.Password, string.Join(", ", u.OrganizationIds.Select(Text)) }));

        WriteService(output, roots, state.OAuth, [("Client id", OAuthDemo.Client.ClientId), ("Client secret", OAuthDemo.Client.ClientSecret)], withUsers: false);

        WriteService(output, roots, state.Devise, []);
        WriteTable(
            output,
            ["Email", "Password", "Name", "Role"],
            DeviseDemo.Users.Select(u => new[] { u.Email, u.Password, u.Name, u.Role }));

        // "Key", not "API key": readers of the banner take the first "API key" line as Litmind's.
        WriteService(output, roots, state.ApiKeyService, [("Key", ApiKeyDemo.Key)], withUsers: false);

        WriteService(output, roots, state.Cookie, []);
        WriteTable(output, ["Username", "Password"], CookieDemo.Users.Select(u => new[] { u.Username, u.Password }));

        WriteService(output, roots, state.JsonApi, []);
        WriteTable(output, ["Email", "Password"], JsonApiDemo.Users.Select(u => new[] { u.Email, u.Password }));

        output.WriteLine();
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }

    /// <summary>A service's heading, its root (the <c>-BaseUri</c> to pass), its own values and its controls.</summary>
    /// <param name="after">Values printed after the controls (LivePerson's domain), so the lines before keep their order.</param>
    /// <param name="withUsers">Whether a table of demo users follows (a service of clients or keys has none).</param>
    private static void WriteService(TextWriter output, IReadOnlyList<string> roots, ServiceState service, IReadOnlyList<(string Label, string Value)> values, IReadOnlyList<(string Label, string Value)>? after = null, bool withUsers = true)
    {
        List<(string Label, string Value)> lines =
        [
            .. roots.Select(root => ("Root", root + service.RootPath.TrimStart('/'))),
            .. values,
            .. roots.Select(root => ("Controls", $"{root}_emulator/{service.ControlName}/ ({ControlList}, lifetime)")),
            .. after ?? [],
        ];
        var width = lines.Max(l => l.Label.Length);
        output.WriteLine();
        output.WriteLine($"{service.Name} emulator (-Service {service.Name})");
        foreach (var (label, value) in lines)
        {
            output.WriteLine($"  {label.PadRight(width)} : {value}");
        }

        if (withUsers)
        {
            output.WriteLine("  Demo users:");
        }
    }

    private static void WriteTable(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
