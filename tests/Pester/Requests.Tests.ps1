# Invoke-LitmindRequest: what a script gets back, query strings and bodies.
#
# Runs against the Litmind emulator: set LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT
# to a running one (or leave them unset to have TestHelpers.ps1 start one), and LITMIND_MODULE_MANIFEST
# to the Litmind.psd1 to test (unset: the installed module). See README.md.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $emulator = Start-TestEmulator
    Import-LitmindModule
    Reset-TestEmulator
}

AfterAll {
    Get-LitmindSession | Disconnect-Litmind
    Stop-TestEmulator $emulator
}

Describe 'Invoke-LitmindRequest' {
    BeforeAll {
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
    }

    Context 'reading' {
        It 'returns objects typed after the answer''s entity' {
            $notifications = Invoke-LitmindRequest 'account/status/notifications'

            $notifications.PSObject.TypeNames[0] | Should -Be 'Litmind.Notifications'
            $notifications.items[0].PSObject.TypeNames[0] | Should -Be 'Litmind.Notification'
            $notifications.isSuccess | Should -BeTrue
        }

        It 'returns JSON numbers as Int64 and booleans as Boolean' {
            $notifications = Invoke-LitmindRequest 'account/status/notifications'

            $notifications.unreadCount | Should -BeOfType [long]
            $notifications.items[0].isRead | Should -BeOfType [bool]
        }

        It 'writes a top-level array one element at a time' {
            $models = Invoke-LitmindRequest 'models/featured'

            $models | Should -HaveCount 5
            $models | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -Be (@('Litmind.Model') * 5)
        }

        It 'pages with -Query: page <Page> of <PageSize> starts at <First>' -TestCases @(
            @{ Page = 1; PageSize = 50; Count = 50; First = 'model-001' }
            @{ Page = 3; PageSize = 50; Count = 20; First = 'model-101' }
            @{ Page = 2; PageSize = 100; Count = 20; First = 'model-101' }
        ) {
            $list = Invoke-LitmindRequest 'models' -Query @{ page = $Page; pageSize = $PageSize }

            $list.totalCount | Should -Be 120
            $list.items | Should -HaveCount $Count
            $list.items[0].username | Should -Be $First
        }

        It 'gives no items past the last page' {
            (Invoke-LitmindRequest 'models' -Query @{ page = 9; pageSize = 50 }).items | Should -BeNullOrEmpty
        }

        It 'returns the body as text with -Raw' {
            $text = Invoke-LitmindRequest 'models/300001' -Raw

            $text | Should -BeOfType [string]
            $text | Should -Match '"username":\s*"model-001"'
        }
    }

    Context 'writing' {
        It 'marks a notification read' {
            $before = Invoke-LitmindRequest 'account/status/notifications'
            $unread = @($before.items | Where-Object { -not $_.isRead })[0]

            $read = Invoke-LitmindRequest "account/status/notifications/$($unread.id)/read" -Method POST

            $read.isRead | Should -BeTrue
            (Invoke-LitmindRequest 'account/status/notifications').unreadCount | Should -Be ($before.unreadCount - 1)
        }

        It 'sends a hashtable body <As>' -TestCases @(
            @{ As = 'as a form'; ContentType = $null; ModelId = 240101 }
            @{ As = 'as JSON with -ContentType'; ContentType = 'application/json'; ModelId = 240102 }
        ) {
            $agency = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
            $request = @{ Path = 'castings/503/candidates'; Method = 'POST'; Body = @{ modelId = $ModelId }; Session = $agency }
            if ($ContentType) { $request.ContentType = $ContentType }

            $candidate = Invoke-LitmindRequest @request

            $candidate.PSObject.TypeNames[0] | Should -Be 'Litmind.Candidate'
            $candidate.modelId | Should -Be $ModelId
            $candidate.status | Should -Be 'Proposed'
        }
    }
}
