#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks the Litmind PowerShell module.

.DESCRIPTION
    The one entry point for building this repository. Tasks run in the order Clean, Build, Test,
    Package, Demo, Benchmark, whatever order they are given in; Package and Demo build first.

      Clean    Removes the module folder, the Litmind packages and the test results from
               -OutputPath, and bin/ and obj/ of every project.
      Build    Builds src/Litmind.PowerShell, which lays the module out in
               <OutputPath>/Litmind/<version>/, and checks that folder with Test-ModuleManifest.
      Test     Runs the xunit tests (dotnet test), then the Pester suite in tests/Pester in a new
               pwsh against one Litmind emulator. Both write their results to
               <OutputPath>/TestResults/ (TRX, Pester's NUnit XML), and the counts of both go to
               Summary.json there.
               Uses an installed Pester 5 (5.5 or later), else the Pester that tools/Pester pins,
               restored from NuGet.
      Package  Writes <OutputPath>/packages/Litmind.<version>.nupkg with Compress-PSResource: the
               package Install-PSResource installs from a local repository.
      Demo     Builds the module and the emulator, starts the emulator on a free loopback port,
               runs examples/quickstart.ps1 against it in a new pwsh, and stops the emulator.
      Benchmark Runs tests/Litmind.Benchmarks/Invoke-Benchmark.ps1 (the full run, 11 to 12 minutes): it
               builds the module, the emulator and its helper in -Configuration, measures every
               scenario against its floor in one new pwsh and prints the table
               docs/performance.md shows. Its results also go to
               <OutputPath>/TestResults/Benchmark.json.

    The version comes from ModuleVersion in Litmind.psd1 and from nowhere else: MSBuild reads it
    there for the assembly version and the folder name.

    Run it with the PowerShell the repository pins (.config/dotnet-tools.json):
    dotnet tool restore, then dotnet pwsh ./build.ps1.

.PARAMETER Task
    The tasks to run: Clean, Build, Test, Package, Demo, Benchmark. Default: Build. "Build,Package" as one
    string works too: that is what pwsh -File passes for -Task Build,Package.

.PARAMETER Configuration
    The dotnet build configuration. Default: Release.

.PARAMETER OutputPath
    Where the module folder (Litmind/<version>/), the packages (packages/) and the test results
    (TestResults/) go. Default: out/ in the repository. A relative path is relative to the current
    location.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Demo

    Builds the module and runs the quickstart against the bundled emulator.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Clean, Test, Package

    Starts from scratch, runs every test and writes out/packages/Litmind.<version>.nupkg.
#>
[CmdletBinding()]
param(
    # Not ValidateSet: that would refuse "Build,Package" as one string, which is how pwsh -File
    # passes -Task Build,Package. The names are checked below, after splitting.
    [ArgumentCompleter({
            param($commandName, $parameterName, $wordToComplete)
            'Clean', 'Build', 'Test', 'Package', 'Demo', 'Benchmark' | Where-Object { $_ -like "$wordToComplete*" }
        })]
    [ValidateNotNullOrEmpty()]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [ValidateNotNullOrEmpty()]
    [string] $OutputPath = (Join-Path $PSScriptRoot 'out')
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ModuleName = 'Litmind'
$TaskNames = 'Clean', 'Build', 'Test', 'Package', 'Demo', 'Benchmark'
$SolutionPath = Join-Path $PSScriptRoot 'Litmind.PowerShell.sln'
$PesterToolProject = Join-Path $PSScriptRoot 'tools/Pester/Pester.csproj'
$PesterSuite = Join-Path $PSScriptRoot 'tests/Pester'

# The new pwsh processes the tasks start: the one running this script, also when it is the .NET tool.
$Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

Import-Module (Join-Path $PesterSuite 'LitmindEmulator.psm1') -Scope Local -Force

#region Helpers

function Invoke-Dotnet {
    # Runs the dotnet CLI, its output to the host rather than into the caller's output, and turns
    # a non-zero exit code into a terminating error.
    param([Parameter(Mandatory)][string[]] $ArgumentList)

    Write-Host "dotnet $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & dotnet @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "'dotnet $($ArgumentList[0])' failed with exit code $LASTEXITCODE."
    }
}

function Remove-BuildItem {
    param([Parameter(Mandatory, ValueFromPipeline)][string] $Path)

    process {
        if (Test-Path -LiteralPath $Path) {
            Remove-Item -LiteralPath $Path -Recurse -Force
            Write-Host "Removed $Path"
        }
    }
}

function Get-ProjectFolder {
    # The folders with bin/ and obj/ to clean: the solution's projects and the Pester tool project.
    $solution = Get-Content -LiteralPath $SolutionPath -Raw
    $projects = [regex]::Matches($solution, '(?m)^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]+\.[a-z]+proj)"')
    foreach ($project in $projects) {
        Split-Path (Join-Path $PSScriptRoot ($project.Groups['path'].Value -replace '\\', '/')) -Parent
    }
    Split-Path $PesterToolProject -Parent
}

function Get-PesterModule {
    # An installed Pester 5.5 or later (before 6, whose changes the suite has not met), else the
    # one tools/Pester pins, restored from NuGet into the package folder.
    $installed = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version] '5.5.0' -and $_.Version.Major -eq 5 } |
        Sort-Object Version -Descending |
        Select-Object -First 1
    if ($installed) {
        return $installed.Path
    }

    Invoke-Dotnet -ArgumentList 'restore', $PesterToolProject, '--nologo'
    $version = (Select-Xml -LiteralPath $PesterToolProject -XPath '//PackageDownload[@Include="Pester"]').Node.Version.Trim('[', ']')
    $assets = Get-Content -LiteralPath (Join-Path (Split-Path $PesterToolProject -Parent) 'obj/project.assets.json') -Raw |
        ConvertFrom-Json -AsHashtable
    foreach ($folder in $assets['packageFolders'].Keys) {
        $manifest = Join-Path $folder "pester/$version/tools/Pester.psd1"
        if (Test-Path -LiteralPath $manifest) {
            return $manifest
        }
    }

    throw "Pester $version is not in the NuGet package folders after 'dotnet restore $PesterToolProject'."
}

function Get-TestCount {
    # What the runners' own results say: the TRX files of dotnet test and the counts
    # Invoke-PesterSuite.ps1 took from Pester's result object. A runner that left no results
    # counts as one failure.
    param([Parameter(Mandatory)][string] $Folder)

    $xunit = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $trxFiles = @(Get-ChildItem -LiteralPath $Folder -Filter *.trx -File -ErrorAction Ignore)
    foreach ($trx in $trxFiles) {
        $counters = (Select-Xml -LiteralPath $trx.FullName -XPath '//*[local-name()="Counters"]').Node
        $xunit.Passed += [int] $counters.passed
        $xunit.Failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $xunit.Skipped += [int] $counters.notExecuted
    }
    if ($trxFiles.Count -eq 0) {
        $xunit.Failed = 1
    }

    $pester = [ordered]@{ Passed = 0; Failed = 1; Skipped = 0 }
    $pesterSummary = Join-Path $Folder 'Pester.summary.json'
    if (Test-Path -LiteralPath $pesterSummary) {
        $result = Get-Content -LiteralPath $pesterSummary -Raw | ConvertFrom-Json
        $pester.Passed = $result.Passed
        $pester.Failed = $result.Result -eq 'Passed' ? $result.Failed : [Math]::Max(1, $result.Failed)
        $pester.Skipped = $result.Skipped
    }

    [ordered]@{
        xunit   = $xunit
        Pester  = $pester
        Passed  = $xunit.Passed + $pester.Passed
        Failed  = $xunit.Failed + $pester.Failed
        Skipped = $xunit.Skipped + $pester.Skipped
    }
}

function Invoke-WithEmulator {
    # Runs $Script with an emulator started and the LITMIND_* variables (and any $Variables)
    # pointing at it; stops it and puts the variables back afterwards.
    param(
        [Parameter(Mandatory)][scriptblock] $Script,
        [System.Collections.IDictionary] $Variables = @{}
    )

    $emulator = Start-LitmindEmulator -Configuration $Configuration
    Write-Host "Litmind emulator listening at $($emulator.BaseUri)"
    $all = [ordered]@{} + $emulator.Variables + $Variables
    $saved = Set-ProcessEnvironment -Variables $all
    try {
        & $Script
    }
    finally {
        $null = Set-ProcessEnvironment -Variables $saved
        Stop-LitmindEmulator -Emulator $emulator
    }
}

#endregion

#region Tasks

function Invoke-CleanTask {
    # Only what this script makes is removed from -OutputPath, so pointing it at a folder that
    # holds other things is safe.
    Join-Path $OutputPath $ModuleName | Remove-BuildItem
    Join-Path $OutputPath 'TestResults' | Remove-BuildItem
    $packages = Join-Path $OutputPath 'packages'
    Get-ChildItem -LiteralPath $packages -Filter "$ModuleName.*.nupkg" -File -ErrorAction Ignore |
        ForEach-Object FullName |
        Remove-BuildItem
    foreach ($folder in $packages, $OutputPath) {
        if ((Test-Path -LiteralPath $folder) -and -not (Get-ChildItem -LiteralPath $folder -Force)) {
            Remove-BuildItem $folder
        }
    }

    foreach ($project in Get-ProjectFolder) {
        Join-Path $project 'bin' | Remove-BuildItem
        Join-Path $project 'obj' | Remove-BuildItem
    }
}

function Invoke-BuildTask {
    # A fresh folder, so a file dropped from the module does not linger in it.
    Remove-BuildItem $ModuleFolder

    $project = Join-Path $PSScriptRoot 'src/Litmind.PowerShell'
    Invoke-Dotnet -ArgumentList 'build', $project, '--configuration', $Configuration, '--nologo', "-p:ModuleLayoutRoot=$OutputPath"

    $laidOutManifest = Join-Path $ModuleFolder "$ModuleName.psd1"
    if (-not (Test-Path -LiteralPath $laidOutManifest)) {
        throw "The build did not lay the module out in $ModuleFolder. Directory.Build.props reads ModuleVersion from Litmind.psd1; does it still find '$ModuleVersion' there?"
    }

    $module = Test-ModuleManifest -Path $laidOutManifest
    if ([string] $module.Version -ne $ModuleVersion) {
        throw "Test-ModuleManifest read version $($module.Version) from $laidOutManifest, not $ModuleVersion."
    }

    Write-Host "Module: $ModuleFolder" -ForegroundColor Green
}

function Invoke-TestTask {
    $results = Join-Path $OutputPath 'TestResults'
    Remove-BuildItem $results
    $failures = [System.Collections.Generic.List[string]]::new()

    # The xunit tests build the module into -OutputPath themselves (Litmind.PowerShell is a
    # project reference of the test project).
    & dotnet test $SolutionPath --configuration $Configuration --nologo "-p:ModuleLayoutRoot=$OutputPath" --logger trx --results-directory $results
    if ($LASTEXITCODE -ne 0) {
        $failures.Add("dotnet test exited with code $LASTEXITCODE")
    }

    # A Pester that cannot be had, or an emulator that does not start, fails the run; the xunit
    # counts are reported all the same.
    try {
        $pesterModule = Get-PesterModule
        $suiteVariables = @{ LITMIND_MODULE_MANIFEST = Join-Path $ModuleFolder "$ModuleName.psd1" }
        Invoke-WithEmulator -Variables $suiteVariables -Script {
            & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tools/Pester/Invoke-PesterSuite.ps1') `
                -PesterModule $pesterModule -Path $PesterSuite `
                -ResultPath (Join-Path $results 'Pester.xml') -SummaryPath (Join-Path $results 'Pester.summary.json')
            if ($LASTEXITCODE -ne 0) {
                $failures.Add("the Pester run exited with code $LASTEXITCODE")
            }
        }
    }
    catch {
        Write-Host "The Pester suite did not run: $_" -ForegroundColor Red
        $failures.Add("the Pester suite did not run: $_")
    }

    # The totals .ci/run reports.
    $count = Get-TestCount -Folder $results
    $count | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $results 'Summary.json') -Encoding utf8
    foreach ($runner in 'xunit', 'Pester') {
        Write-Host ('{0,-7} {1} passed, {2} failed, {3} skipped' -f "${runner}:", $count[$runner].Passed, $count[$runner].Failed, $count[$runner].Skipped)
    }
    if ($count.Failed -gt 0 -or $failures.Count -gt 0) {
        throw "Tests failed ($($failures -join '; ')). Results: $results"
    }
}

function Invoke-PackageTask {
    if (-not (Get-Command Compress-PSResource -ErrorAction Ignore)) {
        throw 'Package needs Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1 or later, part of PowerShell 7.6): run dotnet tool restore, then dotnet pwsh ./build.ps1 -Task Package.'
    }

    $packages = Join-Path $OutputPath 'packages'
    $null = New-Item -ItemType Directory -Path $packages -Force
    Get-ChildItem -LiteralPath $packages -Filter "$ModuleName.$ModuleVersion*.nupkg" -File | ForEach-Object FullName | Remove-BuildItem

    # The manifest's tags (with the PSCmdlet_/PSCommand_ ones a repository's command search reads)
    # become the package's tags; the module folder's files go at the package root.
    $package = Compress-PSResource -Path $ModuleFolder -DestinationPath $packages -PassThru
    Write-Host "Package: $($package.FullName)" -ForegroundColor Green
}

function Invoke-DemoTask {
    Invoke-Dotnet -ArgumentList 'build', (Join-Path $PSScriptRoot 'src/Litmind.Emulator'), '--configuration', $Configuration, '--nologo'

    # With the output folder on PSModulePath, the quickstart finds Litmind as an installed module.
    $moduleRoot = Split-Path (Split-Path $ModuleFolder -Parent) -Parent
    $modulePath = @{ PSModulePath = $moduleRoot + [System.IO.Path]::PathSeparator + $env:PSModulePath }
    Invoke-WithEmulator -Variables $modulePath -Script {
        & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'examples/quickstart.ps1')
        if ($LASTEXITCODE -ne 0) {
            throw "examples/quickstart.ps1 exited with code $LASTEXITCODE."
        }
    }
}

function Invoke-BenchmarkTask {
    # The harness builds what it measures itself, in this configuration, laid out in -OutputPath.
    $results = Join-Path $OutputPath 'TestResults'
    $null = New-Item -ItemType Directory -Path $results -Force
    Invoke-Dotnet -ArgumentList 'build', (Join-Path $PSScriptRoot 'tests/Litmind.Benchmarks'), '--configuration', $Configuration, '--nologo', "-p:ModuleLayoutRoot=$OutputPath"
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/Litmind.Benchmarks/Invoke-Benchmark.ps1') `
        -NoBuild -Configuration $Configuration -ModuleManifest (Join-Path $ModuleFolder "$ModuleName.psd1") `
        -ResultPath (Join-Path $results 'Benchmark.json')
    if ($LASTEXITCODE -ne 0) {
        throw "The benchmark exited with code $LASTEXITCODE."
    }
}

#endregion

$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
# No trailing separator: it would escape the closing quote of "-p:ModuleLayoutRoot=..." on Windows.
$OutputPath = [System.IO.Path]::GetFullPath($OutputPath).TrimEnd('\', '/')

$ModuleVersion = (Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot "$ModuleName.psd1")).ModuleVersion
$ModuleFolder = Join-Path $OutputPath $ModuleName $ModuleVersion

$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Task) {
    if ($TaskNames -notcontains $name) {
        throw "There is no task '$name'. The tasks are $($TaskNames -join ', ')."
    }
}

# Tasks run in a fixed order, and Package and Demo need what Build lays out.
$run = @($TaskNames | Where-Object {
        $Task -contains $_ -or ($_ -eq 'Build' -and ($Task -contains 'Package' -or $Task -contains 'Demo'))
    })

Write-Host "$ModuleName $ModuleVersion ($Configuration): $($run -join ', ') -> $OutputPath" -ForegroundColor Cyan
foreach ($name in $run) {
    Write-Host "Task $name" -ForegroundColor Cyan
    & "Invoke-${name}Task"
}
