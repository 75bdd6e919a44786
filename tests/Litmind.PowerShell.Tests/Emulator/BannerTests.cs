using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Litmind.Emulator;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.LivePerson;

namespace Litmind.PowerShell.Tests.Emulator;

/// <summary>The stand-alone emulator's start-up banner, which build.ps1 and the Pester helpers parse.</summary>
public sealed class BannerTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_banner_keeps_the_Litmind_lines_and_adds_every_service_with_its_demo_credentials()
    {
        var (root, lines) = await ReadBannerAsync();

        // Exactly the lines (and order) the emulator printed before other services existed.
        string[] litmind =
        [
            "Litmind API emulator",
            $"  Base URI : {root}api/v1/",
            $"  API key  : {DemoData.ApiKey}",
            $"  Controls : {root}_emulator/ (counters, reset, expire, faults, sessions, requests)",
            "",
            "  Demo accounts:",
            "  Username            Email                       Password        Type                Id",
            "  imagine-production  production@imagine.example  Dq4juHcnJBw8    Production company  138829",
            "  northstar-agency    agency@northstar.example    N0rthStar!2026  Model agency        240001",
            "  ava-north           ava@northstar.example       Ava#Runway1     Model               240101",
            "  liam-north          liam@northstar.example      Liam#Runway2    Model               240102",
        ];
        Assert.Equal(litmind, lines.Take(litmind.Length));
        Assert.Equal("Press Ctrl+C to stop.", lines[^1]);

        // build.ps1 and tests/Pester/TestHelpers.ps1 take the first of these; no other line may look like them.
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\s*Base URI\s*:"));
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\s*API key\s*:"));

        var rest = string.Join('\n', lines.Skip(litmind.Length));
        Assert.Contains($"LivePerson emulator (-Service LivePerson)\n  Root     : {root}liveperson/\n  Account  : {LivePersonDemo.AccountId}\n  Controls : {root}_emulator/liveperson/", rest);
        Assert.Matches(@"\n  Controls : \S+_emulator/liveperson/ \([^)]*\)\n  Domain   : http://127\.0\.0\.1:\d+/\n  Demo users:", rest);
        Assert.Contains("  lp-admin    LpAdmin#2026  3705342610  yes", rest);
        Assert.Contains($"RailsToken emulator (-Service RailsToken)\n  Root     : {root}railstoken/api/v1/\n  Controls : {root}_emulator/railstoken/", rest);
        Assert.Contains("  foo@bar.com             foobar         1", rest);
        Assert.Contains($"Hypernative emulator (-Service Hypernative)\n  Root          : {root}hypernative/", rest);
        Assert.Contains($"  Client id     : {HypernativeDemo.ApiKey.ClientId}\n  Client secret : {HypernativeDemo.ApiKey.ClientSecret}", rest);
        Assert.Contains("  admin@hypernative.example    Hn#Admin2026    1, 2", rest);
        Assert.Contains($"OAuth emulator (-Service OAuth)\n  Root          : {root}oauth/\n  Client id     : oauth-demo-client\n  Client secret : oauth-demo-secret-4c1f9e7a\n  Controls      : {root}_emulator/oauth/", rest);
        Assert.Contains($"Devise emulator (-Service Devise)\n  Root     : {root}devise/\n  Controls : {root}_emulator/devise/", rest);
        Assert.Contains("  ada@devise.example    Devise#Ada2026    Ada Lovelace  admin", rest);
        Assert.Contains($"ApiKey emulator (-Service ApiKey)\n  Root     : {root}apikey/\n  Key      : apikey-demo-9d3b7c1e5a\n  Controls : {root}_emulator/apikey/", rest);
        Assert.Contains($"Cookie emulator (-Service Cookie)\n  Root     : {root}cookie/\n  Controls : {root}_emulator/cookie/", rest);
        Assert.Contains("  cookie-user  Cookie#2026", rest);
        Assert.Contains($"JsonApi emulator (-Service JsonApi)\n  Root     : {root}jsonapi/\n  Controls : {root}_emulator/jsonapi/", rest);
        Assert.Contains("  author@jsonapi.example  JsonApi#2026", rest);
    }

    /// <summary>
    /// Starts the built emulator on a port the system picks, reads the banner up to its last line and
    /// checks the process answers on a service root, then stops it.
    /// </summary>
    private static async Task<(string Root, IReadOnlyList<string> Lines)> ReadBannerAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Litmind.Emulator.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");

        using var process = Process.Start(start)!;
        try
        {
            using var cancel = new CancellationTokenSource(StartTimeout);
            _ = process.StandardError.ReadToEndAsync(cancel.Token);
            var lines = new List<string>();
            while (lines.Count == 0 || lines[^1] != "Press Ctrl+C to stop.")
            {
                var line = await process.StandardOutput.ReadLineAsync(cancel.Token)
                    ?? throw new InvalidOperationException($"The emulator exited before its banner was complete:\n{string.Join('\n', lines)}");
                lines.Add(line);
            }

            var root = Regex.Match(lines[1], @"^  Base URI : (\S+)api/v1/$").Groups[1].Value;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var login = await http.PostAsync(root + "railstoken/api/v1/sessions", new FormUrlEncodedContent([KeyValuePair.Create("email", "foo@bar.com"), KeyValuePair.Create("password", "foobar")]));
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);

            // The service domain listens too: without a bearer its API refuses with LivePerson's 401.
            var domain = lines.Single(l => l.StartsWith("  Domain   : ", StringComparison.Ordinal))["  Domain   : ".Length..];
            var skills = await http.GetAsync(domain + "api/account/90412079/configuration/le-users/skills");
            Assert.Equal(HttpStatusCode.Unauthorized, skills.StatusCode);
            return (root, lines);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
    }
}
