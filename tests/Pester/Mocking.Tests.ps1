# Pester's Mock on the module's cmdlets: a user's own script or module, tested with
# Invoke-LitmindRequest mocked, calls the mock and never the server.
#
# Runs against the Litmind emulator only to show that nothing reaches it: set LITMIND_BASE_URI,
# LITMIND_API_KEY and LITMIND_EMULATOR_ROOT to a running one (or leave them unset to have
# TestHelpers.ps1 start one), and LITMIND_MODULE_MANIFEST to the Litmind.psd1 to test (unset: the
# installed module). See README.md.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $emulator = Start-TestEmulator
    Import-LitmindModule
    Reset-TestEmulator

    # A user's script: the unread notifications of each account of the default session.
    function Get-UnreadByAccount {
        foreach ($account in Get-LitmindAccount) {
            $notifications = Invoke-LitmindRequest 'account/status/notifications' -UserId $account.Id
            [pscustomobject]@{ Account = $account.Username; Unread = $notifications.unreadCount }
        }
    }
}

AfterAll {
    Stop-TestEmulator $emulator
}

Describe 'Mock Invoke-LitmindRequest in a script''s tests' {
    BeforeAll {
        Mock Get-LitmindAccount {
            [pscustomobject]@{ Id = 240001; Username = 'northstar-agency' }
            [pscustomobject]@{ Id = 240101; Username = 'ava-north' }
        }
        Mock Invoke-LitmindRequest { [pscustomobject]@{ unreadCount = 2 } }
        Mock Invoke-LitmindRequest { [pscustomobject]@{ unreadCount = 5 } } -ParameterFilter { $UserId -eq 240101 }

        $requestsBefore = (Invoke-EmulatorControl GET counters).requests
        $unread = Get-UnreadByAccount
    }

    It 'gives the script what the mocks return' {
        $unread.Account | Should -Be @('northstar-agency', 'ava-north')
        $unread.Unread | Should -Be @(2, 5)
    }

    It 'records the calls for Should -Invoke, with their bound parameters' {
        # The calls were made in the BeforeAll, hence -Scope Describe rather than the It.
        Should -Invoke Invoke-LitmindRequest -Scope Describe -Times 2 -Exactly
        Should -Invoke Invoke-LitmindRequest -Scope Describe -Times 1 -Exactly -ParameterFilter {
            $Path -eq 'account/status/notifications' -and $UserId -eq 240101
        }
    }

    It 'sends nothing to the server' {
        (Invoke-EmulatorControl GET counters).requests | Should -Be $requestsBefore
    }
}

Describe 'Mock -ModuleName for a module of the user''s that calls the cmdlets' {
    BeforeAll {
        New-Module -Name UserCastings -ScriptBlock {
            function Get-OpenCastingTitle {
                (Invoke-LitmindRequest 'castings').items | Where-Object status -EQ 'Open' | ForEach-Object title
            }
        } | Import-Module

        Mock Invoke-LitmindRequest -ModuleName UserCastings {
            [pscustomobject]@{
                items = @(
                    [pscustomobject]@{ title = 'Lookbook'; status = 'Open' }
                    [pscustomobject]@{ title = 'TV spot'; status = 'Closed' }
                )
            }
        }
    }

    AfterAll {
        Remove-Module UserCastings
    }

    It 'replaces the cmdlet inside that module' {
        Get-OpenCastingTitle | Should -Be 'Lookbook'
        Should -Invoke Invoke-LitmindRequest -ModuleName UserCastings -Times 1 -Exactly -ParameterFilter { $Path -eq 'castings' }
    }
}
