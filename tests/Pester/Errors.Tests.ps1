# Errors a script can rely on: each failure has a stable ErrorId and category.
#
# Runs against the Litmind emulator: set LITMIND_BASE_URI, LITMIND_API_KEY and LITMIND_EMULATOR_ROOT
# to a running one (or leave them unset to have TestHelpers.ps1 start one), and LITMIND_MODULE_MANIFEST
# to the Litmind.psd1 to test (unset: the installed module). See README.md.
#
# Pester 5 matches -ErrorId against the whole FullyQualifiedErrorId with -like, and that is
# '<ErrorId>,<cmdlet type>': hence the ',*'. Should -Throw sees terminating errors only, so calls
# whose failures are non-terminating (Invoke-LitmindRequest's HTTP errors) use -ErrorAction Stop.

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

Describe 'Before connecting' {
    It 'a call says to connect first' {
        { Invoke-LitmindRequest 'session/list' } |
            Should -Throw -ErrorId 'Litmind.NotConnected,*' -ExpectedMessage '*Connect-Litmind*'
    }

    It 'a wrong password fails the login' {
        { Connect-Litmind -Credential (New-DemoCredential 'imagine-production' -Password 'not-the-password') } |
            Should -Throw -ErrorId 'Litmind.LoginFailed,*' -ExpectedMessage '*Wrong username or password*'
        Get-LitmindSession | Should -BeNullOrEmpty
    }

    Context 'without an API key' {
        BeforeEach {
            $savedKey = $env:LITMIND_API_KEY
            $env:LITMIND_API_KEY = $null
        }

        AfterEach {
            $env:LITMIND_API_KEY = $savedKey
        }

        It 'Connect-Litmind says where the key comes from' {
            { Connect-Litmind -Credential (New-DemoCredential 'imagine-production') } |
                Should -Throw -ErrorId 'Litmind.MissingApiKey,*' -ExpectedMessage '*LITMIND_API_KEY*'
        }
    }
}

Describe 'Invoke-LitmindRequest errors' {
    BeforeAll {
        $session = Connect-Litmind -Credential (New-DemoCredential 'imagine-production')
    }

    It 'an HTTP error is a Litmind.HttpError' {
        { Invoke-LitmindRequest 'models/999' -ErrorAction Stop } |
            Should -Throw -ErrorId 'Litmind.HttpError,*' -ExpectedMessage '*HTTP 404*Model 999 not found*'
    }

    It 'answers <Call> with HTTP <Status> (<Category>)' -TestCases @(
        @{ Call = 'an unknown model'; Request = @{ Path = 'models/999' }; Status = 404; Category = 'ObjectNotFound' }
        @{ Call = 'page 0'; Request = @{ Path = 'castings'; Query = @{ page = 0 } }; Status = 400; Category = 'InvalidArgument' }
        @{ Call = 'a proposal by a production company'; Request = @{ Path = 'castings/501/candidates'; Method = 'POST'; Body = @{ modelId = 240101 } }; Status = 403; Category = 'PermissionDenied' }
    ) {
        Invoke-LitmindRequest @Request -StatusCodeVariable answered -ErrorVariable failures -ErrorAction SilentlyContinue

        $answered | Should -Be $Status
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Match '^Litmind\.HttpError,'
        $failures[0].CategoryInfo.Category | Should -Be $Category
    }

    It 'an account that is not in the session is refused before any call' {
        { Invoke-LitmindRequest 'session/list' -UserId 240101 -ErrorAction Stop } |
            Should -Throw -ErrorId 'Litmind.UnknownAccount,*' -ExpectedMessage '*240101*Connect-Litmind -Session*'
    }

    It 'a disconnected session is refused' {
        $other = Connect-Litmind -Credential (New-DemoCredential 'northstar-agency')
        Disconnect-Litmind -Session $other

        { Invoke-LitmindRequest 'session/list' -Session $other } |
            Should -Throw -ErrorId 'Litmind.NotConnected,*' -ExpectedMessage '*disconnected*'
    }
}
