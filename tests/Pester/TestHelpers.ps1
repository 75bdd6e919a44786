# Shared setup of the Litmind Pester suite: dot-source it in a file's BeforeAll.
#
# The suite tests scripts that use the Litmind module against the Litmind emulator
# (src/Litmind.Emulator), never the real service. It reads these environment variables:
#
#   LITMIND_BASE_URI         the emulator's API root, e.g. http://127.0.0.1:5080/api/v1/
#   LITMIND_API_KEY          its API key (Connect-Litmind reads both variables by itself)
#   LITMIND_EMULATOR_ROOT    the emulator's root, e.g. http://127.0.0.1:5080/, for its /_emulator/ controls
#   LITMIND_MODULE_MANIFEST  the Litmind.psd1 to test; when unset, the installed Litmind module is imported
#
# CI starts the emulator once and sets them (build.ps1 -Task Test does; the test project's runner
# does so for each file). When LITMIND_BASE_URI is unset, Start-TestEmulator starts the built
# emulator for the file and Stop-TestEmulator stops it.

# Windows PowerShell loads HttpClient's assembly only on demand; PowerShell 7 always has it.
if ($PSVersionTable.PSEdition -eq 'Desktop') { Add-Type -AssemblyName System.Net.Http }

# The emulator's demo accounts (docs/emulator.md) and the key it accepts unless told otherwise.
$LitmindDemoPasswords = @{
    'imagine-production' = 'Dq4juHcnJBw8'
    'northstar-agency'   = 'N0rthStar!2026'
    'ava-north'          = 'Ava#Runway1'
    'liam-north'         = 'Liam#Runway2'
}
$LitmindDemoApiKey = 'litmind-demo-5f3c9a1e7b2d4c6a8e0f1b3d5a7c9e2f'

function Import-LitmindModule {
    if ($env:LITMIND_MODULE_MANIFEST) { Import-Module $env:LITMIND_MODULE_MANIFEST }
    else { Import-Module Litmind }
}

function New-DemoCredential([Parameter(Mandatory)] [string] $UserName, [string] $Password = $LitmindDemoPasswords[$UserName]) {
    # ConvertTo-SecureString is not everywhere PowerShell runs; NetworkCredential makes the SecureString.
    [pscredential]::new($UserName, [System.Net.NetworkCredential]::new('', $Password).SecurePassword)
}

# Calls one of the emulator's test controls, e.g. 'POST' 'expire' or 'POST' 'reset' (they need no
# API key), and returns the JSON text it answers.
function Invoke-EmulatorControl {
    param(
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Body)

    $client = [System.Net.Http.HttpClient]::new()
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), [uri]::new([uri]$env:LITMIND_EMULATOR_ROOT, "_emulator/$Path"))
        if ($Body) { $request.Content = [System.Net.Http.StringContent]::new($Body, [System.Text.Encoding]::UTF8, 'application/json') }
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) { throw "Emulator control $Method $Path answered $([int]$response.StatusCode): $text" }
        $text
    }
    finally { $client.Dispose() }
}

# Puts the emulator's seed data back (accounts, notifications, castings; no sessions) and forgets
# this runspace's Litmind sessions, whose server side the reset ended.
function Reset-TestEmulator {
    $null = Invoke-EmulatorControl POST reset
    Get-LitmindSession | Disconnect-Litmind
}

# Starts an emulator for this file when none is configured, and points the LITMIND_* variables at
# it; returns the process to give to Stop-TestEmulator (nothing when one was already configured).
function Start-TestEmulator {
    if ($env:LITMIND_BASE_URI) { return }

    # The emulator as built (dotnet build src/Litmind.Emulator), the newest build if there are
    # several: one process, which a Kill ends (dotnet run would start a second one).
    $bin = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'src', 'Litmind.Emulator', 'bin')
    $dll = $null
    if ([System.IO.Directory]::Exists($bin)) {
        foreach ($candidate in [System.IO.Directory]::GetFiles($bin, 'Litmind.Emulator.dll', [System.IO.SearchOption]::AllDirectories)) {
            if ($null -eq $dll -or [System.IO.File]::GetLastWriteTimeUtc($candidate) -gt [System.IO.File]::GetLastWriteTimeUtc($dll)) { $dll = $candidate }
        }
    }

    if ($null -eq $dll) {
        throw "No Litmind emulator is configured (LITMIND_BASE_URI) and none is built under $bin; run 'dotnet build src/Litmind.Emulator'."
    }

    # Port 0: the system picks a free port, and the start-up banner says which (no port to race for).
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet', "`"$dll`" --urls http://127.0.0.1:0")
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $root = $null
    $deadline = [datetime]::UtcNow.AddSeconds(30)
    while ($null -eq $root) {
        $read = $process.StandardOutput.ReadLineAsync()
        $remaining = [int] [Math]::Max(0, ($deadline - [datetime]::UtcNow).TotalMilliseconds)
        if (-not $read.Wait($remaining) -or $null -eq $read.Result) {
            Stop-TestEmulator $process
            throw "The Litmind emulator did not start: dotnet $dll"
        }

        if ($read.Result -match '^\s*Base URI\s*:\s*(\S+)api/v1/') { $root = $Matches[1] }
    }

    # Read and dropped from here on, so that its output can never fill the pipe and stall it.
    $null = $process.StandardOutput.ReadToEndAsync()
    $env:LITMIND_EMULATOR_ROOT = $root
    $env:LITMIND_BASE_URI = "${root}api/v1/"
    $env:LITMIND_API_KEY = $LitmindDemoApiKey
    $process
}

function Stop-TestEmulator([System.Diagnostics.Process] $Process) {
    if ($null -eq $Process) { return }
    if (-not $Process.HasExited) { $Process.Kill() }
    $Process.Dispose()
    $env:LITMIND_BASE_URI = $null
    $env:LITMIND_API_KEY = $null
    $env:LITMIND_EMULATOR_ROOT = $null
}
