# Shared setup of the Litmind Pester suite: dot-source it in a file's BeforeAll.
#
# The suite tests the Litmind module, and scripts that use it, against the Litmind emulator
# (src/Litmind.Emulator), never the real service. It reads these environment variables:
#
#   LITMIND_BASE_URI         the emulator's API root, e.g. http://127.0.0.1:5080/api/v1/
#   LITMIND_API_KEY          its API key (Connect-Litmind reads both variables by itself)
#   LITMIND_EMULATOR_ROOT    the emulator's root, e.g. http://127.0.0.1:5080/, for its /_emulator/ controls
#   LITMIND_MODULE_MANIFEST  the Litmind.psd1 to test; when unset, the installed Litmind module is imported
#
# build.ps1 -Task Test starts one emulator and sets them. When LITMIND_BASE_URI is unset,
# Start-TestEmulator starts the built emulator for the file and Stop-TestEmulator stops it.

Import-Module (Join-Path $PSScriptRoot 'LitmindEmulator.psm1')

$RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

# The emulator's demo accounts (docs/emulator.md): Litmind's, then LivePerson's, the token API's
# and Hypernative's users.
$LitmindDemoPasswords = @{
    'imagine-production'          = 'Dq4juHcnJBw8'
    'northstar-agency'            = 'N0rthStar!2026'
    'ava-north'                   = 'Ava#Runway1'
    'liam-north'                  = 'Liam#Runway2'
    'lp-admin'                    = 'LpAdmin#2026'
    'lp-agent'                    = 'LpAgent#2026'
    'foo@bar.com'                 = 'foobar'
    'ops@railstoken.example'      = 'Rails#Ops2026'
    'analyst@hypernative.example' = 'Hn#Analyst2026'
    'admin@hypernative.example'   = 'Hn#Admin2026'
}

# The emulator's Hypernative API key (organization 1).
$LitmindDemoApiKey = @{ ClientId = 'hn-demo-client-7d544d72'; ClientSecret = 'hn-demo-secret-3f9a1c5e8b2d4a6f' }

# Imports the module under test. With LITMIND_MODULE_MANIFEST, its folder also goes on
# PSModulePath, so that jobs, thread jobs and parallel runspaces load it by name, as they load an
# installed module.
function Import-LitmindModule {
    if (-not $env:LITMIND_MODULE_MANIFEST) {
        Import-Module Litmind
        return
    }

    # <root>/Litmind/<version>/Litmind.psd1: <root> is a module path.
    $root = Split-Path (Split-Path (Split-Path $env:LITMIND_MODULE_MANIFEST -Parent) -Parent) -Parent
    $paths = $env:PSModulePath -split [System.IO.Path]::PathSeparator
    if ($paths -notcontains $root) {
        $env:PSModulePath = $root + [System.IO.Path]::PathSeparator + $env:PSModulePath
    }
    Import-Module $env:LITMIND_MODULE_MANIFEST
}

function New-DemoCredential([Parameter(Mandatory)] [string] $UserName, [string] $Password = $LitmindDemoPasswords[$UserName]) {
    [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
}

# Calls one of the emulator's test controls, e.g. POST expire or POST reset (they need no API
# key), and returns its answer.
function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Body)

    $request = @{ Method = $Method; Uri = "$($env:LITMIND_EMULATOR_ROOT.TrimEnd('/'))/_emulator/$Path" }
    if ($Body) {
        $request.Body = $Body
        $request.ContentType = 'application/json'
    }
    Invoke-RestMethod @request
}

# Forgets this runspace's sessions (first, so that a service with a logout logs out of a server
# that still knows the session) and puts the emulator's seed data back (accounts, notifications,
# castings; no sessions), for every service it serves.
function Reset-TestEmulator {
    Get-LitmindSession | Disconnect-Litmind
    $null = Invoke-EmulatorControl POST reset
}

# Starts an emulator for this file when none is configured, and points the LITMIND_* variables at
# it; returns what to give to Stop-TestEmulator (nothing when one was already configured).
function Start-TestEmulator {
    if ($env:LITMIND_BASE_URI) {
        return
    }

    $emulator = Start-LitmindEmulator
    $emulator | Add-Member -NotePropertyName SavedEnvironment -NotePropertyValue (Set-ProcessEnvironment -Variables $emulator.Variables)
    $emulator
}

function Stop-TestEmulator([psobject] $Emulator) {
    if ($null -eq $Emulator) {
        return
    }

    Stop-LitmindEmulator -Emulator $Emulator
    $null = Set-ProcessEnvironment -Variables $Emulator.SavedEnvironment
}

# Runs a program with $Environment added to this process's environment, and returns its exit
# code and everything it printed, errors included, as plain text (NO_COLOR: no escape sequences in
# what the tests compare).
function Invoke-TestProcess {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [System.Collections.IDictionary] $Environment = @{},
        [string] $WorkingDirectory = $RepoRoot
    )

    $variables = [ordered]@{ NO_COLOR = '1' }
    if ($Environment) { $variables += $Environment }
    $saved = Set-ProcessEnvironment -Variables $variables
    Push-Location -LiteralPath $WorkingDirectory
    try {
        $output = & $FilePath @ArgumentList *>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join [System.Environment]::NewLine }
    }
    finally {
        Pop-Location
        $null = Set-ProcessEnvironment -Variables $saved
    }
}

# A new pwsh, as a user starts one: the same PowerShell as this one (also when it is the .NET
# tool), without a profile.
function Invoke-NewPwsh {
    param(
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [System.Collections.IDictionary] $Environment = @{},
        [string] $WorkingDirectory = $RepoRoot
    )

    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    Invoke-TestProcess -FilePath $pwsh -ArgumentList (@('-NoProfile', '-NonInteractive') + $ArgumentList) -Environment $Environment -WorkingDirectory $WorkingDirectory
}

# Environment variables for a process that runs dotnet build: no build servers, which would
# outlive the build holding the output pipe that Invoke-TestProcess reads.
$NoBuildServers = @{ MSBUILDDISABLENODEREUSE = '1'; DOTNET_CLI_USE_MSBUILD_SERVER = '0'; UseSharedCompilation = 'false' }
