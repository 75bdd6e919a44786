using Litmind.PowerShell.Tests.Infrastructure;

namespace Litmind.PowerShell.Tests.Presentation;

/// <summary>Get-LitmindSession with sessions of every service: the table names the service and fits an 80-column console.</summary>
public sealed class ServiceSessionViewTests : IClassFixture<ServicesFixture>
{
    private readonly ServicesFixture fixture;

    public ServiceSessionViewTests(ServicesFixture fixture) => this.fixture = fixture;

    [Fact]
    public void The_session_table_names_each_service_and_fits_80_columns()
    {
        using var ps = fixture.NewRunner();
        ps.Run("""
            $agency = Connect-Litmind -Credential $AgencyCred -ApiKey $ApiKey -BaseUri $BaseUri
            Connect-Litmind -Credential $AvaCred -Session $agency | Out-Null
            Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccount -Credential $LpAdminCred | Out-Null
            Connect-Litmind -Service RailsToken -BaseUri $RailsTokenUri -Credential $OpsCred | Out-Null
            Connect-Litmind -Service Hypernative -BaseUri $HypernativeUri -ClientId $ClientId -ClientSecret $ClientSecret | Out-Null
            """).ShouldSucceed();

        var text = string.Concat(ps.Run("Get-LitmindSession | Out-String -Width 80").ShouldSucceed().Output.Select(o => o.BaseObject));

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r').TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Equal(6, lines.Count);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Equal(new[] { "Default", "Service", "UserName", "Status", "BaseUri" }, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^\s+Litmind\s+northstar-agency \+1\s+200 " + fixture.Emulator.BaseUri + "$", lines[2]);
        Assert.Matches(@"^\s+LivePerson\s+lp-admin\s+200 http://127\.0\.0\.1:\d+/live", lines[3]);
        Assert.Matches(@"^\s+RailsToken\s+ops@railstoken\.exam…\s+200 http://127\.0\.0\.1:\d+/rails", lines[4]);
        Assert.Matches(@"^\s+\*\s+Hypernative\s+\(API key\)\s+0 http://127\.0\.0\.1:\d+/hyper", lines[5]);
        fixture.AssertNoSecretIn(text);
    }
}
