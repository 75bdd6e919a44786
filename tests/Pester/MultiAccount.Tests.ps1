# Several accounts in one session (Litmind's multi-user sessions): an agency and its models, and
# a production company working with the agency in a session of its own.
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

Describe 'An agency session with its models' {
    BeforeAll {
        Reset-TestEmulator

        # The agency logs in, then its two models join the agency's session.
        $agency = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
        $null = Connect-Litmind -Credential (New-DemoCredential 'ava-north') -Session $agency
        $null = Connect-Litmind -Credential (New-DemoCredential 'liam-north') -Session $agency
    }

    It 'holds every account in one session' {
        Get-LitmindSession | Should -HaveCount 1
        $agency.Accounts | Should -HaveCount 3
        $agency.UserName | Should -Be 'northstar-agency'
    }

    It 'lists the accounts in login order' {
        $accounts = Get-LitmindAccount

        $accounts.Username | Should -Be @('northstar-agency', 'ava-north', 'liam-north')
        $accounts.Id | Should -Be @(240001, 240101, 240102)
        $accounts | Where-Object TypeTitle -EQ 'Model' | Should -HaveCount 2
    }

    It 'acts as <UserName> with -UserId' -TestCases @(
        @{ UserName = 'northstar-agency'; Id = 240001; Castings = @(501, 502, 504) }
        @{ UserName = 'ava-north'; Id = 240101; Castings = @(501, 502) }
        @{ UserName = 'liam-north'; Id = 240102; Castings = @(501, 504) }
    ) {
        # Each account sees the castings it, or one of its models, is a candidate in.
        (Invoke-LitmindRequest 'castings' -UserId $Id).items.id | Should -Be $Castings
    }

    It 'acts as the primary account without -UserId' {
        (Invoke-LitmindRequest 'castings').items.id | Should -Be @(501, 502, 504)
    }

    It 'calls once per account piped from Get-LitmindAccount' {
        $notifications = Get-LitmindAccount | ForEach-Object {
            [pscustomobject]@{ Account = $_.Username; Unread = (Invoke-LitmindRequest 'account/status/notifications' -UserId $_.Id).unreadCount }
        }

        $notifications | Should -HaveCount 3
        $notifications.Account | Should -Be @('northstar-agency', 'ava-north', 'liam-north')
        $notifications | ForEach-Object { $_.Unread | Should -BeOfType [long] }
    }

    It 'binds piped accounts to -Account and acts as each' {
        $lists = Get-LitmindAccount | Where-Object TypeTitle -EQ 'Model' | Invoke-LitmindRequest 'castings'

        $lists | Should -HaveCount 2
        $lists[0].items.id | Should -Be @(501, 502)
        $lists[1].items.id | Should -Be @(501, 504)
    }
}

Describe 'A production company and an agency, each in its own session' {
    BeforeAll {
        Reset-TestEmulator
        $agency = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
        $production = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
    }

    It 'keeps the two sessions apart' {
        Get-LitmindSession | Should -HaveCount 2
        (Get-LitmindSession -Default).UserName | Should -Be 'imagine-production'
        (Get-LitmindAccount -Session $agency).Username | Should -Be 'northstar-agency'
    }

    It 'the agency proposes its model and the production company shortlists it' {
        $proposed = Invoke-LitmindRequest 'castings/503/candidates' -Method POST -Body @{ modelId = 240101 } -Session $agency
        $proposed.status | Should -Be 'Proposed'

        $shortlisted = Invoke-LitmindRequest 'castings/503/candidates/240101/shortlist' -Method POST -Session $production
        $shortlisted.status | Should -Be 'Shortlisted'
        (Invoke-LitmindRequest 'castings/503/candidates').items.username | Should -Be 'ava-north'
    }
}
