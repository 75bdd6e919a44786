# Session expiry: a session that expires on the server is logged in again by itself, unless it was
# connected with -NoReconnect. The test expires sessions through the emulator's controls.
#
# Runs against the Litmind emulator: set LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT
# to a running one (or leave them unset to have TestHelpers.ps1 start one), and LITMIND_MODULE_MANIFEST
# to the Litmind.psd1 to test (unset: the installed module). See README.md.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $emulator = Start-TestEmulator
    Import-LitmindModule
}

AfterAll {
    Get-LitmindSession | Disconnect-Litmind
    Stop-TestEmulator $emulator
}

Describe 'An expired session' {
    BeforeEach {
        Reset-TestEmulator
    }

    Context 'connected with its credentials kept (the default)' {
        It 'is logged in again when the server answers <Status>' -TestCases @(
            @{ Status = 401 }
            @{ Status = 403 }
            @{ Status = 419 }
        ) {
            $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
            (Invoke-EmulatorControl POST "expire?status=$Status").expired | Should -Be 1

            (Invoke-LitmindRequest 'account/status/notifications').entity | Should -Be 'Notifications'
            $session.ReconnectCount | Should -Be 1
            $session.LastStatusCode | Should -Be 200
        }

        It 'logs every account in again' {
            $session = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
            $null = Connect-Litmind -Credential (New-DemoCredential 'ava-north') -Session $session
            $null = Invoke-EmulatorControl POST expire

            (Invoke-LitmindRequest 'castings' -UserId 240101).items.id | Should -Be @(501, 502)
            (Get-LitmindAccount).Id | Should -Be @(240001, 240101)
        }
    }

    Context 'connected with -NoReconnect' {
        BeforeEach {
            $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production') -NoReconnect
            $null = Invoke-EmulatorControl POST expire
        }

        It 'holds no credentials' {
            $session.CanReconnect | Should -BeFalse
        }

        It 'fails with Litmind.SessionExpired' {
            { Invoke-LitmindRequest 'session/list' -ErrorAction Stop } |
                Should -Throw -ErrorId 'Litmind.SessionExpired,*' -ExpectedMessage '*Run Connect-Litmind again*'
            $session.ReconnectCount | Should -Be 0
        }

        It 'works again after Connect-Litmind' {
            $null = Connect-Litmind -Credential (New-DemoCredential 'imagine-production') -NoReconnect

            (Invoke-LitmindRequest 'session/list').accounts.username | Should -Be 'imagine-production'
        }
    }
}
