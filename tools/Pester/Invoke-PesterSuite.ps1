<#
.SYNOPSIS
    Runs a Pester suite with a given Pester module and writes its results; build.ps1 -Task Test
    starts it in a new pwsh -NoProfile, so the suite runs in a session of its own.

.DESCRIPTION
    Writes Pester's NUnit XML to -ResultPath and the counts of Pester's result object to
    -SummaryPath as JSON (Passed, Failed, Skipped, NotRun, Result). Failed counts failed tests,
    and blocks and files that failed outside a test (a BeforeAll, a discovery), which fail no
    test of their own. Exits with 0 only when the run passed and ran at least one test.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $PesterModule,
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][string] $ResultPath,
    [Parameter(Mandatory)][string] $SummaryPath
)

$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterModule -MinimumVersion 5.5.0

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration

$summary = [ordered]@{
    Pester  = [string] (Get-Module Pester).Version
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
    NotRun  = $result.NotRunCount
    Result  = $result.Result
}
$null = New-Item -ItemType Directory -Path (Split-Path $SummaryPath -Parent) -Force
$summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding utf8

# Written after the summary, so that a report Pester cannot write (a failure message holding a
# character XML refuses) loses no count.
try {
    $result | Export-NUnitReport -Path $ResultPath
}
catch {
    Write-Warning "Pester's NUnit report was not written to ${ResultPath}: $_"
}

exit ($result.Result -eq 'Passed' -and $result.PassedCount -gt 0 ? 0 : 1)
