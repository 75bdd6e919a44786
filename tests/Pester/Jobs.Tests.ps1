# A session handed to other runspaces: a job (a child process, which gets a hand-off of the
# session, deserialized), a thread job and ForEach-Object -Parallel (new runspaces in this process, which
# get the session object itself). None of them has a default session of its own.
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
    Get-Job | Remove-Job -Force
    Stop-TestEmulator $emulator
}

Describe 'A session handed off to Start-Job' {
    BeforeAll {
        Reset-TestEmulator
        $session = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
        $null = Connect-Litmind -Credential (New-DemoCredential 'ava-north') -Session $session
        $handOff = $session | Get-LitmindSession -HandOff

        # The job's pwsh loads Litmind by name from PSModulePath; the hand-off brings the session
        # id and the API key.
        $job = Start-Job {
            $handed = $using:handOff
            [pscustomobject]@{
                ProcessId     = $PID
                TypeName      = $handed.PSObject.TypeNames[0]
                DefaultBefore = @(Get-LitmindSession).Count
                Castings      = (Invoke-LitmindRequest 'castings' -Session $handed -UserId 240101).items.id
                Accounts      = (Get-LitmindAccount -Session $handed).Username
            }
        }
        $answer = $job | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors -ErrorAction SilentlyContinue
    }

    It 'runs in another process, with the hand-off deserialized' {
        $jobErrors | Should -BeNullOrEmpty
        $answer.ProcessId | Should -Not -Be $PID
        $answer.TypeName | Should -Be 'Deserialized.Litmind.PowerShell.Sessions.LitmindSessionHandOff'
    }

    It 'has no default session there' {
        $answer.DefaultBefore | Should -Be 0
    }

    It 'calls as the session''s accounts without logging in again' {
        $answer.Castings | Should -Be @(501, 502)
        $answer.Accounts | Should -Be @('northstar-agency', 'ava-north')
        (Invoke-EmulatorControl GET counters).logins | Should -Be 2
    }

    It 'cannot log in again when the session expired, and says so' {
        $null = Invoke-EmulatorControl POST expire

        Start-Job { Invoke-LitmindRequest 'session/list' -Session $using:handOff } |
            Receive-Job -Wait -AutoRemoveJob -ErrorVariable expired -ErrorAction SilentlyContinue

        $expired | Should -HaveCount 1
        $expired[0].FullyQualifiedErrorId | Should -BeLike 'Litmind.SessionExpired,*'
        "$($expired[0])" | Should -BeLike '*rebuilt from a hand-off*'
        (Invoke-EmulatorControl GET counters).logins | Should -Be 2
    }
}

Describe 'A session handed to Start-ThreadJob' {
    BeforeAll {
        Reset-TestEmulator
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
    }

    It 'is the same session object, which logs in again after expiry for everyone' {
        $null = Invoke-EmulatorControl POST expire

        $answer = Start-ThreadJob {
            $handed = $using:session
            [pscustomobject]@{
                TypeName      = $handed.GetType().FullName
                DefaultBefore = @(Get-LitmindSession).Count
                Entity        = (Invoke-LitmindRequest 'account/status/notifications' -Session $handed).entity
            }
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop

        $answer.TypeName | Should -Be 'Litmind.PowerShell.Sessions.LitmindSession'
        $answer.DefaultBefore | Should -Be 0
        $answer.Entity | Should -Be 'Notifications'
        $session.ReconnectCount | Should -Be 1
        (Invoke-LitmindRequest 'session/list').accounts.username | Should -Be 'imagine-production'
    }
}

Describe 'A session passed to ForEach-Object -Parallel with $using:' {
    BeforeAll {
        Reset-TestEmulator
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
    }

    It 'serves every thread' {
        $lists = 501..505 | ForEach-Object -ThrottleLimit 4 -Parallel {
            [pscustomobject]@{
                Casting       = $_
                DefaultBefore = @(Get-LitmindSession).Count
                Candidates    = Invoke-LitmindRequest "castings/$_/candidates" -Session $using:session -ErrorAction Stop
            }
        } | Sort-Object Casting

        $lists.Casting | Should -Be @(501, 502, 503, 504, 505)
        $lists.DefaultBefore | Should -Be @(0, 0, 0, 0, 0)
        $lists.Candidates.entity | Should -Be (@('CandidateList') * 5)
        ($lists | Where-Object Casting -EQ 501).Candidates.items.username | Should -Be @('ava-north', 'liam-north', 'model-004')
        (Invoke-EmulatorControl GET counters).logins | Should -Be 1
    }
}
