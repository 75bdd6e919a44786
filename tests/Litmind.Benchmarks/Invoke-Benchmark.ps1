<#
.SYNOPSIS
    Measures the Litmind module's per-call cost, parallel throughput, large answers, lists in pages
    and import time against their floors (issues 13 and 21), and prints tables with the ratios and
    the goals.

.DESCRIPTION
    Builds the module, the emulator and the benchmark's helper (tests/Litmind.Benchmarks), restores
    the pinned pwsh (dotnet tool restore), then runs Measure-Scenario.ps1 in ONE pwsh 7.6.9 process
    (dotnet pwsh): every scenario and its floor side by side in that process, against the bundled
    emulator on loopback. See docs/performance.md for what each scenario measures.

    Runs in any PowerShell 7 (build.ps1 -Task Benchmark calls it): it uses only .NET and the
    Microsoft.PowerShell.Core cmdlets, and measures nothing itself.

.PARAMETER Scenario
    Which scenarios to run, as wildcards: engine-noop, floor-in-cmdlet, floor-in-foreach,
    floor-in-pipeline, foreach-object, foreach-object-hashtable, foreach, pipeline, raw, irm,
    irm-websession, parallel-1, parallel-4, parallel-8, large-array[-floor|-raw|-irm],
    large-envelope[-floor|-raw|-irm], large-envelope-expand, all-pages, all-pages-memory, outfile,
    import. Default: all.

.PARAMETER Calls
    Calls per run in the sequential scenarios. Default: 5000.

.PARAMETER BlockCalls
    A sequential run and its floor run take turns in blocks of this many calls, so that a drift of
    the machine during a round falls on both. Default: 500.

.PARAMETER ParallelCalls
    Items per run in the ForEach-Object -Parallel scenarios. Default: 1000.

.PARAMETER Rounds
    Rounds of the sequential, parallel and paged-list scenarios (each run paired with a floor run).
    Default: 9.

.PARAMETER LargeItems
    Items in the large answers. Default: 200000 (with -LargeItemBytes 245: 49 MB).

.PARAMETER LargeItemBytes
    Bytes per item of the emulator's synthetic lists: the large answers and the paged list. Default: 245.

.PARAMETER LargeRounds
    Rounds of the large-answer scenarios. Default: 3.

.PARAMETER ImportRounds
    Fresh pwsh processes per manifest in the import scenario. Default: 9.

.PARAMETER OutFileMB
    The size of the answer saved with -OutFile, in MB. Default: 200.

.PARAMETER ListItems
    Items of the list that all-pages walks with -All; all-pages-memory also walks one a fifth as
    long. Default: 100000.

.PARAMETER ListPageSize
    Items per page of that list (1 to 10,000, the emulator's limit). Default: 1000.

.PARAMETER ListRuns
    Whole listings per side in each round of all-pages, the module's and the floor's taking turns
    one listing at a time. Default: 2.

.PARAMETER ListMemoryRounds
    Rounds of all-pages-memory, each a listing of either length by either side, alone. A peak
    moves by a third from one listing to the next, as the collections fall: more rounds than the
    others. Default: 15.

.PARAMETER Quick
    Every scenario once at a tiny size (5 calls, 200 list items, 10 pages, one round): checks that the
    harness runs, measures nothing worth reading. Explicit sizes still win.

.PARAMETER Configuration
    The build configuration of the module, emulator and helper. Default: Release.

.PARAMETER ModuleManifest
    The Litmind.psd1 to measure, laid out as <folder>/Litmind/<version>/Litmind.psd1. Default: the
    one the build lays out in out/.

.PARAMETER NoBuild
    Use what is already built.

.PARAMETER ResultPath
    Also write the results as JSON to this file.

.EXAMPLE
    ./tests/Litmind.Benchmarks/Invoke-Benchmark.ps1

    The full run: 5000 calls x 9 rounds, 1000 parallel items, 200,000-item lists, 9 imports.

.EXAMPLE
    ./tests/Litmind.Benchmarks/Invoke-Benchmark.ps1 -Scenario foreach-object, pipeline, raw -Calls 2000 -Rounds 5
#>
[CmdletBinding()]
param(
    [ValidateNotNullOrEmpty()]
    [string[]] $Scenario = '*',

    [ValidateRange(1, [int]::MaxValue)] [int] $Calls = 5000,
    [ValidateRange(1, [int]::MaxValue)] [int] $BlockCalls = 500,
    [ValidateRange(1, [int]::MaxValue)] [int] $ParallelCalls = 1000,
    [ValidateRange(1, [int]::MaxValue)] [int] $WarmupCalls = 200,
    [ValidateRange(1, [int]::MaxValue)] [int] $Rounds = 9,
    [ValidateRange(1, [int]::MaxValue)] [int] $LargeItems = 200000,
    [ValidateRange(1, 1048576)] [int] $LargeItemBytes = 245,
    [ValidateRange(1, [int]::MaxValue)] [int] $LargeRounds = 3,
    [ValidateRange(1, [int]::MaxValue)] [int] $ImportRounds = 9,
    [ValidateRange(1, [int]::MaxValue)] [int] $OutFileMB = 200,
    [ValidateRange(1, [int]::MaxValue)] [int] $ListItems = 100000,
    [ValidateRange(1, 10000)] [int] $ListPageSize = 1000,
    [ValidateRange(1, [int]::MaxValue)] [int] $ListRuns = 2,
    [ValidateRange(1, [int]::MaxValue)] [int] $ListMemoryRounds = 15,

    [switch] $Quick,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string] $ModuleManifest,

    [switch] $NoBuild,

    [string] $ResultPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$Project = [System.IO.Path]::Combine($PSScriptRoot, 'Litmind.Benchmarks.csproj')

if ($Quick) {
    $tiny = @{ Calls = 5; ParallelCalls = 5; WarmupCalls = 2; Rounds = 1; LargeItems = 200; LargeRounds = 1; ImportRounds = 1; OutFileMB = 1; ListItems = 200; ListPageSize = 20; ListRuns = 1; ListMemoryRounds = 1 }
    foreach ($name in $tiny.Keys) {
        if (-not $PSBoundParameters.ContainsKey($name)) { $ExecutionContext.SessionState.PSVariable.Set($name, $tiny[$name]) }
    }
}

function Invoke-InRepository {
    # dotnet in the repository's folder (where the tool manifest is), its output straight to ours.
    param([Parameter(Mandatory)][string[]] $ArgumentList)

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.WorkingDirectory = $RepoRoot
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) {
            throw "'dotnet $($ArgumentList[0..1] -join ' ')' failed with exit code $($process.ExitCode)."
        }
    }
    finally {
        $process.Dispose()
    }
}

if (-not $ModuleManifest) {
    # ModuleVersion in Litmind.psd1 is the version's one home; the build lays the module out under it.
    $version = [regex]::Match([System.IO.File]::ReadAllText([System.IO.Path]::Combine($RepoRoot, 'Litmind.psd1')), "ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value
    $ModuleManifest = [System.IO.Path]::Combine($RepoRoot, 'out', 'Litmind', $version, 'Litmind.psd1')
}
$ModuleManifest = [System.IO.Path]::GetFullPath($ModuleManifest)

if (-not $NoBuild) {
    # The helper's project builds the module and the emulator with it.
    Invoke-InRepository 'build', $Project, '--configuration', $Configuration, '--nologo', '--verbosity', 'quiet'
}

$helper = [System.IO.Path]::Combine($PSScriptRoot, 'bin', $Configuration, 'net10.0', 'Litmind.Benchmarks.dll')
foreach ($file in $helper, $ModuleManifest) {
    if (-not [System.IO.File]::Exists($file)) { throw "$file is not there: build first (without -NoBuild, this script does)." }
}

Invoke-InRepository 'tool', 'restore'

$measure = @(
    'pwsh', '-NoProfile', '-NonInteractive', '-File', [System.IO.Path]::Combine($PSScriptRoot, 'Measure-Scenario.ps1')
    '-ModuleManifest', $ModuleManifest
    '-HelperAssembly', $helper
    '-Scenario', ($Scenario -join ',')
    '-Calls', $Calls, '-BlockCalls', $BlockCalls, '-ParallelCalls', $ParallelCalls, '-WarmupCalls', $WarmupCalls, '-Rounds', $Rounds
    '-LargeItems', $LargeItems, '-LargeItemBytes', $LargeItemBytes, '-LargeRounds', $LargeRounds
    '-ImportRounds', $ImportRounds, '-OutFileMB', $OutFileMB
    '-ListItems', $ListItems, '-ListPageSize', $ListPageSize, '-ListRuns', $ListRuns, '-ListMemoryRounds', $ListMemoryRounds
)
if ($ResultPath) {
    $measure += '-ResultPath', $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ResultPath)
}

Invoke-InRepository ([string[]] $measure)
