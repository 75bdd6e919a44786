namespace Litmind.Emulator;

/// <summary>What the stand-alone emulator prints at start: where it listens and how to log in.</summary>
internal static class Banner
{
    public static void Print(IEnumerable<string> urls, string apiKey)
    {
        var roots = urls.Select(u => u.TrimEnd('/') + "/").ToList();
        var output = Console.Out;
        output.WriteLine("Litmind API emulator");
        foreach (var root in roots)
        {
            output.WriteLine($"  Base URI : {root}api/v1/");
        }

        output.WriteLine($"  API key  : {apiKey}");
        foreach (var root in roots)
        {
            output.WriteLine($"  Controls : {root}_emulator/ (counters, reset, expire, faults, sessions, requests)");
        }

        output.WriteLine();
        output.WriteLine("  Demo accounts:");
        var rows = DemoData.Accounts.Select(a => new[] { a.Username, a.Email, a.Password, a.TypeTitle, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        string[] header = ["Username", "Email", "Password", "Type", "Id"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }
}
