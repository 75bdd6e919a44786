<#
.SYNOPSIS
    Builds, tests and packages the Litmind PowerShell module.

.DESCRIPTION
    The one entry point for building this repository. Tasks run in the order Clean, Build, Test,
    Package, whatever order they are given in, and Package builds first.

      Clean    Removes the module folder and the Litmind packages from -OutputPath, and bin/ and
               obj/ of every project in the solution.
      Build    Builds src/Litmind.PowerShell, which lays the module out in
               <OutputPath>/Litmind/<version>/, and checks that folder with Test-ModuleManifest.
      Test     Runs the xunit tests (dotnet test), then the Pester tests in tests/Pester against a
               local Litmind emulator when Pester 5 or later is installed.
      Package  Writes <OutputPath>/packages/Litmind.<version>.nupkg, the package PowerShellGet and
               PSResourceGet install from a local repository (Install-PSResource, Install-Module).

    The version comes from ModuleVersion in Litmind.psd1 and from nowhere else: MSBuild reads it
    there for the assembly version and the folder name, and this script for the package.

    The script runs in PowerShell 7, in Windows PowerShell 5.1 and on the repository's console host
    (src/Litmind.ConsoleHost), which has only the Microsoft.PowerShell.Core cmdlets. That is why it
    calls .NET where Join-Path, Remove-Item, Write-Host or Compress-Archive would be usual.

.PARAMETER Task
    The tasks to run: Clean, Build, Test, Package. Default: Build. "Build,Package" as one string
    works too: that is what pwsh -File (and the console host) pass for -Task Build,Package.

.PARAMETER Configuration
    The dotnet build configuration. Default: Release.

.PARAMETER OutputPath
    Where the module folder (Litmind/<version>/) and the packages (packages/) go. Default: out/ in
    the repository. A relative path is relative to the current location.

.EXAMPLE
    ./build.ps1

    Builds the module into out/Litmind/<version>/.

.EXAMPLE
    ./build.ps1 -Task Clean, Test, Package

    Starts from scratch, runs the tests and writes out/packages/Litmind.<version>.nupkg.

.EXAMPLE
    dotnet src/Litmind.ConsoleHost/bin/Debug/net10.0/Litmind.ConsoleHost.dll --no-module build.ps1 -Task Package -OutputPath /tmp/litmind

    The same on a machine without pwsh.
#>
[CmdletBinding()]
param(
    # Not ValidateSet: that would refuse "Build,Package" as one string, which is how pwsh -File
    # passes -Task Build,Package. The names are checked below, after splitting.
    [ArgumentCompleter({
            param($commandName, $parameterName, $wordToComplete)
            'Clean', 'Build', 'Test', 'Package' | Where-Object { $_ -like "$wordToComplete*" }
        })]
    [ValidateNotNullOrEmpty()]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [ValidateNotNullOrEmpty()]
    [string] $OutputPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ModuleName = 'Litmind'
$RepoRoot = $PSScriptRoot
$ManifestPath = [System.IO.Path]::Combine($RepoRoot, "$ModuleName.psd1")
$SolutionPath = [System.IO.Path]::Combine($RepoRoot, 'Litmind.PowerShell.sln')

#region Helpers

function Write-BuildMessage {
    # What Write-Host does (a host message on the information stream), without needing the
    # Microsoft.PowerShell.Utility module, which not every host has.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Message,

        [System.ConsoleColor] $ForegroundColor
    )

    $hostMessage = [System.Management.Automation.HostInformationMessage]@{ Message = $Message }
    if ($PSBoundParameters.ContainsKey('ForegroundColor')) {
        $hostMessage.ForegroundColor = $ForegroundColor
    }
    $PSCmdlet.WriteInformation($hostMessage, [string[]] @('PSHOST'))
}

function Write-BuildWarning {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Message)

    $PSCmdlet.WriteWarning($Message)
}

function Invoke-Dotnet {
    # Runs the dotnet CLI and turns a non-zero exit code into a terminating error.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string[]] $ArgumentList)

    Write-BuildMessage "dotnet $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'dotnet $($ArgumentList[0])' failed with exit code $LASTEXITCODE."
    }
}

function Read-ModuleManifest {
    # The manifest's data without running it, as Import-PowerShellDataFile reads it (that cmdlet
    # is in Microsoft.PowerShell.Utility, which not every host has).
    [CmdletBinding()]
    [OutputType([hashtable])]
    param([Parameter(Mandatory)][string] $Path)

    $tokens = $null
    $parseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $parseErrors)
    if ($parseErrors) {
        throw "$Path does not parse: $($parseErrors[0].Message)"
    }

    $data = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false)
    if ($null -eq $data) {
        throw "$Path holds no hashtable."
    }

    # SafeGetValue accepts constants only: a manifest is data, never code.
    return $data.SafeGetValue()
}

function Remove-Folder {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path)

    if ([System.IO.Directory]::Exists($Path)) {
        [System.IO.Directory]::Delete($Path, $true)
        Write-BuildMessage "Removed $Path"
    }
}

function Remove-EmptyFolder {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Path)

    if ([System.IO.Directory]::Exists($Path) -and
        [System.IO.Directory]::GetFileSystemEntries($Path).Length -eq 0) {
        [System.IO.Directory]::Delete($Path)
        Write-BuildMessage "Removed $Path"
    }
}

function Get-ProjectFolder {
    # The folders of the projects the solution lists: the ones with bin/ and obj/ to clean.
    [CmdletBinding()]
    [OutputType([string])]
    param()

    $solution = [System.IO.File]::ReadAllText($SolutionPath)
    $projects = [regex]::Matches($solution, '(?m)^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]+\.[a-z]+proj)"')
    foreach ($project in $projects) {
        $relative = $project.Groups['path'].Value.Replace('\', [System.IO.Path]::DirectorySeparatorChar)
        [System.IO.Path]::GetDirectoryName([System.IO.Path]::Combine($RepoRoot, $relative))
    }
}

function ConvertTo-XmlText {
    param([AllowNull()][object] $Value)

    [System.Security.SecurityElement]::Escape([string] $Value)
}

function ConvertTo-Utf8Bytes {
    param([Parameter(Mandatory)][string] $Text)

    # No byte order mark, as NuGet writes them. The comma keeps the array from being unrolled.
    , [System.Text.UTF8Encoding]::new($false).GetBytes($Text)
}

#endregion

#region Package contents

function Get-PackageVersion {
    param([Parameter(Mandatory)][hashtable] $Manifest)

    $version = $Manifest['ModuleVersion']
    $prerelease = Get-PSData -Manifest $Manifest -Key 'Prerelease'
    if ($prerelease) {
        $version = "$version-$prerelease"
    }

    $version
}

function Get-PSData {
    param([Parameter(Mandatory)][hashtable] $Manifest, [Parameter(Mandatory)][string] $Key)

    $privateData = $Manifest['PrivateData']
    if ($privateData -is [hashtable] -and $privateData['PSData'] -is [hashtable]) {
        return $privateData['PSData'][$Key]
    }
}

function Get-PackageTag {
    # The manifest's own tags, then the ones PowerShellGet adds on publishing, which the Gallery
    # and Find-Command search by: PSModule, PSIncludes_Cmdlet, PSCmdlet_<name> and PSCommand_<name>.
    [OutputType([string])]
    param([Parameter(Mandatory)][hashtable] $Manifest)

    $tags = @(Get-PSData -Manifest $Manifest -Key 'Tags') + 'PSModule'
    $cmdlets = @($Manifest['CmdletsToExport'] | Where-Object { $_ -and $_ -notmatch '\*' })
    if ($cmdlets.Count -gt 0) {
        $tags += 'PSIncludes_Cmdlet'
    }
    foreach ($cmdlet in $cmdlets) {
        $tags += "PSCmdlet_$cmdlet", "PSCommand_$cmdlet"
    }

    $unique = [System.Collections.Generic.List[string]]::new()
    foreach ($tag in $tags) {
        if ($tag -and -not $unique.Contains($tag)) {
            $unique.Add($tag)
        }
    }
    $unique
}

function Get-NuspecDependency {
    # RequiredModules as NuGet dependencies, with the version ranges PowerShellGet writes.
    [OutputType([string])]
    param([Parameter(Mandatory)][hashtable] $Manifest)

    foreach ($module in @($Manifest['RequiredModules'])) {
        if (-not $module) {
            continue
        }

        if ($module -is [hashtable]) {
            $range = ''
            if ($module['RequiredVersion']) {
                $range = "[$($module['RequiredVersion'])]"
            }
            elseif ($module['MaximumVersion']) {
                $range = "[$($module['ModuleVersion']),$($module['MaximumVersion'])]"
            }
            elseif ($module['ModuleVersion']) {
                $range = [string] $module['ModuleVersion']
            }

            $versionAttribute = ''
            if ($range) {
                $versionAttribute = " version=`"$(ConvertTo-XmlText $range)`""
            }

            "      <dependency id=`"$(ConvertTo-XmlText $module['ModuleName'])`"$versionAttribute />"
        }
        else {
            "      <dependency id=`"$(ConvertTo-XmlText $module)`" />"
        }
    }
}

function New-Nuspec {
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][hashtable] $Manifest,
        [Parameter(Mandatory)][string] $Version
    )

    $optional = [ordered]@{
        owners       = $Manifest['CompanyName']
        copyright    = $Manifest['Copyright']
        projectUrl   = Get-PSData -Manifest $Manifest -Key 'ProjectUri'
        licenseUrl   = Get-PSData -Manifest $Manifest -Key 'LicenseUri'
        iconUrl      = Get-PSData -Manifest $Manifest -Key 'IconUri'
        releaseNotes = Get-PSData -Manifest $Manifest -Key 'ReleaseNotes'
    }

    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('<?xml version="1.0" encoding="utf-8"?>')
    $lines.Add('<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">')
    $lines.Add('  <metadata>')
    $lines.Add("    <id>$(ConvertTo-XmlText $ModuleName)</id>")
    $lines.Add("    <version>$(ConvertTo-XmlText $Version)</version>")
    $lines.Add("    <authors>$(ConvertTo-XmlText $Manifest['Author'])</authors>")
    $lines.Add("    <description>$(ConvertTo-XmlText $Manifest['Description'])</description>")
    $lines.Add('    <requireLicenseAcceptance>false</requireLicenseAcceptance>')
    foreach ($name in $optional.Keys) {
        if ($optional[$name]) {
            $lines.Add("    <$name>$(ConvertTo-XmlText ($optional[$name] -join ' '))</$name>")
        }
    }

    $lines.Add("    <tags>$(ConvertTo-XmlText ((Get-PackageTag -Manifest $Manifest) -join ' '))</tags>")
    $dependencies = @(Get-NuspecDependency -Manifest $Manifest)
    if ($dependencies.Count -gt 0) {
        $lines.Add('    <dependencies>')
        foreach ($dependency in $dependencies) {
            $lines.Add($dependency)
        }
        $lines.Add('    </dependencies>')
    }

    $lines.Add('  </metadata>')
    $lines.Add('</package>')
    $lines -join "`n"
}

function New-CoreProperties {
    # package/services/metadata/core-properties/<id>.psmdcp: the OPC summary nuget pack writes.
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][hashtable] $Manifest,
        [Parameter(Mandatory)][string] $Version
    )

    @(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
        "  <dc:creator>$(ConvertTo-XmlText $Manifest['Author'])</dc:creator>"
        "  <dc:description>$(ConvertTo-XmlText $Manifest['Description'])</dc:description>"
        "  <dc:identifier>$(ConvertTo-XmlText $ModuleName)</dc:identifier>"
        "  <version>$(ConvertTo-XmlText $Version)</version>"
        "  <keywords>$(ConvertTo-XmlText ((Get-PackageTag -Manifest $Manifest) -join ' '))</keywords>"
        '  <lastModifiedBy>build.ps1</lastModifiedBy>'
        '</coreProperties>'
    ) -join "`n"
}

function New-Relationships {
    # _rels/.rels: points NuGet at the nuspec and OPC readers at the core properties.
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][string] $NuspecPart,
        [Parameter(Mandatory)][string] $CorePropertiesPart
    )

    $nuspecId = 'R' + [guid]::NewGuid().ToString('N').Substring(0, 16).ToUpperInvariant()
    $corePropertiesId = 'R' + [guid]::NewGuid().ToString('N').Substring(0, 16).ToUpperInvariant()
    @(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        "  <Relationship Type=`"http://schemas.microsoft.com/packaging/2010/07/manifest`" Target=`"/$NuspecPart`" Id=`"$nuspecId`" />"
        "  <Relationship Type=`"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties`" Target=`"/$CorePropertiesPart`" Id=`"$corePropertiesId`" />"
        '</Relationships>'
    ) -join "`n"
}

function New-ContentTypes {
    # [Content_Types].xml: a content type for every extension in the package, as nuget pack
    # writes it (application/octet for everything but the OPC parts), and one per part without
    # an extension.
    [OutputType([string])]
    param([Parameter(Mandatory)][string[]] $PartName)

    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('<?xml version="1.0" encoding="utf-8"?>')
    $lines.Add('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">')
    $lines.Add('  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />')
    $lines.Add('  <Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />')
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $null = $seen.Add('rels')
    $null = $seen.Add('psmdcp')
    foreach ($part in $PartName) {
        $extension = [System.IO.Path]::GetExtension($part).TrimStart('.')
        if (-not $extension) {
            $lines.Add("  <Override PartName=`"/$(ConvertTo-XmlText $part)`" ContentType=`"application/octet`" />")
        }
        elseif ($seen.Add($extension)) {
            $lines.Add("  <Default Extension=`"$(ConvertTo-XmlText $extension.ToLowerInvariant())`" ContentType=`"application/octet`" />")
        }
    }

    $lines.Add('</Types>')
    $lines -join "`n"
}

function Add-ZipEntry {
    param(
        [Parameter(Mandatory)][object] $Archive,
        [Parameter(Mandatory)][string] $Name,
        [Parameter(Mandatory)][byte[]] $Content
    )

    $entry = $Archive.CreateEntry($Name, [System.IO.Compression.CompressionLevel]::Optimal)
    $stream = $entry.Open()
    try {
        $stream.Write($Content, 0, $Content.Length)
    }
    finally {
        $stream.Dispose()
    }
}

#endregion

#region Tasks

function Invoke-CleanTask {
    # Only what this script makes is removed from -OutputPath, so pointing it at a folder that
    # holds other things is safe.
    Remove-Folder ([System.IO.Path]::Combine($OutputPath, $ModuleName))
    $packages = [System.IO.Path]::Combine($OutputPath, 'packages')
    if ([System.IO.Directory]::Exists($packages)) {
        foreach ($package in [System.IO.Directory]::GetFiles($packages, "$ModuleName.*.nupkg")) {
            [System.IO.File]::Delete($package)
            Write-BuildMessage "Removed $package"
        }
        Remove-EmptyFolder $packages
    }
    Remove-EmptyFolder $OutputPath

    # The PowerShell running this script may run from a project's bin/ (the console host does),
    # where its files cannot be deleted on Windows: that folder is left alone.
    $running = [System.AppContext]::BaseDirectory
    foreach ($project in Get-ProjectFolder) {
        foreach ($name in 'bin', 'obj') {
            $folder = [System.IO.Path]::Combine($project, $name)
            if ($running.StartsWith($folder + [System.IO.Path]::DirectorySeparatorChar, [System.StringComparison]::OrdinalIgnoreCase)) {
                Write-BuildWarning "Kept $folder`: the PowerShell running this script runs from it."
                continue
            }

            Remove-Folder $folder
        }
    }
}

function Invoke-BuildTask {
    # A fresh folder, so a file dropped from the module does not linger in it.
    Remove-Folder $ModuleFolder

    $project = [System.IO.Path]::Combine($RepoRoot, 'src', 'Litmind.PowerShell')
    Invoke-Dotnet -ArgumentList 'build', $project, '--configuration', $Configuration, '--nologo', "-p:ModuleLayoutRoot=$OutputPath"

    $laidOutManifest = [System.IO.Path]::Combine($ModuleFolder, "$ModuleName.psd1")
    if (-not [System.IO.File]::Exists($laidOutManifest)) {
        throw "The build did not lay the module out in $ModuleFolder. Directory.Build.props reads ModuleVersion from $ManifestPath; does it still find '$ModuleVersion' there?"
    }

    $module = Test-ModuleManifest -Path $laidOutManifest -ErrorAction Stop
    if ($null -eq $module -or [string] $module.Version -ne $ModuleVersion) {
        throw "Test-ModuleManifest did not accept $laidOutManifest."
    }

    Write-BuildMessage "Module: $ModuleFolder" -ForegroundColor Green
}

function Invoke-TestTask {
    Invoke-Dotnet -ArgumentList 'test', $SolutionPath, '--configuration', $Configuration, '--nologo', "-p:ModuleLayoutRoot=$OutputPath"

    $pesterTests = [System.IO.Path]::Combine($RepoRoot, 'tests', 'Pester')
    if (-not [System.IO.Directory]::Exists($pesterTests)) {
        return
    }

    if (-not (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 })) {
        Write-BuildWarning "Pester 5 or later is not installed: skipped the tests in $pesterTests."
        return
    }

    Import-Module -Name Pester -MinimumVersion 5.0.0
    $emulator = Start-Emulator
    $saved = @{}
    try {
        $variables = @{
            LITMIND_BASE_URI        = $emulator.BaseUri
            LITMIND_API_KEY         = $emulator.ApiKey
            LITMIND_EMULATOR_ROOT   = $emulator.RootUri
            LITMIND_MODULE_MANIFEST = [System.IO.Path]::Combine($ModuleFolder, "$ModuleName.psd1")
        }
        foreach ($name in $variables.Keys) {
            $saved[$name] = [System.Environment]::GetEnvironmentVariable($name)
            [System.Environment]::SetEnvironmentVariable($name, $variables[$name])
        }

        $pester = New-PesterConfiguration
        $pester.Run.Path = $pesterTests
        $pester.Run.PassThru = $true
        $pester.Output.Verbosity = 'Detailed'
        $result = Invoke-Pester -Configuration $pester
        if ($result.Result -ne 'Passed') {
            throw "Pester: $($result.FailedCount) test(s) failed."
        }
    }
    finally {
        foreach ($name in $saved.Keys) {
            [System.Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
        Stop-Emulator $emulator
    }
}

function Start-Emulator {
    # The emulator the Test task's dotnet test just built, run as one process (dotnet run would
    # add a second one that outlives a Kill) on a port the system picks.
    $bin = [System.IO.Path]::Combine($RepoRoot, 'src', 'Litmind.Emulator', 'bin', $Configuration)
    $newest = $null
    if ([System.IO.Directory]::Exists($bin)) {
        # The newest build when several target frameworks are there.
        foreach ($candidate in [System.IO.Directory]::GetFiles($bin, 'Litmind.Emulator.dll', [System.IO.SearchOption]::AllDirectories)) {
            if ($null -eq $newest -or [System.IO.File]::GetLastWriteTimeUtc($candidate) -gt [System.IO.File]::GetLastWriteTimeUtc($newest)) {
                $newest = $candidate
            }
        }
    }
    if ($null -eq $newest) {
        throw "Litmind.Emulator.dll is not in $bin; run the Build or Test task first."
    }
    $dll = @($newest)

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $startInfo.Arguments = "`"$($dll[0])`" --urls http://127.0.0.1:0"
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        # The banner, printed once Kestrel listens, says where and with which API key.
        $baseUri = $null
        $apiKey = $null
        $deadline = [System.DateTime]::UtcNow.AddSeconds(60)
        while (-not ($baseUri -and $apiKey)) {
            $read = $process.StandardOutput.ReadLineAsync()
            $remaining = [int] [System.Math]::Max(0, ($deadline - [System.DateTime]::UtcNow).TotalMilliseconds)
            if (-not $read.Wait($remaining)) {
                throw 'The Litmind emulator did not start listening within 60 seconds.'
            }
            if ($null -eq $read.Result) {
                throw "The Litmind emulator exited with code $($process.ExitCode) before it was listening."
            }
            if ($read.Result -match '^\s*Base URI\s*:\s*(\S+)') {
                $baseUri = $Matches[1]
            }
            elseif ($read.Result -match '^\s*API key\s*:\s*(\S+)') {
                $apiKey = $Matches[1]
            }
        }

        # Keep draining its output, so the emulator never blocks on a full pipe.
        $null = $process.StandardOutput.ReadToEndAsync()
    }
    catch {
        Stop-Emulator @{ Process = $process }
        throw
    }

    Write-BuildMessage "Litmind emulator: $baseUri"
    @{
        Process = $process
        BaseUri = $baseUri
        ApiKey  = $apiKey
        RootUri = $baseUri -replace 'api/v1/$', ''
    }
}

function Stop-Emulator {
    param([Parameter(Mandatory)][hashtable] $Emulator)

    $process = $Emulator['Process']
    if (-not $process.HasExited) {
        $process.Kill()
        $null = $process.WaitForExit(10000)
    }
    $process.Dispose()
}

function Invoke-PackageTask {
    $packageVersion = Get-PackageVersion -Manifest $Manifest
    $packages = [System.IO.Path]::Combine($OutputPath, 'packages')
    $null = [System.IO.Directory]::CreateDirectory($packages)
    $packagePath = [System.IO.Path]::Combine($packages, "$ModuleName.$packageVersion.nupkg")
    if ([System.IO.File]::Exists($packagePath)) {
        [System.IO.File]::Delete($packagePath)
    }

    # Windows PowerShell does not load the zip types until asked; Add-Type is not in every host.
    if (-not ('System.IO.Compression.ZipArchive' -as [type])) {
        $null = [System.Reflection.Assembly]::Load('System.IO.Compression, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089')
    }

    # The module folder's files go at the package root: that is where Install-PSResource and
    # Install-Module take a module from.
    $moduleFiles = [System.IO.Directory]::GetFiles($ModuleFolder, '*', [System.IO.SearchOption]::AllDirectories)
    [System.Array]::Sort($moduleFiles, [System.StringComparer]::Ordinal)
    $parts = [ordered]@{}
    foreach ($file in $moduleFiles) {
        $name = $file.Substring($ModuleFolder.Length + 1).Replace('\', '/')
        $parts[$name] = [System.IO.File]::ReadAllBytes($file)
    }

    $nuspecPart = "$ModuleName.nuspec"
    $corePropertiesPart = "package/services/metadata/core-properties/$([guid]::NewGuid().ToString('N')).psmdcp"
    $parts[$nuspecPart] = ConvertTo-Utf8Bytes (New-Nuspec -Manifest $Manifest -Version $packageVersion)
    $parts['_rels/.rels'] = ConvertTo-Utf8Bytes (New-Relationships -NuspecPart $nuspecPart -CorePropertiesPart $corePropertiesPart)
    $parts[$corePropertiesPart] = ConvertTo-Utf8Bytes (New-CoreProperties -Manifest $Manifest -Version $packageVersion)
    $parts['[Content_Types].xml'] = ConvertTo-Utf8Bytes (New-ContentTypes -PartName ([string[]] $parts.Keys))

    $stream = [System.IO.File]::Open($packagePath, [System.IO.FileMode]::CreateNew)
    try {
        $archive = [System.IO.Compression.ZipArchive]::new($stream, [System.IO.Compression.ZipArchiveMode]::Create)
        try {
            foreach ($name in $parts.Keys) {
                Add-ZipEntry -Archive $archive -Name $name -Content $parts[$name]
            }
        }
        finally {
            $archive.Dispose()
        }
    }
    finally {
        $stream.Dispose()
    }

    Write-BuildMessage "Package: $packagePath" -ForegroundColor Green
}

#endregion

if ($PSBoundParameters.ContainsKey('OutputPath')) {
    $OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
}
else {
    $OutputPath = [System.IO.Path]::Combine($RepoRoot, 'out')
}
# No trailing separator: it would escape the closing quote of "-p:ModuleLayoutRoot=..." on Windows.
$OutputPath = [System.IO.Path]::GetFullPath($OutputPath).TrimEnd('\', '/')

$Manifest = Read-ModuleManifest -Path $ManifestPath
$ModuleVersion = [string] $Manifest['ModuleVersion']
$ModuleFolder = [System.IO.Path]::Combine($OutputPath, $ModuleName, $ModuleVersion)

$taskNames = 'Clean', 'Build', 'Test', 'Package'
$Task = @($Task -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($name in $Task) {
    if ($taskNames -notcontains $name) {
        throw "There is no task '$name'. The tasks are $($taskNames -join ', ')."
    }
}

# Tasks run in a fixed order, and Package needs what Build lays out.
$run = @($taskNames | Where-Object {
        $Task -contains $_ -or ($_ -eq 'Build' -and $Task -contains 'Package')
    })

Write-BuildMessage "$ModuleName $ModuleVersion ($Configuration): $($run -join ', ') -> $OutputPath" -ForegroundColor Cyan
foreach ($name in $run) {
    Write-BuildMessage "Task $name" -ForegroundColor Cyan
    switch ($name) {
        'Clean' { Invoke-CleanTask }
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
    }
}
