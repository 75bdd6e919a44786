<#
.SYNOPSIS
    Measures the Litmind module against its floor, every scenario in this one pwsh process.

.DESCRIPTION
    Run by Invoke-Benchmark.ps1 in the pinned pwsh (dotnet pwsh); not meant to be started by hand.
    It starts the bundled emulator (src/Litmind.Emulator, port 0, address read from its banner),
    loads the built module and Litmind.Benchmarks.dll (the floor: one reused HttpClient +
    JToken.Parse in C#), and runs each selected scenario warmed up, paired with a floor run in every
    round (the two taking turns in blocks of calls, the side that starts alternating), for several
    rounds. It prints, per scenario, the absolute time, the ratio to the floor (median over rounds)
    and the issue's goal.

    Every run is checked against the emulator's counters: a scenario that did not make exactly the
    calls it claims fails instead of reporting a time.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $HelperAssembly,
    # Wildcards, comma-separated (pwsh -File passes one string).
    [string] $Scenario = '*',
    [ValidateRange(1, [int]::MaxValue)] [int] $Calls = 5000,
    [ValidateRange(1, [int]::MaxValue)] [int] $BlockCalls = 500,
    [ValidateRange(1, [int]::MaxValue)] [int] $ParallelCalls = 1000,
    [ValidateRange(1, [int]::MaxValue)] [int] $WarmupCalls = 200,
    [ValidateRange(1, [int]::MaxValue)] [int] $Rounds = 9,
    [ValidateRange(1, [int]::MaxValue)] [int] $LargeItems = 200000,
    [ValidateRange(1, [int]::MaxValue)] [int] $LargeItemBytes = 245,
    [ValidateRange(1, [int]::MaxValue)] [int] $LargeRounds = 3,
    [ValidateRange(1, [int]::MaxValue)] [int] $ImportRounds = 9,
    [ValidateRange(1, [int]::MaxValue)] [int] $OutFileMB = 200,
    [ValidateRange(1, [int]::MaxValue)] [int] $ListItems = 100000,
    [ValidateRange(1, 10000)] [int] $ListPageSize = 1000,
    [ValidateRange(1, [int]::MaxValue)] [int] $ListRuns = 2,
    [ValidateRange(1, [int]::MaxValue)] [int] $ListMemoryRounds = 15,
    [string] $ResultPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$CallPath = 'account/status/notifications'
$ListPath = '_emulator/items'
$DemoUser = 'imagine-production'

# The paged list: -ListItems in pages of -ListPageSize, and a fifth as long for the memory's second size.
$ListSmallItems = [math]::Max(1, [int] [math]::Floor($ListItems / 5))
function Get-PageCount([int] $Items) { [math]::Max(1, [int] [math]::Ceiling($Items / $ListPageSize)) }

# The pwsh running this script, to start fresh ones for the import scenario (dotnet pwsh.dll for the .NET tool).
$PwshCommand = @([System.Environment]::ProcessPath)
if ([System.IO.Path]::GetFileNameWithoutExtension($PwshCommand[0]) -eq 'dotnet') {
    $PwshCommand += [System.Reflection.Assembly]::GetEntryAssembly().Location
}

# The Pester suite's helpers: the emulator's start-up (port 0, banner), its controls and the demo credentials.
. ([System.IO.Path]::Combine($RepoRoot, 'tests', 'Pester', 'TestHelpers.ps1'))

#region Scenarios

# Each scenario: Name, Group, Command (what the table shows), Goal (text) and GoalMax (the ratio
# the goal allows, when it is one), Calls (API calls per item: the emulator must count exactly
# these), Run { param($Count, $Scenario, $State) } and optionally Prepare { param($Count) } for
# input built outside the timing.
#
# Every run discards each answer as it is written (| Out-Null, or $null = per call), as the floor
# discards each parsed answer. `$null = <pipeline>` would not: PowerShell collects a pipeline's
# whole output before the assignment, so all N answers of a run would stay alive until it ends and
# the run would measure the garbage collector promoting them (about 35 µs per call for the
# notifications answer as objects), a cost of the script around the calls, not of the calls.
$PathItems = {
    param($Count)
    $item = [pscustomobject]@{ Path = $CallPath }
    $items = [object[]]::new($Count)
    for ($i = 0; $i -lt $Count; $i++) { $items[$i] = $item }
    , $items
}

$Scenarios = @(
    @{
        Name = 'engine-noop'; Group = 'sequential'; Calls = 0
        Command = '`1..N | ForEach-Object { <no-op binary cmdlet> } | Out-Null` (the engine''s own cost)'
        Run = { param($Count) 1..$Count | ForEach-Object { Invoke-BenchmarkNoOp } | Out-Null }
    }
    # The floor's call made from a binary cmdlet, called each way the module is below (SameWay names
    # the row of a module scenario's way): what that way costs any cmdlet, apart from the module.
    @{
        Name = 'floor-in-cmdlet'; Group = 'sequential'; Calls = 1
        Command = 'the floor call made from a binary cmdlet in `ForEach-Object`'
        Run = { param($Count) 1..$Count | ForEach-Object { Invoke-BenchmarkFloor $CallPath } | Out-Null }
    }
    @{
        Name = 'floor-in-foreach'; Group = 'sequential'; Calls = 1
        Command = 'the same in `foreach ($i in 1..N) { ... }`'
        Run = { param($Count) foreach ($i in 1..$Count) { $null = Invoke-BenchmarkFloor $CallPath } }
    }
    @{
        Name = 'floor-in-pipeline'; Group = 'sequential'; Calls = 1
        Command = 'the same bound from the pipeline (`$items | ...`, `Path` by property name)'
        Prepare = $PathItems
        Run = { param($Count, $Scenario, $State) $State | Invoke-BenchmarkFloor | Out-Null }
    }
    @{
        Name = 'foreach-object'; Group = 'sequential'; Calls = 1; Goal = '≤ 1.3'; GoalMax = 1.3; Module = $true; SameWay = 'floor-in-cmdlet'
        Command = '`1..N | ForEach-Object { Invoke-LitmindRequest ... } | Out-Null`'
        Run = { param($Count) 1..$Count | ForEach-Object { Invoke-LitmindRequest $CallPath } | Out-Null }
    }
    @{
        Name = 'foreach-object-hashtable'; Group = 'sequential'; Calls = 1; Goal = '≤ 1.45'; GoalMax = 1.45; Module = $true; SameWay = 'floor-in-cmdlet'
        Command = '`1..N | ForEach-Object { Invoke-LitmindRequest ... -AsHashtable } | Out-Null`'
        Run = { param($Count) 1..$Count | ForEach-Object { Invoke-LitmindRequest $CallPath -AsHashtable } | Out-Null }
    }
    @{
        Name = 'foreach'; Group = 'sequential'; Calls = 1; Goal = '≤ 1.3'; GoalMax = 1.3; Module = $true; SameWay = 'floor-in-foreach'
        Command = '`foreach ($i in 1..N) { Invoke-LitmindRequest ... }`'
        Run = { param($Count) foreach ($i in 1..$Count) { $null = Invoke-LitmindRequest $CallPath } }
    }
    @{
        Name = 'pipeline'; Group = 'sequential'; Calls = 1; Goal = '≤ 1.2'; GoalMax = 1.2; Module = $true; SameWay = 'floor-in-pipeline'
        Command = '`$items | Invoke-LitmindRequest | Out-Null` (bound from the pipeline)'
        Prepare = $PathItems
        Run = { param($Count, $Scenario, $State) $State | Invoke-LitmindRequest | Out-Null }
    }
    @{
        Name = 'raw'; Group = 'sequential'; Calls = 1; Goal = '≤ 1.15'; GoalMax = 1.15; Module = $true; SameWay = 'floor-in-pipeline'
        Command = '`$items | Invoke-LitmindRequest -Raw | Out-Null`'
        Prepare = $PathItems
        Run = { param($Count, $Scenario, $State) $State | Invoke-LitmindRequest -Raw | Out-Null }
    }
    @{
        Name = 'irm'; Group = 'sequential'; Calls = 1
        Command = '`1..N | ForEach-Object { Invoke-RestMethod ... } | Out-Null` (a new connection per call)'
        Run = { param($Count) 1..$Count | ForEach-Object { Invoke-RestMethod -Uri $CallUri -Headers $CallHeaders } | Out-Null }
    }
    @{
        Name = 'irm-websession'; Group = 'sequential'; Calls = 1; Goal = 'module ÷ it < 1'
        Command = '`1..N | ForEach-Object { Invoke-RestMethod ... -WebSession $ws } | Out-Null`'
        Run = { param($Count) 1..$Count | ForEach-Object { Invoke-RestMethod -Uri $CallUri -WebSession $WebSession } | Out-Null }
    }
)

foreach ($throttle in 1, 4, 8) {
    $Scenarios += @{
        Name = "parallel-$throttle"; Group = 'parallel'; Calls = 1; Throttle = $throttle; Module = $true
        Goal = "≤ 1.11 (throughput within 10 %), connections ≤ $throttle"; GoalMax = 1.11
        Command = "``1..N | ForEach-Object -Parallel { Invoke-LitmindRequest ... -Session `$using:session } -ThrottleLimit $throttle``"
        Run = {
            param($Count, $Scenario)
            $null = 1..$Count | ForEach-Object -ThrottleLimit $Scenario.Throttle -Parallel {
                $null = Invoke-LitmindRequest $using:CallPath -Session $using:Session
            }
        }
        Floor = {
            param($Count, $Scenario)
            $null = 1..$Count | ForEach-Object -ThrottleLimit $Scenario.Throttle -Parallel {
                $null = [Litmind.Benchmarks.Floor.FloorClient]::Shared.Call()
            }
        }
    }
}

foreach ($shape in 'array', 'envelope') {
    $label = if ($shape -eq 'array') { 'a top-level array' } else { 'an envelope (`{"entity":…,"items":[…]}`)' }
    $Scenarios += @(
        @{
            Name = "large-$shape-floor"; Group = 'large'; Shape = $shape; IsFloor = $true
            Command = "streaming floor (C#: items read one at a time, each written as a PSObject), $label"
            Run = { param($Scenario, $Stopwatch) Invoke-BenchmarkStreamingFloor -Uri (Get-ListUri $Scenario.Shape) | Measure-BenchmarkStream -Stopwatch $Stopwatch }
        }
        @{
            Name = "large-$shape"; Group = 'large'; Shape = $shape; Module = $true
            Command = "``Invoke-LitmindRequest`` on $label"
            Run = { param($Scenario, $Stopwatch) Invoke-LitmindRequest $ListPath -Query (Get-ListQuery $Scenario.Shape) | Measure-BenchmarkStream -Stopwatch $Stopwatch }
        }
        @{
            Name = "large-$shape-raw"; Group = 'large'; Shape = $shape; Module = $true
            Command = "``Invoke-LitmindRequest -Raw`` on $label"
            Run = { param($Scenario, $Stopwatch) Invoke-LitmindRequest $ListPath -Query (Get-ListQuery $Scenario.Shape) -Raw | Measure-BenchmarkStream -Stopwatch $Stopwatch }
        }
        if ($shape -eq 'envelope') {
            @{
                Name = 'large-envelope-expand'; Group = 'large'; Shape = $shape; Module = $true
                Goal = 'first object before the body ends; peak memory ≤ 1.2 × the streaming floor''s'
                Command = "``Invoke-LitmindRequest -ExpandProperty items`` on $label"
                Run = { param($Scenario, $Stopwatch) Invoke-LitmindRequest $ListPath -Query (Get-ListQuery $Scenario.Shape) -ExpandProperty items | Measure-BenchmarkStream -Stopwatch $Stopwatch }
            }
        }
        @{
            Name = "large-$shape-irm"; Group = 'large'; Shape = $shape
            Command = "``Invoke-RestMethod -WebSession`` on $label"
            Run = { param($Scenario, $Stopwatch) Invoke-RestMethod -Uri (Get-ListUri $Scenario.Shape) -WebSession $WebSession | Measure-BenchmarkStream -Stopwatch $Stopwatch }
        }
    )
}

# Every page of a list (issue 21). A run is ListRuns whole listings, the module's and the floor's
# taking turns one listing at a time; each listing is checked to write every item.
$Scenarios += @(
    @{
        Name = 'all-pages'; Group = 'paging'; Calls = (Get-PageCount $ListItems); FloorCalls = (Get-PageCount $ListItems); Goal = '≤ 1.0'; GoalMax = 1.0; Module = $true
        Command = '`Invoke-LitmindRequest _emulator/items -All -Query @{ count = N; pageSize = S } | Measure-BenchmarkStream`'
        Run = { param($Count) for ($i = 0; $i -lt $Count; $i++) { Read-List module $ListItems } }
        Floor = { param($Count) for ($i = 0; $i -lt $Count; $i++) { Read-List floor $ListItems } }
    }
    @{
        Name = 'all-pages-memory'; Group = 'paging-memory'; Module = $true
        Goal = 'peak at the longer list ≤ 1.2 × at the shorter'; GoalMax = 1.2
        Command = '`Invoke-LitmindRequest _emulator/items -All` at two list lengths, same page size'
    }
)

$Scenarios += @(
    @{
        Name = 'outfile'; Group = 'outfile'; Goal = 'peak memory < 100 MB above idle'; GoalMax = 100
        Command = '`Invoke-LitmindRequest -OutFile` of a large enveloped list'
    }
    @{
        Name = 'import'; Group = 'import'; Goal = '≤ +50 ms'
        Command = '`Import-Module` in a fresh pwsh, against an empty manifest'
    }
)

#endregion

#region Measuring

function Get-ListQuery([string] $Shape) {
    @{ count = $LargeItems; itemBytes = $LargeItemBytes; shape = $Shape }
}

function Get-ListUri([string] $Shape) {
    [uri]::new($BaseUri, "${ListPath}?count=$LargeItems&itemBytes=$LargeItemBytes&shape=$Shape")
}

function Get-PagedQuery([int] $Items) {
    @{ count = $Items; itemBytes = $LargeItemBytes; pageSize = $ListPageSize }
}

function Read-List {
    # One whole listing of $Items items, by the module (-All) or by the floor (the same pages read
    # one after another in C#), each item written to the same binary cmdlet; a short one fails.
    param([ValidateSet('module', 'floor')] [string] $Side, [int] $Items)

    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $measured = if ($Side -eq 'module') {
        Invoke-LitmindRequest $ListPath -All -Query (Get-PagedQuery $Items) | Measure-BenchmarkStream -Stopwatch $stopwatch
    }
    else {
        Invoke-BenchmarkStreamingFloor -Uri ([uri]::new($BaseUri, "${ListPath}?count=$Items&itemBytes=$LargeItemBytes")) -PageSize $ListPageSize | Measure-BenchmarkStream -Stopwatch $stopwatch
    }
    if ($measured.Count -ne $Items) { throw "the $Side listed $($measured.Count) items of $Items" }
}

function Get-EmulatorCounter {
    $counters = Invoke-EmulatorControl GET counters
    [pscustomobject]@{ Requests = [long] $counters.requests; Connections = [long] $counters.connections }
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]] $Values.Clone()
    [array]::Sort($sorted)
    $middle = [int] [math]::Floor($sorted.Length / 2)
    if ($sorted.Length % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Invoke-TimedRun {
    # One run of Count items: time, managed bytes allocated and what the emulator saw. The caller
    # settles the heap before a round (Invoke-InterleavedRuns), not before each block of it.
    param([scriptblock] $Run, [hashtable] $Scenario, [int] $Count, [int] $ExpectedCalls)

    $state = if ($Scenario['Prepare']) { & $Scenario.Prepare $Count }
    $before = Get-EmulatorCounter
    $allocated = [System.GC]::GetTotalAllocatedBytes($true)
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    & $Run $Count $Scenario $state
    $elapsed = $stopwatch.Elapsed
    $allocated = [System.GC]::GetTotalAllocatedBytes($true) - $allocated
    $after = Get-EmulatorCounter

    $requests = $after.Requests - $before.Requests
    if ($requests -ne $ExpectedCalls) {
        throw "expected $ExpectedCalls API calls, the emulator counted $requests"
    }

    [pscustomobject]@{
        Seconds     = $elapsed.TotalSeconds
        Allocated   = $allocated
        # Each control call opens a connection of its own (a new HttpClient): the second one is not the run's.
        Connections = $after.Connections - $before.Connections - 1
    }
}

function Invoke-InterleavedRuns {
    # One round of a scenario and its floor, Count items each, cut into blocks of BlockSize run
    # alternately (the side that starts alternating too): a drift of the machine or a pause of the
    # emulator during the round falls on both sides alike instead of on whichever run it meets.
    # Returns the floor's and the scenario's totals, per item.
    param([hashtable] $Scenario, [scriptblock] $FloorRun, [int] $Count, [int] $BlockSize, [bool] $FloorFirst)

    [Litmind.Benchmarks.Probes.MemoryProbe]::Settle()
    # [0] the floor (one API call per item unless the scenario says FloorCalls), [1] the scenario.
    $floorCalls = if ($null -ne $Scenario['FloorCalls']) { $Scenario.FloorCalls } else { 1 }
    $sides = @(
        @{ Run = $FloorRun; Calls = $floorCalls; Seconds = 0.0; Allocated = 0.0; Connections = 0 }
        @{ Run = $Scenario.Run; Calls = $Scenario.Calls; Seconds = 0.0; Allocated = 0.0; Connections = 0 }
    )
    $done = 0
    for ($block = 0; $done -lt $Count; $block++) {
        $size = [math]::Min($BlockSize, $Count - $done)
        $floorNow = $FloorFirst -xor ($block % 2 -eq 1)
        foreach ($index in $(if ($floorNow) { 0, 1 } else { 1, 0 })) {
            $timed = Invoke-TimedRun -Run $sides[$index].Run -Scenario $Scenario -Count $size -ExpectedCalls ($size * $sides[$index].Calls)
            $sides[$index].Seconds += $timed.Seconds
            $sides[$index].Allocated += $timed.Allocated
            $sides[$index].Connections += $timed.Connections
        }
        $done += $size
    }

    foreach ($side in $sides) {
        [pscustomobject]@{ PerCall = $side.Seconds / $Count; Allocated = $side.Allocated / $Count; Connections = $side.Connections }
    }
}

function Invoke-PairedGroup {
    # Every round pairs each scenario's run with a floor run, interleaved in blocks of BlockSize
    # items; the ratio of the pair is the round's. A scenario that fails is reported as failed and
    # left out of later rounds; the others go on. The warm-up is a pair of Warmup items (default:
    # WarmupCalls, at most Count).
    param([hashtable[]] $Selected, [int] $Count, [int] $BlockSize, [int] $Warmup = [math]::Min($WarmupCalls, $Count))

    $floorRun = { param($Count) $null = $Floor.Run($Count) }
    $results = [ordered]@{}
    foreach ($scenario in $Selected) {
        $results[$scenario.Name] = @{
            Runs = [System.Collections.Generic.List[object]]::new()
            Floors = [System.Collections.Generic.List[object]]::new()
            Connections = 0
            Failure = $null
        }
    }

    $pair = {
        param([hashtable] $Scenario, [int] $Count, [bool] $FloorFirst)
        $result = $results[$Scenario.Name]
        if ($result.Failure) { return }
        $floorOfScenario = if ($Scenario['Floor']) { $Scenario.Floor } else { $floorRun }
        try {
            , @(Invoke-InterleavedRuns -Scenario $Scenario -FloorRun $floorOfScenario -Count $Count -BlockSize $BlockSize -FloorFirst $FloorFirst)
        }
        catch {
            $result.Failure = "failed: $($_.Exception.Message) ($($_.InvocationInfo.PositionMessage -replace '\s+', ' '))"
        }
    }

    foreach ($scenario in $Selected) {
        Write-Step "warm-up: $($scenario.Name) ($Warmup)"
        $timed = & $pair $scenario $Warmup $true
        if ($timed) { $results[$scenario.Name].Connections += $timed[1].Connections }
    }

    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($scenario in $Selected) {
            Write-Step "round $round/$($Rounds): $($scenario.Name) ($Count)"
            $timed = & $pair $scenario $Count ($round % 2 -eq 1)
            if ($timed) {
                $results[$scenario.Name].Floors.Add($timed[0])
                $results[$scenario.Name].Runs.Add($timed[1])
            }
        }
    }

    foreach ($scenario in $Selected) {
        $result = $results[$scenario.Name]
        if ($result.Failure) {
            [pscustomobject]@{ Name = $scenario.Name; Group = $scenario.Group; Command = $scenario.Command; Status = $result.Failure; Goal = $scenario['Goal'] }
            continue
        }

        $ratios = for ($i = 0; $i -lt $result.Runs.Count; $i++) { $result.Runs[$i].PerCall / $result.Floors[$i].PerCall }
        # Against the floor's call made the same way: each round's ratio over that row's ratio in the
        # same round, so that both are taken against their own paired floor run.
        $sameWay = if ($scenario['SameWay'] -and $results.Contains($scenario.SameWay)) { $results[$scenario.SameWay] }
        $sameWayRatios = if ($sameWay -and -not $sameWay.Failure) {
            for ($i = 0; $i -lt [math]::Min($result.Runs.Count, $sameWay.Runs.Count); $i++) {
                ($result.Runs[$i].PerCall / $result.Floors[$i].PerCall) / ($sameWay.Runs[$i].PerCall / $sameWay.Floors[$i].PerCall)
            }
        }
        [pscustomobject]@{
            Name             = $scenario.Name
            Group            = $scenario.Group
            Command          = $scenario.Command
            Status           = 'measured'
            Count            = $Count
            BlockSize        = $BlockSize
            Rounds           = $result.Runs.Count
            PerCallUs        = 1e6 * (Get-Median $result.Runs.PerCall)
            FloorPerCallUs   = 1e6 * (Get-Median $result.Floors.PerCall)
            Ratio            = Get-Median $ratios
            RatioMin         = ($ratios | Measure-Object -Minimum).Minimum
            RatioMax         = ($ratios | Measure-Object -Maximum).Maximum
            AllocatedKB      = (Get-Median $result.Runs.Allocated) / 1KB
            FloorAllocatedKB = (Get-Median $result.Floors.Allocated) / 1KB
            Connections      = ($result.Runs.Connections | Measure-Object -Maximum).Maximum
            FloorConnections = ($result.Floors.Connections | Measure-Object -Maximum).Maximum
            TotalConnections = $result.Connections + ($result.Runs.Connections | Measure-Object -Sum).Sum
            Throttle         = $scenario['Throttle']
            Goal             = $scenario['Goal']
            GoalMax          = $scenario['GoalMax']
            Module           = [bool] $scenario['Module']
            SameWay          = $scenario['SameWay']
            SameWayRatio     = if ($sameWayRatios) { Get-Median $sameWayRatios }
        }
    }
}

function Invoke-LargeRun {
    # One large answer: first object, total, objects and peak memory above idle; a refusal is a result too.
    param([hashtable] $Scenario)

    $probe = [Litmind.Benchmarks.Probes.MemoryProbe]::Start()
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $measured = $null
    $errorId = $null
    $errorMessage = $null
    try {
        $measured = & $Scenario.Run $Scenario $stopwatch
    }
    catch {
        $errorId = $_.FullyQualifiedErrorId -replace ',.*$', ''
        $errorMessage = $_.Exception.Message
    }
    finally {
        $elapsed = $stopwatch.Elapsed
        $memory = $probe.Stop()
    }

    [pscustomobject]@{
        FirstMs    = if ($measured -and $null -ne $measured.First) { $measured.First.TotalMilliseconds } else { [double]::NaN }
        TotalMs    = $elapsed.TotalMilliseconds
        Objects    = if ($measured) { $measured.Count } else { 0 }
        PeakMB     = [double] $memory.PeakWorkingSet / 1MB
        ManagedMB  = [double] $memory.PeakManaged / 1MB
        KernelPeak = $memory.KernelPeak
        ErrorId    = $errorId
        Error      = $errorMessage
    }
}

function Invoke-LargeGroup {
    param([hashtable[]] $Selected)

    # The floor of each shape runs in every round whenever a scenario of that shape is selected.
    $shapes = @($Selected | ForEach-Object { $_.Shape } | Select-Object -Unique)
    $runOrder = @($Scenarios | Where-Object { $_.Group -eq 'large' -and $shapes -contains $_.Shape -and ($_['IsFloor'] -or $Selected.Name -contains $_.Name) })
    $runs = @{}
    foreach ($scenario in $runOrder) { $runs[$scenario.Name] = [System.Collections.Generic.List[object]]::new() }

    # Warm-up on a small list, so that no measured run pays for loading and compiling the code
    # paths; then the floors at full size, so that the emulator's own loops are compiled too.
    $savedItems = $script:LargeItems
    $script:LargeItems = [math]::Min(100, $savedItems)
    foreach ($scenario in $runOrder) {
        Write-Step "warm-up: $($scenario.Name)"
        $null = Invoke-LargeRun $scenario
    }
    $script:LargeItems = $savedItems
    foreach ($scenario in $runOrder | Where-Object { $_['IsFloor'] }) {
        Write-Step "warm-up: $($scenario.Name) ($LargeItems items)"
        $null = Invoke-LargeRun $scenario
    }

    for ($round = 1; $round -le $LargeRounds; $round++) {
        foreach ($scenario in $runOrder) {
            Write-Step "round $round/$($LargeRounds): $($scenario.Name) ($LargeItems items of $LargeItemBytes bytes)"
            $runs[$scenario.Name].Add((Invoke-LargeRun $scenario))
        }
    }

    foreach ($scenario in $runOrder) {
        if (-not $scenario['IsFloor'] -and $Selected.Name -notcontains $scenario.Name) { continue }
        $mine = $runs[$scenario.Name]
        $floorRuns = $runs["large-$($scenario.Shape)-floor"]
        $totalRatios = for ($i = 0; $i -lt $mine.Count; $i++) { $mine[$i].TotalMs / $floorRuns[$i].TotalMs }
        $memoryRatios = for ($i = 0; $i -lt $mine.Count; $i++) { $mine[$i].PeakMB / [math]::Max([double] $floorRuns[$i].PeakMB, 0.001) }
        $errors = @($mine | Where-Object ErrorId | ForEach-Object ErrorId | Select-Object -Unique)
        [pscustomobject]@{
            Name        = $scenario.Name
            Group       = 'large'
            Command     = $scenario.Command
            Status      = if ($errors) { "refused: $($errors -join ', ')" } else { 'measured' }
            Errors      = @($mine | Where-Object Error | ForEach-Object Error | Select-Object -Unique)
            Count       = $LargeItems
            ItemBytes   = $LargeItemBytes
            Rounds      = $mine.Count
            Objects     = ($mine.Objects | Measure-Object -Maximum).Maximum
            FirstMs     = Get-Median $mine.FirstMs
            TotalMs     = Get-Median $mine.TotalMs
            PeakMB      = Get-Median $mine.PeakMB
            ManagedMB   = Get-Median $mine.ManagedMB
            KernelPeak  = $mine[0].KernelPeak
            TotalRatio  = Get-Median $totalRatios
            MemoryRatio = Get-Median $memoryRatios
            Goal        = $scenario['Goal']
            Module      = [bool] $scenario['Module']
        }
    }
}

function Invoke-OutFileGroup {
    # -OutFile of an answer of about $OutFileMB MB: time and peak memory above idle, the file checked.
    $itemBytes = 1000
    $count = [int] [math]::Ceiling($OutFileMB * 1e6 / $itemBytes)
    $file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "litmind-bench-$PID.json")
    $query = @{ count = $count; itemBytes = $itemBytes; shape = 'envelope' }
    $runs = [System.Collections.Generic.List[object]]::new()
    try {
        Write-Step 'warm-up: outfile'
        Invoke-LitmindRequest $ListPath -Query @{ count = 10; itemBytes = $itemBytes } -OutFile $file
        for ($round = 1; $round -le $LargeRounds; $round++) {
            Write-Step "round $round/$($LargeRounds): outfile ($count items of $itemBytes bytes)"
            $probe = [Litmind.Benchmarks.Probes.MemoryProbe]::Start()
            $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
            Invoke-LitmindRequest $ListPath -Query $query -OutFile $file -ErrorAction Stop
            $elapsed = $stopwatch.Elapsed
            $memory = $probe.Stop()
            $runs.Add([pscustomobject]@{ TotalMs = $elapsed.TotalMilliseconds; PeakMB = [double] $memory.PeakWorkingSet / 1MB; ManagedMB = [double] $memory.PeakManaged / 1MB; Bytes = ([System.IO.FileInfo] $file).Length; KernelPeak = $memory.KernelPeak })
        }
    }
    finally {
        [System.IO.File]::Delete($file)
    }

    [pscustomobject]@{
        Name       = 'outfile'
        Group      = 'outfile'
        Command    = ($Scenarios | Where-Object { $_.Name -eq 'outfile' }).Command
        Status     = 'measured'
        Rounds     = $runs.Count
        FileMB     = ($runs.Bytes | Measure-Object -Maximum).Maximum / 1e6
        TotalMs    = Get-Median $runs.TotalMs
        PeakMB     = Get-Median $runs.PeakMB
        ManagedMB  = Get-Median $runs.ManagedMB
        KernelPeak = $runs[0].KernelPeak
        Goal       = 'peak memory < 100 MB above idle'
        GoalMax    = 100
    }
}

function Invoke-PagingMemoryGroup {
    # The peak memory above idle of one whole listing at two lengths (ListSmallItems and ListItems,
    # same page size), the module's -All and the floor's; flat: the peak does not grow with the
    # count. Each round runs the four in turn, starting one further along each round.
    $runs = [ordered]@{}
    foreach ($side in 'floor', 'module') {
        foreach ($items in $ListSmallItems, $ListItems) { $runs["$side $items"] = [System.Collections.Generic.List[object]]::new() }
    }
    $order = @($runs.Keys)

    foreach ($key in $order) {
        Write-Step "warm-up: all-pages-memory ($key items)"
        $side, $items = $key -split ' '
        Read-List $side ([int] $items)
    }

    for ($round = 1; $round -le $ListMemoryRounds; $round++) {
        for ($i = 0; $i -lt $order.Count; $i++) {
            $key = $order[($i + $round - 1) % $order.Count]
            $side, $items = $key -split ' '
            Write-Step "round $round/$($ListMemoryRounds): all-pages-memory ($side, $items items)"
            $before = Get-EmulatorCounter
            $probe = [Litmind.Benchmarks.Probes.MemoryProbe]::Start()
            $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
            try {
                Read-List $side ([int] $items)
            }
            finally {
                $elapsed = $stopwatch.Elapsed
                $memory = $probe.Stop()
            }
            $requests = (Get-EmulatorCounter).Requests - $before.Requests
            if ($requests -ne (Get-PageCount $items)) { throw "expected $(Get-PageCount $items) API calls, the emulator counted $requests" }
            $runs[$key].Add([pscustomobject]@{ TotalMs = $elapsed.TotalMilliseconds; PeakMB = [double] $memory.PeakWorkingSet / 1MB; ManagedMB = [double] $memory.PeakManaged / 1MB; KernelPeak = $memory.KernelPeak })
        }
    }

    # Each round's growth: the peak at the longer list over the peak at the shorter one.
    $growth = @{}
    foreach ($side in 'floor', 'module') {
        $short = $runs["$side $ListSmallItems"]
        $long = $runs["$side $ListItems"]
        $growth[$side] = @(for ($i = 0; $i -lt $long.Count; $i++) { $long[$i].PeakMB / [math]::Max([double] $short[$i].PeakMB, 0.001) })
    }
    $median = { param($key, $property) Get-Median $runs[$key].$property }
    $scenario = $Scenarios | Where-Object { $_.Name -eq 'all-pages-memory' }
    [pscustomobject]@{
        Name              = 'all-pages-memory'
        Group             = 'paging-memory'
        Command           = $scenario.Command
        Status            = 'measured'
        Rounds            = $ListMemoryRounds
        SmallItems        = $ListSmallItems
        Items             = $ListItems
        PageSize          = $ListPageSize
        ItemBytes         = $LargeItemBytes
        KernelPeak        = $runs[$order[0]][0].KernelPeak
        SmallPeakMB       = & $median "module $ListSmallItems" PeakMB
        PeakMB            = & $median "module $ListItems" PeakMB
        SmallManagedMB    = & $median "module $ListSmallItems" ManagedMB
        ManagedMB         = & $median "module $ListItems" ManagedMB
        SmallTotalMs      = & $median "module $ListSmallItems" TotalMs
        TotalMs           = & $median "module $ListItems" TotalMs
        FloorSmallPeakMB  = & $median "floor $ListSmallItems" PeakMB
        FloorPeakMB       = & $median "floor $ListItems" PeakMB
        FloorSmallManagedMB = & $median "floor $ListSmallItems" ManagedMB
        FloorManagedMB    = & $median "floor $ListItems" ManagedMB
        FloorSmallTotalMs = & $median "floor $ListSmallItems" TotalMs
        FloorTotalMs      = & $median "floor $ListItems" TotalMs
        Ratio             = Get-Median $growth.module
        RatioMin          = ($growth.module | Measure-Object -Minimum).Minimum
        RatioMax          = ($growth.module | Measure-Object -Maximum).Maximum
        FloorRatio        = Get-Median $growth.floor
        FloorRatioMin     = ($growth.floor | Measure-Object -Minimum).Minimum
        FloorRatioMax     = ($growth.floor | Measure-Object -Maximum).Maximum
        Goal              = $scenario.Goal
        GoalMax           = $scenario.GoalMax
        Module            = $true
    }
}

function Measure-ImportTime {
    # Import-Module timed inside a fresh pwsh, so that the process's own start-up is not counted.
    param([string] $Manifest)

    $command = "`$s = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module -Name '$($Manifest.Replace("'", "''"))' -ErrorAction Stop; `$s.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)"
    $output = & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command
    if ($LASTEXITCODE -ne 0) { throw "pwsh could not import ${Manifest}: $output" }
    [double]::Parse(@($output)[-1], [cultureinfo]::InvariantCulture)
}

function Invoke-ImportGroup {
    $emptyFolder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "litmind-bench-$PID", 'Empty')
    $null = [System.IO.Directory]::CreateDirectory($emptyFolder)
    $empty = [System.IO.Path]::Combine($emptyFolder, 'Empty.psd1')
    [System.IO.File]::WriteAllText($empty, "@{ ModuleVersion = '1.0.0' }")
    try {
        $null = Measure-ImportTime $empty
        $module = [System.Collections.Generic.List[double]]::new()
        $baseline = [System.Collections.Generic.List[double]]::new()
        for ($round = 1; $round -le $ImportRounds; $round++) {
            Write-Step "round $round/$($ImportRounds): import"
            if ($round % 2) { $baseline.Add((Measure-ImportTime $empty)) }
            $module.Add((Measure-ImportTime $ModuleManifest))
            if (-not ($round % 2)) { $baseline.Add((Measure-ImportTime $empty)) }
        }

        $differences = for ($i = 0; $i -lt $module.Count; $i++) { $module[$i] - $baseline[$i] }
        [pscustomobject]@{
            Name       = 'import'
            Group      = 'import'
            Command    = ($Scenarios | Where-Object { $_.Name -eq 'import' }).Command
            Status     = 'measured'
            Rounds     = $module.Count
            ModuleMs   = Get-Median $module
            EmptyMs    = Get-Median $baseline
            AboveMs    = Get-Median $differences
            AboveMinMs = ($differences | Measure-Object -Minimum).Minimum
            AboveMaxMs = ($differences | Measure-Object -Maximum).Maximum
            Goal       = '≤ +50 ms'
            GoalMax    = 50
        }
    }
    finally {
        [System.IO.Directory]::Delete([System.IO.Path]::GetDirectoryName($emptyFolder), $true)
    }
}

function Write-Step([string] $Message) {
    # One line per step: this runs under a parent that captures the output, where a progress bar is noise.
    [System.Console]::Error.WriteLine("  $([datetime]::Now.ToString('HH:mm:ss')) $Message")
}

#endregion

#region Report

function Format-Number([double] $Value, [string] $Format = 'N0') {
    if ([double]::IsNaN($Value)) { return '—' }
    $Value.ToString($Format, [cultureinfo]::InvariantCulture)
}

function Format-Cell([string] $Text) {
    # A | inside a table cell ends the cell, even in a code span, unless escaped.
    $Text.Replace('|', '\|')
}

function Test-Goal($Row) {
    if ($Row.Status -ne 'measured' -or $null -eq $Row.GoalMax) { return '' }
    $met = if ($Row.Group -eq 'import') { $Row.AboveMs -le $Row.GoalMax } elseif ($Row.Group -eq 'outfile') { $Row.PeakMB -lt $Row.GoalMax } else { $Row.Ratio -le $Row.GoalMax }
    if ($Row.Group -eq 'parallel') { $met = $met -and $Row.Connections -le $Row.Throttle }
    if ($met) { 'met' } else { '**missed**' }
}

function Write-Report($Rows, $Machine) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('')
    $lines.Add("Machine: $($Machine.Os); $($Machine.Cpu), $($Machine.Cores) logical cores; $($Machine.Runtime); pwsh $($Machine.Pwsh); module $($Machine.Module) at $($Machine.Commit); load average $($Machine.LoadBefore) before, $($Machine.LoadAfter) after")
    $lines.Add("Command: $($Machine.CommandLine)")

    $sequential = @($Rows | Where-Object { $_.Group -eq 'sequential' -and $_.Status -eq 'measured' })
    if ($sequential) {
        $floorUs = Get-Median $sequential.FloorPerCallUs
        $floorKB = Get-Median $sequential.FloorAllocatedKB
        $lines.Add('')
        $lines.Add("Sequential calls: $($sequential[0].Count) calls per run, $($sequential[0].Rounds) rounds, each run paired with a floor run of as many calls, the two taking turns in blocks of $($sequential[0].BlockSize) calls; medians.")
        $lines.Add('')
        $lines.Add('| scenario | per call (µs) | ÷ floor (median) | ÷ floor (min–max) | allocated per call (KB) | connections opened per run | goal | |')
        $lines.Add('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |')
        $lines.Add("| floor: one reused HttpClient + JToken.Parse, in C# | $(Format-Number $floorUs) | 1.00 | | $(Format-Number $floorKB 'N1') | $(($sequential.FloorConnections | Measure-Object -Maximum).Maximum) | | |")
        $irmSession = $sequential | Where-Object Name -EQ 'irm-websession'
        foreach ($row in $sequential) {
            $goal = $row.Goal
            $verdict = Test-Goal $row
            if ($row.Name -eq 'irm-websession') {
                # Always faster than Invoke-RestMethod -WebSession: each module row's time over it.
                $moduleRows = @($sequential | Where-Object Module)
                if ($moduleRows) {
                    $worst = ($moduleRows | ForEach-Object { $_.PerCallUs / $row.PerCallUs } | Measure-Object -Maximum).Maximum
                    $goal = "module ÷ it < 1 (slowest module row: $(Format-Number $worst 'N2'))"
                    $verdict = if ($worst -lt 1) { 'met' } else { '**missed**' }
                }
            }
            $lines.Add("| $(Format-Cell $row.Command) | $(Format-Number $row.PerCallUs) | $(Format-Number $row.Ratio 'N2') | $(Format-Number $row.RatioMin 'N2')–$(Format-Number $row.RatioMax 'N2') | $(Format-Number $row.AllocatedKB 'N1') | $($row.Connections) | $goal | $verdict |")
        }
        if ($irmSession -and @($sequential | Where-Object Module)) {
            $lines.Add('')
            $lines.Add('Module rows ÷ Invoke-RestMethod -WebSession: ' + (($sequential | Where-Object Module | ForEach-Object { "$($_.Name) $(Format-Number ($_.PerCallUs / $irmSession.PerCallUs) 'N2')" }) -join ', '))
        }
        $sameWayRows = @($sequential | Where-Object { $null -ne $_.SameWayRatio })
        if ($sameWayRows) {
            # What the module adds to the floor's call made from a cmdlet called the same way.
            $lines.Add('')
            $lines.Add('Module rows ÷ the floor call made from a binary cmdlet called the same way (median of the rounds): ' + (($sameWayRows | ForEach-Object { "$($_.Name) $(Format-Number $_.SameWayRatio 'N2') (÷ $($_.SameWay))" }) -join ', '))
        }
    }

    $parallel = @($Rows | Where-Object { $_.Group -eq 'parallel' -and $_.Status -eq 'measured' })
    if ($parallel) {
        $lines.Add('')
        $lines.Add("ForEach-Object -Parallel on one session: $($parallel[0].Count) items per run, $($parallel[0].Rounds) rounds, each paired with the floor called inside the same -Parallel block; medians. Connections: TCP connections the emulator accepted during a run (most of any round).")
        $lines.Add('')
        $lines.Add('| -ThrottleLimit | module (items/s) | floor in -Parallel (items/s) | ÷ floor (time, median) | ÷ floor (min–max) | connections opened (module / floor) | goal | |')
        $lines.Add('| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |')
        foreach ($row in $parallel) {
            $lines.Add("| $($row.Throttle) | $(Format-Number (1e6 / $row.PerCallUs)) | $(Format-Number (1e6 / $row.FloorPerCallUs)) | $(Format-Number $row.Ratio 'N2') | $(Format-Number $row.RatioMin 'N2')–$(Format-Number $row.RatioMax 'N2') | $($row.Connections) / $($row.FloorConnections) | $($row.Goal) | $(Test-Goal $row) |")
        }
        $lines.Add('')
        $lines.Add("Over all its -Parallel runs (warm-up included) the module opened $(($parallel.TotalConnections | Measure-Object -Sum).Sum) connections; the largest throttle limit was $(($parallel.Throttle | Measure-Object -Maximum).Maximum). A run reuses the connections an earlier one left in the pool, so the per-run figure is what that run added.")
    }

    $large = @($Rows | Where-Object { $_.Group -eq 'large' -and $_.Status -notlike 'failed*' })
    if ($large) {
        $sizeMB = $large[0].Count * $large[0].ItemBytes / 1e6
        $peakKind = if ($large[0].KernelPeak) { 'the kernel''s peak resident set (VmHWM, reset before each run)' } else { 'the working set, sampled every 2 ms' }
        $lines.Add('')
        $lines.Add("Large answers: $($large[0].Count) items of $($large[0].ItemBytes) bytes ($(Format-Number $sizeMB 'N1') MB of items), $($large[0].Rounds) rounds; medians. Peak memory (MiB): $peakKind above idle (after a full collection); managed: the GC heap's sampled peak above idle.")
        $lines.Add('')
        $lines.Add('| scenario | result | objects | first object (ms) | total (ms) | peak memory (MiB) | managed peak (MiB) | total ÷ floor | memory ÷ floor |')
        $lines.Add('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
        foreach ($row in $large) {
            $lines.Add("| $(Format-Cell $row.Command) | $($row.Status) | $(Format-Number $row.Objects) | $(Format-Number $row.FirstMs) | $(Format-Number $row.TotalMs) | $(Format-Number $row.PeakMB) | $(Format-Number $row.ManagedMB) | $(Format-Number $row.TotalRatio 'N2') | $(Format-Number $row.MemoryRatio 'N2') |")
        }
        $refusals = @($large | ForEach-Object { $_.Errors } | Select-Object -Unique)
        if ($refusals) {
            $lines.Add('')
            foreach ($refusal in $refusals) { $lines.Add("Refused: $refusal") }
        }
    }

    $paging = @($Rows | Where-Object { $_.Group -eq 'paging' -and $_.Status -eq 'measured' })
    if ($paging) {
        $pages = Get-PageCount $ListItems
        $lines.Add('')
        $lines.Add("Every page of a list: $(Format-Number $ListItems) items of $LargeItemBytes bytes in pages of $(Format-Number $ListPageSize) ($pages pages), each item written to a binary cmdlet that counts it; $ListRuns listings per side per round, the module's and the floor's taking turns one listing at a time, $($paging[0].Rounds) rounds; medians.")
        $lines.Add('')
        $lines.Add('| scenario | per listing (ms) | per item (µs) | ÷ floor (median) | ÷ floor (min–max) | allocated per item (KB) | goal | |')
        $lines.Add('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |')
        $row = $paging[0]
        $lines.Add("| floor: the same pages read one after another in C#, each item written as a PSObject | $(Format-Number ($row.FloorPerCallUs / 1e3)) | $(Format-Number ($row.FloorPerCallUs / $ListItems) 'N2') | 1.00 | | $(Format-Number ($row.FloorAllocatedKB / $ListItems) 'N2') | | |")
        foreach ($row in $paging) {
            $lines.Add("| $(Format-Cell $row.Command) | $(Format-Number ($row.PerCallUs / 1e3)) | $(Format-Number ($row.PerCallUs / $ListItems) 'N2') | $(Format-Number $row.Ratio 'N2') | $(Format-Number $row.RatioMin 'N2')–$(Format-Number $row.RatioMax 'N2') | $(Format-Number ($row.AllocatedKB / $ListItems) 'N2') | $($row.Goal) | $(Test-Goal $row) |")
        }
    }

    $pagingMemory = @($Rows | Where-Object { $_.Group -eq 'paging-memory' -and $_.Status -eq 'measured' })
    if ($pagingMemory) {
        $row = $pagingMemory[0]
        $short = Format-Number $row.SmallItems
        $long = Format-Number $row.Items
        $lines.Add('')
        $lines.Add("Memory of a listing: $short and $long items of $($row.ItemBytes) bytes in pages of $(Format-Number $row.PageSize), each listing alone, $($row.Rounds) rounds; medians. Peak memory (MiB) above idle, measured as for the large answers; growth: each round's peak at $long over its peak at $short.")
        $lines.Add('')
        $lines.Add("| scenario | peak at $short (MiB) | peak at $long (MiB) | managed peak at $short / $long (MiB) | total at $short / $long (ms) | growth (median) | growth (min–max) | goal | |")
        $lines.Add('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |')
        $lines.Add("| floor: the same pages read one after another in C# | $(Format-Number $row.FloorSmallPeakMB) | $(Format-Number $row.FloorPeakMB) | $(Format-Number $row.FloorSmallManagedMB) / $(Format-Number $row.FloorManagedMB) | $(Format-Number $row.FloorSmallTotalMs) / $(Format-Number $row.FloorTotalMs) | $(Format-Number $row.FloorRatio 'N2') | $(Format-Number $row.FloorRatioMin 'N2')–$(Format-Number $row.FloorRatioMax 'N2') | | |")
        $lines.Add("| $(Format-Cell $row.Command) | $(Format-Number $row.SmallPeakMB) | $(Format-Number $row.PeakMB) | $(Format-Number $row.SmallManagedMB) / $(Format-Number $row.ManagedMB) | $(Format-Number $row.SmallTotalMs) / $(Format-Number $row.TotalMs) | $(Format-Number $row.Ratio 'N2') | $(Format-Number $row.RatioMin 'N2')–$(Format-Number $row.RatioMax 'N2') | $($row.Goal) | $(Test-Goal $row) |")
    }

    $outFile = @($Rows | Where-Object { $_.Group -eq 'outfile' -and $_.Status -eq 'measured' })
    if ($outFile) {
        $row = $outFile[0]
        $lines.Add('')
        $lines.Add("-OutFile: $($row.Rounds) rounds; medians. Peak memory (MiB) above idle, measured as for the large answers.")
        $lines.Add('')
        $lines.Add('| scenario | file (MB) | total (ms) | peak memory (MiB) | managed peak (MiB) | goal | |')
        $lines.Add('| --- | ---: | ---: | ---: | ---: | --- | --- |')
        $lines.Add("| $(Format-Cell $row.Command) | $(Format-Number $row.FileMB 'N1') | $(Format-Number $row.TotalMs) | $(Format-Number $row.PeakMB) | $(Format-Number $row.ManagedMB) | $($row.Goal) | $(Test-Goal $row) |")
    }

    $import = @($Rows | Where-Object { $_.Group -eq 'import' -and $_.Status -eq 'measured' })
    if ($import) {
        $row = $import[0]
        $lines.Add('')
        $lines.Add("Import: Import-Module timed inside a fresh pwsh -NoProfile, alternating with an empty manifest, $($row.Rounds) rounds; medians.")
        $lines.Add('')
        $lines.Add('| scenario | module (ms) | empty manifest (ms) | above empty (median) | above empty (min–max) | goal | |')
        $lines.Add('| --- | ---: | ---: | ---: | ---: | --- | --- |')
        $lines.Add("| $(Format-Cell $row.Command) | $(Format-Number $row.ModuleMs) | $(Format-Number $row.EmptyMs) | +$(Format-Number $row.AboveMs) ms | $(Format-Number $row.AboveMinMs)–$(Format-Number $row.AboveMaxMs) ms | $($row.Goal) | $(Test-Goal $row) |")
    }

    $failed = @($Rows | Where-Object { $_.Status -like 'failed*' })
    if ($failed) {
        $lines.Add('')
        foreach ($row in $failed) { $lines.Add("FAILED $($row.Name): $($row.Status)") }
    }

    $lines
}

function Get-MachineDescription {
    $cpu = $env:PROCESSOR_IDENTIFIER
    if ([System.IO.File]::Exists('/proc/cpuinfo')) {
        $model = [System.IO.File]::ReadAllLines('/proc/cpuinfo') | Where-Object { $_ -like 'model name*' } | Select-Object -First 1
        if ($model) { $cpu = ($model -split ':', 2)[1].Trim() }
    }

    $commit = try { (& git -C $RepoRoot rev-parse --short HEAD 2>$null) } catch { $null }
    [ordered]@{
        Os          = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        Cpu         = if ($cpu) { $cpu } else { [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture }
        Cores       = [System.Environment]::ProcessorCount
        Runtime     = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        Pwsh        = $PSVersionTable.PSVersion.ToString()
        Module      = (Get-Module Litmind).Version.ToString()
        Commit      = if ($commit) { $commit } else { 'unknown' }
        LoadBefore  = Get-LoadAverage
        LoadAfter   = $null
        StartedUtc  = [datetime]::UtcNow.ToString('u')
        CommandLine = $null
    }
}

function Get-LoadAverage {
    if ([System.IO.File]::Exists('/proc/loadavg')) { ([System.IO.File]::ReadAllText('/proc/loadavg') -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

#endregion

$patterns = @($Scenario -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$selected = @($Scenarios | Where-Object { $name = $_.Name; $patterns | Where-Object { $name -like $_ } })
if (-not $selected) {
    throw "No scenario matches '$Scenario'. The scenarios are: $(($Scenarios | Where-Object { -not $_['IsFloor'] }).Name -join ', ')."
}

# The harness always starts its own emulator: counters shared with other clients would be wrong.
foreach ($name in 'LITMIND_BASE_URI', 'LITMIND_API_KEY', 'LITMIND_EMULATOR_ROOT') { [System.Environment]::SetEnvironmentVariable($name, $null) }
$ModuleManifest = [System.IO.Path]::GetFullPath($ModuleManifest)
$HelperAssembly = [System.IO.Path]::GetFullPath($HelperAssembly)
$Floor = $null
$emulatorProcess = Start-TestEmulator
try {
    # Invoke-RestMethod's module, loaded now: its types are needed before its first call.
    Import-Module Microsoft.PowerShell.Utility
    Import-Module $HelperAssembly
    Import-Module $ModuleManifest

    # ForEach-Object -Parallel runspaces find the module the way a user's would: on PSModulePath.
    $versionFolder = [System.IO.Path]::GetDirectoryName([System.IO.Path]::GetFullPath($ModuleManifest))
    $moduleRoot = [System.IO.Path]::GetDirectoryName([System.IO.Path]::GetDirectoryName($versionFolder))
    if ([System.IO.Path]::GetFileName([System.IO.Path]::GetDirectoryName($versionFolder)) -ne 'Litmind') {
        throw "$ModuleManifest is not laid out as <folder>/Litmind/<version>/Litmind.psd1, which -Parallel runspaces need to find it."
    }
    $env:PSModulePath = $moduleRoot + [System.IO.Path]::PathSeparator + $env:PSModulePath

    $BaseUri = [uri] $env:LITMIND_BASE_URI
    $Password = $LitmindDemoPasswords[$DemoUser]
    $Session = Connect-Litmind -Credential (New-DemoCredential $DemoUser)
    $Floor = [Litmind.Benchmarks.Floor.FloorClient]::Connect($BaseUri, $env:LITMIND_API_KEY, $DemoUser, $Password, $CallPath)
    [Litmind.Benchmarks.Floor.FloorClient]::Shared = $Floor

    # Invoke-RestMethod sends the floor's session: the same headers the module sends.
    $CallUri = [uri]::new($BaseUri, $CallPath)
    $CallHeaders = @{ 'X-Key' = $Floor.ApiKey; 'X-SessionId' = $Floor.SessionId; 'X-UserId' = [string] $Floor.UserId }
    $WebSession = [Microsoft.PowerShell.Commands.WebRequestSession]::new()
    foreach ($header in $CallHeaders.GetEnumerator()) { $WebSession.Headers[$header.Key] = $header.Value }

    $machine = Get-MachineDescription
    $machine.CommandLine = "./tests/Litmind.Benchmarks/Invoke-Benchmark.ps1 -Calls $Calls -BlockCalls $BlockCalls -ParallelCalls $ParallelCalls -Rounds $Rounds -LargeItems $LargeItems -LargeItemBytes $LargeItemBytes -LargeRounds $LargeRounds -ImportRounds $ImportRounds -OutFileMB $OutFileMB -ListItems $ListItems -ListPageSize $ListPageSize -ListRuns $ListRuns -ListMemoryRounds $ListMemoryRounds -Scenario '$Scenario'"
    Write-Step "emulator at $BaseUri; scenarios: $($selected.Name -join ', ')"

    $rows = [System.Collections.Generic.List[object]]::new()
    $groups = [ordered]@{
        sequential = { param($s) Invoke-PairedGroup -Selected $s -Count $Calls -BlockSize $BlockCalls }
        # A -Parallel run starts a runspace pool of its own: cut into blocks, it would measure that start.
        parallel   = { param($s) Invoke-PairedGroup -Selected $s -Count $ParallelCalls -BlockSize $ParallelCalls }
        large      = { param($s) Invoke-LargeGroup -Selected $s }
        # Whole listings taking turns, one at a time; the warm-up is one listing each.
        paging     = { param($s) Invoke-PairedGroup -Selected $s -Count $ListRuns -BlockSize 1 -Warmup 1 }
        'paging-memory' = { param($s) Invoke-PagingMemoryGroup }
        outfile    = { param($s) Invoke-OutFileGroup }
        import     = { param($s) Invoke-ImportGroup }
    }
    foreach ($group in $groups.Keys) {
        $inGroup = @($selected | Where-Object { $_.Group -eq $group })
        if (-not $inGroup) { continue }
        try {
            foreach ($row in & $groups[$group] $inGroup) { $rows.Add($row) }
        }
        catch {
            $message = "failed: $($_.Exception.Message) ($($_.InvocationInfo.PositionMessage -replace '\s+', ' '))"
            foreach ($failed in $inGroup) {
                $rows.Add([pscustomobject]@{ Name = $failed.Name; Group = $failed.Group; Command = $failed.Command; Status = $message; Goal = $failed['Goal'] })
            }
        }
    }

    $machine.LoadAfter = Get-LoadAverage
    if ($ResultPath) {
        [ordered]@{ Machine = $machine; Scenarios = $rows } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath -Encoding utf8
    }
    Write-Report -Rows $rows -Machine $machine

    if ($rows | Where-Object { $_.Status -like 'failed*' }) { exit 1 }
}
finally {
    try {
        if ($Floor) { $Floor.Dispose() }
        if (Get-Command Disconnect-Litmind -ErrorAction Ignore) { Get-LitmindSession | Disconnect-Litmind }
    }
    finally {
        # Whatever failed, no emulator outlives the run.
        Stop-TestEmulator $emulatorProcess
    }
}
