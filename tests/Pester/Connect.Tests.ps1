# Connecting to Litmind: the session object, the default session and disconnecting.
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

Describe 'Connect-Litmind' {
    BeforeEach {
        Reset-TestEmulator
    }

    It 'takes the base URI and the API key from the environment' {
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')

        $session.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $env:LITMIND_BASE_URI.TrimEnd('/')
        $session.IsConnected | Should -BeTrue
    }

    It 'returns the session of the account it logged in' {
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')

        $session | Should -BeOfType [Litmind.PowerShell.Sessions.LitmindSession]
        $session.UserName | Should -BeExactly 'imagine-production'
        $session.UserId | Should -Be 138829
        $session.Accounts | Should -HaveCount 1
        $session.Accounts[0].TypeTitle | Should -Be 'Production company'
        $session.CanReconnect | Should -BeTrue
    }

    It 'logs in as <Login>' -TestCases @(
        @{ Login = 'imagine-production' }
        @{ Login = 'IMAGINE-PRODUCTION' }
        @{ Login = 'production@imagine.example' }
    ) {
        $session = Connect-Litmind -Credential (New-DemoCredential $Login -Password 'Dq4juHcnJBw8')

        $session.UserName | Should -BeExactly 'imagine-production'
    }

    It 'makes the latest session the default one' {
        $production = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
        $agency = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')

        Get-LitmindSession | Should -HaveCount 2
        (Get-LitmindSession -Default).Handle | Should -Be $agency.Handle
        (Get-LitmindSession | Where-Object IsDefault).UserName | Should -Be 'northstar-agency'
        (Invoke-LitmindRequest 'session/list').accounts.username | Should -Be 'northstar-agency'
        (Invoke-LitmindRequest 'session/list' -Session $production).accounts.username | Should -Be 'imagine-production'
    }

    It 'never shows the whole session id' {
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')

        $session.SessionIdHint.Length | Should -BeLessThan 10
        $session.ToString() | Should -Match '^Litmind session imagine-production \['
    }

    It 'connects to the real Litmind service' -Skip {
        # A smoke test against production, kept for manual runs: it needs a real account and key.
        $session = Connect-Litmind -Credential (Get-Credential) -BaseUri 'https://litmind.com/api/v1'
        $session.IsConnected | Should -BeTrue
    }
}

Describe 'Disconnect-Litmind' {
    BeforeAll {
        Reset-TestEmulator
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
        Disconnect-Litmind
    }

    It 'forgets the default session' {
        Get-LitmindSession | Should -BeNullOrEmpty
    }

    It 'clears what the session held' {
        $session.IsConnected | Should -BeFalse
        $session.SessionIdHint | Should -BeNullOrEmpty
        $session.CanReconnect | Should -BeFalse
    }
}
