# build.ps1 in a new pwsh: the module folder and the package that Build and Package lay out in a
# temporary output folder, and Clean on a scratch copy of the repository (on the real one it
# would delete bin/ and obj/ under the running tests).
#
# Needs the .NET SDK (build.ps1 runs dotnet build); no emulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    Add-Type -AssemblyName System.IO.Compression.ZipFile

    $manifestPath = Join-Path $RepoRoot 'Litmind.psd1'
    $manifest = Import-PowerShellDataFile $manifestPath
    $version = $manifest.ModuleVersion
    $psData = $manifest.PrivateData.PSData

    function Read-PackageEntry([string] $Name) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($packagePath)
        try {
            $entry = $zip.GetEntry($Name)
            if (-not $entry) { throw "The package has no $Name." }
            $stream = $entry.Open()
            $copy = [System.IO.MemoryStream]::new()
            $stream.CopyTo($copy)
            $stream.Dispose()
            , $copy.ToArray()
        }
        finally { $zip.Dispose() }
    }

    function Read-PackageXml([string] $Name) {
        [xml] [System.Text.Encoding]::UTF8.GetString((Read-PackageEntry $Name)).TrimStart([char] 0xFEFF)
    }

    # The files the module folder must hold: the module itself, the help in src/Litmind.PowerShell/en-US
    # and the built-in service definitions in src/Litmind.PowerShell/Services.
    $expectedModuleFiles = @(
        'Litmind.psd1', 'Litmind.PowerShell.dll', 'Newtonsoft.Json.dll', 'Litmind.Format.ps1xml', 'Litmind.Types.ps1xml'
        Get-ChildItem (Join-Path $RepoRoot 'src/Litmind.PowerShell/en-US') -File | ForEach-Object { "en-US/$($_.Name)" }
        Get-ChildItem (Join-Path $RepoRoot 'src/Litmind.PowerShell/Services') -Filter '*.json' -File | ForEach-Object { "Services/$($_.Name)" }
    ) | Sort-Object -CaseSensitive
}

Describe 'The manifest' {
    It 'has a PSCmdlet_ and a PSCommand_ tag for each exported cmdlet, and no other' {
        $commandTags = $psData.Tags | Where-Object { $_ -like 'PSCmdlet_*' -or $_ -like 'PSCommand_*' }
        $expected = $manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }

        $commandTags | Sort-Object | Should -Be ($expected | Sort-Object)
        $psData.Tags | Should -Contain 'PSIncludes_Cmdlet'
    }

    It 'names the project, its license and the release notes, and promises no updatable help' {
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -BeLike "$($psData.ProjectUri)/*/LICENSE"
        $psData.ReleaseNotes | Should -BeLike "$version*"
        $manifest.ContainsKey('HelpInfoUri') | Should -BeFalse
        Join-Path $RepoRoot 'LICENSE' | Should -FileContentMatch '^MIT License'
    }
}

Describe 'build.ps1 -Task Build,Package' {
    BeforeAll {
        $outputPath = Join-Path $TestDrive 'out'
        $moduleFolder = Join-Path $outputPath "Litmind/$version"
        $laidOutManifest = Join-Path $moduleFolder 'Litmind.psd1'
        $packagePath = Join-Path $outputPath "packages/Litmind.$version.nupkg"
        $run = Invoke-NewPwsh -Environment $NoBuildServers -ArgumentList '-File', (Join-Path $RepoRoot 'build.ps1'), '-Task', 'Build,Package', '-OutputPath', $outputPath
    }

    It 'succeeds and says where the module and the package are' {
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -BeLike "*Module: $moduleFolder*"
        $run.Output | Should -BeLike "*Package: $packagePath*"
    }

    Context 'the module folder' {
        It 'holds the module files and nothing else' {
            # No pdb, no deps.json, no XML doc file, no System.Management.Automation.dll.
            $files = Get-ChildItem $moduleFolder -Recurse -File |
                ForEach-Object { [System.IO.Path]::GetRelativePath($moduleFolder, $_.FullName).Replace('\', '/') } |
                Sort-Object -CaseSensitive
            $files | Should -Be $expectedModuleFiles
        }

        It 'has Litmind.psd1 as written, and the dll carries its version' {
            (Get-FileHash $laidOutManifest).Hash | Should -Be (Get-FileHash $manifestPath).Hash
            $assembly = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $moduleFolder 'Litmind.PowerShell.dll'))
            $assembly.Version.ToString(3) | Should -Be $version
        }

        It 'passes Test-ModuleManifest' {
            $module = Test-ModuleManifest -Path $laidOutManifest -ErrorAction Stop

            $module.Name | Should -Be 'Litmind'
            $module.Version | Should -Be $version
        }

        It 'is imported by a new pwsh from its own folder, exporting exactly the manifest''s cmdlets' {
            # A new process: this one has a copy of Litmind.PowerShell.dll loaded already.
            $import = Invoke-NewPwsh -ArgumentList '-Command', @"
`$m = Import-Module '$laidOutManifest' -PassThru -ErrorAction Stop
'version=' + `$m.Version
'cmdlets=' + ((`$m.ExportedCmdlets.Keys | Sort-Object) -join ',')
'functions=' + `$m.ExportedFunctions.Count + ' aliases=' + `$m.ExportedAliases.Count
'dll=' + `$m.ImplementingAssembly.Location
"@

            $import.ExitCode | Should -Be 0 -Because $import.Output
            $lines = $import.Output -split '\r?\n'
            $lines | Should -Contain "version=$version"
            $lines | Should -Contain ('cmdlets=' + (($manifest.CmdletsToExport | Sort-Object) -join ','))
            $lines | Should -Contain 'functions=0 aliases=0'
            $lines | Should -Contain ('dll=' + (Join-Path $moduleFolder 'Litmind.PowerShell.dll'))
        }
    }

    Context 'the package' {
        It 'is named after the manifest''s ModuleVersion, alone in packages/' {
            Get-ChildItem (Split-Path $packagePath) | ForEach-Object Name | Should -Be "Litmind.$version.nupkg"
        }

        It 'has the module files at its root beside the NuGet parts, and nothing else' {
            $zip = [System.IO.Compression.ZipFile]::OpenRead($packagePath)
            $entries = $zip.Entries.FullName
            $zip.Dispose()
            $nugetParts = $entries | Where-Object {
                $_ -in 'Litmind.nuspec', '[Content_Types].xml', '_rels/.rels' -or $_ -match '^package/services/metadata/core-properties/[0-9a-f]{32}\.psmdcp$'
            }

            $nugetParts | Should -HaveCount 4
            $entries | Where-Object { $_ -notin $nugetParts } | Sort-Object -CaseSensitive | Should -Be $expectedModuleFiles
        }

        It 'holds Litmind.psd1 as written' {
            $packaged = Read-PackageEntry 'Litmind.psd1'
            [System.Linq.Enumerable]::SequenceEqual($packaged, [System.IO.File]::ReadAllBytes($manifestPath)) | Should -BeTrue
        }

        It 'takes the nuspec''s metadata from the manifest' {
            $metadata = (Read-PackageXml 'Litmind.nuspec').package.metadata

            $metadata.id | Should -BeExactly 'Litmind'
            $metadata.version | Should -Be $version
            $metadata.authors | Should -Be $manifest.Author
            $metadata.description | Should -Be $manifest.Description
            $metadata.requireLicenseAcceptance | Should -Be 'false'
            $metadata.projectUrl | Should -Be $psData.ProjectUri
            $metadata.licenseUrl | Should -Be $psData.LicenseUri
            $metadata.releaseNotes | Should -Be $psData.ReleaseNotes
        }

        It 'has the manifest''s tags, PSModule and a PSCmdlet_ tag for each cmdlet' {
            $tags = (Read-PackageXml 'Litmind.nuspec').package.metadata.tags -split ' '

            $tags | Should -Contain 'PSModule'
            $psData.Tags | Where-Object { $_ -notin $tags } | Should -BeNullOrEmpty
            $tags | Where-Object { $_ -like 'PSCmdlet_*' } | ForEach-Object { $_.Substring(9) } | Sort-Object |
                Should -Be ($manifest.CmdletsToExport | Sort-Object)
            $tags | Sort-Object -Unique | Should -HaveCount $tags.Count
        }

        It 'gives every part a content type' {
            $types = (Read-PackageXml '[Content_Types].xml').Types
            $zip = [System.IO.Compression.ZipFile]::OpenRead($packagePath)
            $entries = $zip.Entries.FullName | Where-Object { $_ -ne '[Content_Types].xml' }
            $zip.Dispose()

            foreach ($entry in $entries) {
                $extension = [System.IO.Path]::GetExtension($entry).TrimStart('.')
                ($types.Default.Extension -contains $extension -or $types.Override.PartName -contains "/$entry") |
                    Should -BeTrue -Because "$entry needs a content type"
            }
        }

        It 'has relationships to the nuspec and the core properties' {
            $relationships = @((Read-PackageXml '_rels/.rels').Relationships.Relationship)

            ($relationships | Where-Object Type -EQ 'http://schemas.microsoft.com/packaging/2010/07/manifest').Target | Should -Be '/Litmind.nuspec'
            $coreProperties = $relationships | Where-Object Type -Like '*/metadata/core-properties'
            $coreProperties | Should -HaveCount 1
            { Read-PackageEntry $coreProperties.Target.TrimStart('/') } | Should -Not -Throw
            $relationships.Id | Sort-Object -Unique | Should -HaveCount $relationships.Count
        }

        It 'installs with Install-PSResource from a local repository, is found by command, and imports' -Skip:$IsWindows {
            # A home of its own: the repository registration and the CurrentUser install go there.
            $userHome = Join-Path $TestDrive 'home'
            $null = New-Item -ItemType Directory $userHome
            $install = Invoke-NewPwsh -Environment @{ HOME = $userHome; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null } -ArgumentList '-Command', @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name LitmindTest -Uri '$(Split-Path $packagePath)' -Trusted
'found=' + (Find-PSResource -CommandName Invoke-LitmindRequest -Repository LitmindTest).ParentResource.Name
Install-PSResource -Name Litmind -Repository LitmindTest
`$m = Import-Module Litmind -PassThru
'base=' + `$m.ModuleBase
'commands=' + (Get-Command -Module Litmind).Count
"@

            $install.ExitCode | Should -Be 0 -Because $install.Output
            $lines = $install.Output -split '\r?\n'
            $lines | Should -Contain 'found=Litmind'
            $lines | Should -Contain "base=$userHome/.local/share/powershell/Modules/Litmind/$version"
            $lines | Should -Contain "commands=$($manifest.CmdletsToExport.Count)"
        }
    }
}

Describe 'build.ps1 -Task Clean' {
    BeforeEach {
        # A scratch repository: build.ps1, what it reads, and a solution with one project.
        $repo = Join-Path $TestDrive 'repo'
        $output = Join-Path $TestDrive 'output'
        function Touch([string] $Path) {
            $null = New-Item -ItemType File -Path $Path -Value 'x' -Force
        }
        Copy-Item (Join-Path $RepoRoot 'build.ps1'), $manifestPath -Destination (New-Item -ItemType Directory $repo -Force)
        Copy-Item (Join-Path $PSScriptRoot 'LitmindEmulator.psm1') -Destination (New-Item -ItemType Directory "$repo/tests/Pester" -Force)
        Set-Content "$repo/Litmind.PowerShell.sln" "Project(`"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}`") = `"Sample`", `"src\Sample\Sample.csproj`", `"{81ECA5DB-32F9-4117-BB1F-12D61A5A62E3}`"`r`nEndProject"
        Touch "$repo/src/Sample/Sample.csproj"
        Touch "$repo/src/Sample/bin/Release/Sample.dll"
        Touch "$repo/src/Sample/obj/project.assets.json"
        Touch "$output/Litmind/$version/Litmind.psd1"
        Touch "$output/packages/Litmind.$version.nupkg"
        Touch "$output/TestResults/Summary.json"
    }

    AfterEach {
        Remove-Item $repo, $output -Recurse -Force -ErrorAction Ignore
    }

    It 'removes the output folder and the projects'' bin and obj' {
        $run = Invoke-NewPwsh -ArgumentList '-File', "$repo/build.ps1", '-Task', 'Clean', '-OutputPath', $output

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $output | Should -Not -Exist
        "$repo/src/Sample/bin" | Should -Not -Exist
        "$repo/src/Sample/obj" | Should -Not -Exist
        "$repo/src/Sample/Sample.csproj" | Should -Exist
    }

    It 'leaves what it did not make in the output folder' {
        Touch "$output/notes.txt"
        Touch "$output/packages/Other.1.0.0.nupkg"

        $run = Invoke-NewPwsh -ArgumentList '-File', "$repo/build.ps1", '-Task', 'Clean', '-OutputPath', $output

        $run.ExitCode | Should -Be 0 -Because $run.Output
        "$output/Litmind" | Should -Not -Exist
        "$output/TestResults" | Should -Not -Exist
        "$output/packages/Litmind.$version.nupkg" | Should -Not -Exist
        "$output/notes.txt" | Should -Exist
        "$output/packages/Other.1.0.0.nupkg" | Should -Exist
    }

    It 'fails on an unknown task, names the tasks and runs none' {
        $file = Invoke-NewPwsh -ArgumentList '-File', "$repo/build.ps1", '-Task', 'Clean,Deploy', '-OutputPath', $output
        $command = Invoke-NewPwsh -ArgumentList '-Command', "try { & '$repo/build.ps1' -Task Clean, Deploy -OutputPath '$output' } catch { `$_.Exception.Message }"

        $file.ExitCode | Should -Not -Be 0
        $command.Output | Should -Be "There is no task 'Deploy'. The tasks are Clean, Build, Test, Package, Demo, Benchmark."
        "$output/Litmind" | Should -Exist
    }
}
