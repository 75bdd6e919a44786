# Starts and stops the bundled Litmind emulator (src/Litmind.Emulator) as a process of its own:
# the one helper build.ps1 (Test, Demo) and the Pester suite share.

$RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

function Start-LitmindEmulator {
    <#
    .SYNOPSIS
        Starts the built emulator on a free loopback port and says where it listens.
    .DESCRIPTION
        Runs Litmind.Emulator.dll (the newest build of -Configuration, or of any configuration) as
        one process, which Stop-LitmindEmulator ends by killing it (dotnet run would start a second
        one). Port 0 lets the system pick a free port; the start-up banner says which.
    .OUTPUTS
        An object with Process, RootUri, BaseUri, ApiKey and Variables: the LITMIND_BASE_URI,
        LITMIND_API_KEY and LITMIND_EMULATOR_ROOT values that point a script at it.
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('Debug', 'Release')]
        [string] $Configuration,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 60
    )

    $bin = Join-Path $RepoRoot 'src/Litmind.Emulator/bin'
    if ($Configuration) {
        $bin = Join-Path $bin $Configuration
    }

    $dll = Get-ChildItem -Path $bin -Filter Litmind.Emulator.dll -Recurse -File -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending |
        Select-Object -First 1
    if (-not $dll) {
        throw "The Litmind emulator is not built under $bin; run 'dotnet build src/Litmind.Emulator'."
    }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet', "`"$($dll.FullName)`" --urls http://127.0.0.1:0")
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        # The banner, printed once Kestrel listens: "  Base URI : http://127.0.0.1:<port>/api/v1/"
        # and "  API key  : <key>".
        $baseUri = $null
        $apiKey = $null
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not ($baseUri -and $apiKey)) {
            $read = $process.StandardOutput.ReadLineAsync()
            $remaining = [Math]::Max(0, ($deadline - [datetime]::UtcNow).TotalMilliseconds)
            if (-not $read.Wait([int] $remaining)) {
                throw "The Litmind emulator did not start listening within $TimeoutSec seconds."
            }
            if ($null -eq $read.Result) {
                $process.WaitForExit()
                throw "The Litmind emulator exited with code $($process.ExitCode) before it was listening."
            }
            if ($read.Result -match '^\s*Base URI\s*:\s*(\S+)') {
                $baseUri = $Matches[1]
            }
            elseif ($read.Result -match '^\s*API key\s*:\s*(\S+)') {
                $apiKey = $Matches[1]
            }
        }

        # Read and dropped from here on, so that its output can never fill the pipe and stall it.
        $null = $process.StandardOutput.ReadToEndAsync()
    }
    catch {
        Stop-LitmindEmulator -Emulator ([pscustomobject]@{ Process = $process })
        throw
    }

    $rootUri = $baseUri -replace 'api/v1/$', ''
    [pscustomobject]@{
        PSTypeName = 'Litmind.EmulatorProcess'
        Process    = $process
        RootUri    = $rootUri
        BaseUri    = $baseUri
        ApiKey     = $apiKey
        Variables  = [ordered]@{
            LITMIND_BASE_URI      = $baseUri
            LITMIND_API_KEY       = $apiKey
            LITMIND_EMULATOR_ROOT = $rootUri
        }
    }
}

function Stop-LitmindEmulator {
    <#
    .SYNOPSIS
        Ends an emulator that Start-LitmindEmulator started.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $Emulator
    )

    process {
        $process = $Emulator.Process
        if ($null -eq $process) {
            return
        }

        if (-not $process.HasExited) {
            $process.Kill()
            $null = $process.WaitForExit(10000)
        }
        $process.Dispose()
    }
}

function Set-ProcessEnvironment {
    <#
    .SYNOPSIS
        Sets process environment variables ($null removes one) and returns their previous values,
        which, passed back to it, put things as they were.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [Parameter(Mandatory)]
        [System.Collections.IDictionary] $Variables
    )

    $previous = [ordered]@{}
    foreach ($name in $Variables.Keys) {
        $previous[$name] = [System.Environment]::GetEnvironmentVariable($name)
        if ($PSCmdlet.ShouldProcess($name, 'Set environment variable')) {
            [System.Environment]::SetEnvironmentVariable($name, $Variables[$name])
        }
    }
    $previous
}

Export-ModuleMember -Function Start-LitmindEmulator, Stop-LitmindEmulator, Set-ProcessEnvironment
