# Every code example in README.md, about_Litmind and about_Litmind_Services runs as printed, each in a new process:
# PowerShell in a new pwsh (a Pester file through Invoke-Pester), bash lines in bash. An example
# may get context first (the variables the text around it names, such as $session or $cred) and a
# check after; a few are skipped, with the reason: they need a real account, ask for input, or run
# until stopped.
#
# Runs against the Litmind emulator: set LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT
# to a running one (or leave them unset to have TestHelpers.ps1 start one), and LITMIND_MODULE_MANIFEST
# to the Litmind.psd1 to test. See README.md.

BeforeDiscovery {
    $repoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

    # README.md: fenced blocks. A bash block is one example per line.
    function Get-FencedExample([string] $Path) {
        $lines = @(Get-Content -LiteralPath $Path)
        $language = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($null -eq $language -and $lines[$i] -match '^```(\w*)\s*$') {
                $language = $Matches[1]
                $body = [System.Collections.Generic.List[string]]::new()
                $first = $i + 2
            }
            elseif ($null -ne $language -and $lines[$i] -match '^```\s*$') {
                if ($language -eq 'bash') {
                    for ($j = 0; $j -lt $body.Count; $j++) {
                        if ($body[$j].Trim()) { New-Example $Path ($first + $j) 'bash' $body[$j] }
                    }
                }
                else {
                    New-Example $Path $first $language ($body -join "`n")
                }
                $language = $null
            }
            elseif ($null -ne $language) {
                $body.Add($lines[$i])
            }
        }
    }

    # about_Litmind: blocks indented by 8 spaces (blank lines inside them allowed), dedented. A
    # block whose second line is a row of dashes is a table, not code.
    function Get-IndentedExample([string] $Path) {
        $lines = @(Get-Content -LiteralPath $Path)
        $i = 0
        while ($i -lt $lines.Count) {
            if ($lines[$i] -notmatch '^ {8}\S') { $i++; continue }
            $first = $i
            $last = $i
            while ($i + 1 -lt $lines.Count -and ($lines[$i + 1] -match '^ {8}' -or $lines[$i + 1] -notmatch '\S')) {
                $i++
                if ($lines[$i] -match '\S') { $last = $i }
            }
            $body = $lines[$first..$last] | ForEach-Object { $_ -replace '^ {8}', '' }
            if ($body.Count -lt 2 -or $body[1] -notmatch '^[\s-]*---[\s-]*$') {
                New-Example $Path ($first + 1) 'powershell' ($body -join "`n")
            }
            $i = $last + 1
        }
    }

    function New-Example([string] $Path, [int] $Line, [string] $Language, [string] $Text) {
        $firstLine = ($Text -split "`n")[0].Trim()
        @{
            Document  = Split-Path $Path -Leaf
            Line      = $Line
            Language  = $Language
            Text      = $Text
            FirstLine = $firstLine
            Title     = $firstLine.Length -gt 60 ? $firstLine.Substring(0, 60) + '...' : $firstLine
        }
    }

    $examples = @(
        Get-FencedExample (Join-Path $repoRoot 'README.md')
        Get-IndentedExample (Join-Path $repoRoot 'src/Litmind.PowerShell/en-US/about_Litmind.help.txt')
        Get-IndentedExample (Join-Path $repoRoot 'src/Litmind.PowerShell/en-US/about_Litmind_Services.help.txt')
    )

    # What an example needs, by its first line. Skip: why it does not run. NotCode: it is not code
    # (a table without a row of dashes).
    # Context: what runs before it, 'none' (README's examples stand alone), 'sessions'
    # (about_Litmind's: the credentials and sessions the text around them names) or 'services'
    # (about_Litmind_Services': the services' roots and credentials its text names); Also: more of
    # that. Then: checks after it, in the same process. InFolder: it runs in a folder of its own
    # (it writes files there), not the repository. Builds: it runs dotnet build. Sandbox: a
    # home of its own (the PSResourceGet registration and CurrentUser installs go there) with the
    # default PSModulePath. Expect: text its output holds. FileName and Companions: the name a
    # Pester file is saved under, and the examples it dot-sources, saved beside it (file name and
    # first line).
    $settings = @{
        'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo'                 = @{
            Builds = $true
            Expect = 'Litmind emulator listening at http://127.0.0.1:', 'northstar-agency', 'ava-north', 'LivePerson', 'Billing', 'Disconnected'
        }
        'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'                 = @{ Skip = 'it is the command that runs this test' }
        'dotnet run --project src/Litmind.Emulator -- --urls http://127.0.0.1:5080' = @{ Skip = 'it runs until stopped; the suite runs the same emulator on a free port' }
        'dotnet run --project src/Litmind.Emulator -- `'                            = @{ Skip = 'it runs until stopped; the suite runs the same emulator on a free port' }
        'Import-Module Litmind'                                                     = @{ Skip = 'it needs a Litmind account and an API key, and asks for a password' }
        '$session = Connect-Litmind -Credential (Get-Credential)'                   = @{ Skip = 'it asks for a password' }
        '$apiKey = Read-Host -Prompt ''Litmind API key'' -AsSecureString'           = @{ Skip = 'it asks for the API key and a password' }
        'Connect-Litmind        Logs in and makes the session the default.'         = @{ NotCode = $true }
        './build.ps1 -Task Package'                                                 = @{
            Builds  = $true
            Sandbox = $true
            Then    = 'if ((Get-Module Litmind).ModuleBase -notlike "$HOME/.local/share/powershell/Modules/Litmind/*") { throw "Litmind was imported from $((Get-Module Litmind).ModuleBase)." }'
        }
        '501..505 | ForEach-Object -Parallel {'                                     = @{ Also = '$session = Connect-Litmind -Credential $cred' }
        '$handOff = Get-LitmindSession -Default -HandOff'                           = @{ Also = '$null = Connect-Litmind -Credential $cred'; Then = '$null = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop' }
        '# in the first process'                                                    = @{ Skip = 'it needs Microsoft.PowerShell.SecretManagement and a vault, which this machine cannot install' }
        'BeforeAll {'                                                               = @{ FileName = 'Get-OpenCasting.Tests.ps1'; Companions = @{ 'Get-OpenCasting.ps1' = 'function Get-OpenCasting {' } }
        '$handOff = $lp | Get-LitmindSession -HandOff'                              = @{ Also = '$lp = Connect-Litmind -Service LivePerson -BaseUri $livePersonUri -AccountId 90412079 -Credential $agentCredential' }
        '$module = (Get-Command Connect-Litmind).Module.ModuleBase'                 = @{ InFolder = $true; Then = 'if ((Get-LitmindSession -Default).Service -ne "Tracker") { throw "The Tracker session is not the default." }' }
        '$login = ''"login": { "method": "POST", "path": "/login" }'''              = @{ InFolder = $true; Expect = 'is not valid at $.login.path' }
    }

    $unmatchedSettings = @($settings.Keys | Where-Object { @($examples | Where-Object FirstLine -CEQ $_).Count -ne 1 })
    $examples = @($examples | Where-Object { -not $settings[$_.FirstLine].NotCode })
    foreach ($example in $examples) {
        $setting = $settings[$example.FirstLine] ?? @{}
        $example.Setting = $setting
        $example.Context = $setting.Context ?? @{ 'README.md' = 'none'; 'about_Litmind.help.txt' = 'sessions'; 'about_Litmind_Services.help.txt' = 'services' }[$example.Document]
        $example.Companions = @{}
        foreach ($companion in @($setting.Companions | Where-Object { $_ } | ForEach-Object GetEnumerator)) {
            $example.Companions[$companion.Key] = ($examples | Where-Object { $_.Document -eq $example.Document -and $_.FirstLine -ceq $companion.Value }).Text
        }
    }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $emulator = Start-TestEmulator
    Import-LitmindModule

    $contexts = @{
        none     = ''
        sessions = @'
. '{0}'
$cred = New-DemoCredential 'imagine-production'
$agencyCredential = New-DemoCredential 'northstar-agency'
$avaCredential = New-DemoCredential 'ava-north'
$liamCredential = New-DemoCredential 'liam-north'
$other = Connect-Litmind -Credential $cred
$session = Connect-Litmind -Credential $agencyCredential
$null = Connect-Litmind -Credential $avaCredential -Session $session
$null = Connect-Litmind -Credential $liamCredential -Session $session
'@ -f (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        services = @'
. '{0}'
$root = $env:LITMIND_EMULATOR_ROOT.TrimEnd('/')
$livePersonUri = "$root/liveperson/"
$railsTokenUri = "$root/railstoken/api/v1/"
$hypernativeUri = "$root/hypernative/"
$agentCredential = New-DemoCredential 'lp-admin'
$tokenCredential = New-DemoCredential 'foo@bar.com'
$analystCredential = New-DemoCredential 'analyst@hypernative.example'
$adminCredential = New-DemoCredential 'admin@hypernative.example'
$clientId = $LitmindDemoApiKey.ClientId
$clientSecret = ConvertTo-SecureString $LitmindDemoApiKey.ClientSecret -AsPlainText -Force
$cred = New-DemoCredential 'imagine-production'
'@ -f (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    }
}

AfterAll {
    Get-LitmindSession | Disconnect-Litmind
    Stop-TestEmulator $emulator
}

Describe 'The examples of the documentation' {
    It 'are found in <Document>' -ForEach @(
        @{ Document = 'README.md'; Count = @($examples | Where-Object Document -EQ 'README.md').Count }
        @{ Document = 'about_Litmind.help.txt'; Count = @($examples | Where-Object Document -EQ 'about_Litmind.help.txt').Count }
        @{ Document = 'about_Litmind_Services.help.txt'; Count = @($examples | Where-Object Document -EQ 'about_Litmind_Services.help.txt').Count }
    ) {
        $Count | Should -BeGreaterThan 5
    }

    It 'have settings only for examples that exist, each for one' -ForEach @{ Unmatched = $unmatchedSettings } {
        $Unmatched | Should -BeNullOrEmpty
    }
}

Describe 'Example <Document>:<Line>: <Title>' -ForEach $examples {
    BeforeEach {
        Reset-TestEmulator
    }

    It 'runs as printed' {
        if ($Setting.Skip) {
            Set-ItResult -Skipped -Because $Setting.Skip
            return
        }

        $environment = @{}
        if ($Setting.Builds) {
            $environment += $NoBuildServers
        }
        if ($Setting.Sandbox) {
            # The usual NuGet package folder, so the build restores nothing into the new home.
            $environment += @{
                HOME            = (New-Item -ItemType Directory (Join-Path $TestDrive 'home') -Force).FullName
                XDG_DATA_HOME   = $null
                XDG_CONFIG_HOME = $null
                PSModulePath    = $null
                NUGET_PACKAGES  = $env:NUGET_PACKAGES ?? (Join-Path $HOME '.nuget/packages')
            }
        }

        $folder = (New-Item -ItemType Directory (Join-Path $TestDrive "example-$Line") -Force).FullName
        if ($Language -eq 'bash') {
            if (-not (Get-Command bash -ErrorAction Ignore)) {
                Set-ItResult -Skipped -Because 'bash is not installed here'
                return
            }
            $run = Invoke-TestProcess -FilePath bash -ArgumentList '-c', $Text -Environment $environment
        }
        elseif ($Language -ne 'powershell') {
            throw "No runner for $Language examples."
        }
        elseif ($Text -match '(?m)^Describe\s') {
            # A Pester file: saved beside the scripts it dot-sources, and run by Invoke-Pester.
            foreach ($name in $Companions.Keys) {
                Set-Content -LiteralPath (Join-Path $folder $name) -Value $Companions[$name]
            }
            $file = Join-Path $folder ($Setting.FileName ?? 'Example.Tests.ps1')
            Set-Content -LiteralPath $file -Value $Text
            $run = Invoke-NewPwsh -Environment $environment -ArgumentList '-Command', @"
Import-Module '$((Get-Module Pester).Path)'
`$result = Invoke-Pester -Path '$file' -PassThru -Output Detailed
exit (`$result.Result -eq 'Passed' -and `$result.PassedCount -gt 0 ? 0 : 1)
"@
        }
        else {
            $script = Join-Path $folder 'example.ps1'
            Set-Content -LiteralPath $script -Value ("`$ErrorActionPreference = 'Stop'", $contexts[$Context], $Setting.Also, $Text, $Setting.Then -join "`n")
            $run = Invoke-NewPwsh -Environment $environment -ArgumentList '-File', $script -WorkingDirectory ($Setting.InFolder ? $folder : $RepoRoot)
        }

        $run.ExitCode | Should -Be 0 -Because $run.Output
        foreach ($expected in $Setting.Expect) {
            $run.Output | Should -BeLike "*$expected*"
        }
    }
}
