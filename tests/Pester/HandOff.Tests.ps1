# Handing a session to a job: Get-LitmindSession -HandOff, Start-Job with $using:, and what
# ConvertTo-Json, Export-Clixml and Format-List * show of a session and of a hand-off.
#
# Runs against the Litmind emulator: set LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT
# to a running one (or leave them unset to have TestHelpers.ps1 start one), and LITMIND_MODULE_MANIFEST
# to the Litmind.psd1 to test (unset: the installed module). See README.md.
#
# The tests need real jobs and the Microsoft.PowerShell.Utility cmdlets, so they run in pwsh (or
# Windows PowerShell); where those are missing (a bare SDK runspace) they are skipped.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $emulator = Start-TestEmulator
    Import-LitmindModule

    # What the job imports: the module under test, as this file imported it.
    $moduleToImport = if ($env:LITMIND_MODULE_MANIFEST) { $env:LITMIND_MODULE_MANIFEST } else { 'Litmind' }

    # Every form a secret takes in text: as is, and as the UTF-16 hex and base64 that serializers
    # write for a SecureString.
    function Get-SecretForm([string] $Secret) {
        $utf16 = [System.Text.Encoding]::Unicode.GetBytes($Secret)
        $Secret
        [System.BitConverter]::ToString($utf16).Replace('-', '')
        [System.Convert]::ToBase64String($utf16)
    }

    function Get-ServerSessionId {
        @(Invoke-EmulatorControl GET sessions)[-1].sessionId
    }
}

AfterAll {
    Get-LitmindSession | Disconnect-Litmind
    Stop-TestEmulator $emulator
}

Describe 'Handing a session to a job' {
    BeforeEach {
        Reset-TestEmulator
        $session = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
        $null = Connect-Litmind -Credential (New-DemoCredential 'ava-north') -Session $session
    }

    It 'shows the session id of a session to no serializer or list' -Skip:(-not (Get-Command ConvertTo-Json -ErrorAction Ignore)) {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "litmind-session-$([guid]::NewGuid()).xml"
        try {
            $session | Export-Clixml -Path $file
            $text = @(
                $session | ConvertTo-Json -Depth 5
                $session | Format-List * | Out-String
                Get-Content -Raw -Path $file
            ) -join "`n"
        }
        finally { Remove-Item -Path $file -ErrorAction Ignore }

        foreach ($form in Get-SecretForm (Get-ServerSessionId)) { $text | Should -Not -Match ([regex]::Escape($form)) }
        foreach ($form in Get-SecretForm $env:LITMIND_API_KEY) { $text | Should -Not -Match ([regex]::Escape($form)) }
    }

    It 'keeps the secrets of a hand-off in SecureStrings that ConvertTo-Json and Format-List * do not show' -Skip:(-not (Get-Command ConvertTo-Json -ErrorAction Ignore)) {
        $handOff = Get-LitmindSession -Default -HandOff

        $handOff.SessionId | Should -BeOfType [securestring]
        $handOff.ApiKey | Should -BeOfType [securestring]
        $text = @(
            $handOff | ConvertTo-Json -Depth 5
            $handOff | Format-List * | Out-String
            $handOff | Out-String
        ) -join "`n"
        foreach ($form in Get-SecretForm (Get-ServerSessionId)) { $text | Should -Not -Match ([regex]::Escape($form)) }
        foreach ($form in Get-SecretForm $env:LITMIND_API_KEY) { $text | Should -Not -Match ([regex]::Escape($form)) }
    }

    It 'works in a job that has no API key of its own, and stays out of its sessions' -Skip:(-not (Get-Command ConvertTo-Json -ErrorAction Ignore)) {
        $handOff = $session | Get-LitmindSession -HandOff

        $job = Start-Job {
            $env:LITMIND_API_KEY = $null
            Import-Module $using:moduleToImport
            (Invoke-LitmindRequest 'account/status/notifications' -Session $using:handOff -UserId 240101).entity
            (Get-LitmindAccount -Session $using:handOff).Username
            @(Get-LitmindSession).Count
        }
        $output = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force

        $output | Should -Be @('Notifications', 'northstar-agency', 'ava-north', 0)
    }

    It 'cannot use the session itself in a job, and says to hand it off' -Skip:(-not (Get-Command ConvertTo-Json -ErrorAction Ignore)) {
        $job = Start-Job {
            Import-Module $using:moduleToImport
            try { Invoke-LitmindRequest 'session/list' -Session $using:session -ErrorAction Stop }
            catch { $_.Exception.Message }
        }
        $output = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force

        $output | Should -Match 'Get-LitmindSession -HandOff'
    }
}
