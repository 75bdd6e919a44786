# LivePerson, the Rails-style token API, Hypernative and a service of your own, through the same
# cmdlets in pwsh: Connect-Litmind -Service, logout on Disconnect-Litmind, renewal after the
# emulator expires a session, API keys, sessions of each service handed to a real Start-Job, and a
# definition file from disk. (Renewal ahead of a TTL or a JWT's exp is tested in xunit, where the
# test moves the clock of the emulator and the session instead of waiting.)
#
# Runs against the emulator, which serves all four services: set LITMIND_BASE_URI, LITMIND_API_KEY
# and LITMIND_EMULATOR_ROOT to a running one (or leave them unset to have TestHelpers.ps1 start
# one), and LITMIND_MODULE_MANIFEST to the Litmind.psd1 to test. See README.md.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $emulator = Start-TestEmulator
    Import-LitmindModule

    $root = $env:LITMIND_EMULATOR_ROOT.TrimEnd('/')
    $livePersonUri = "$root/liveperson/"
    $railsTokenUri = "$root/railstoken/api/v1/"
    $hypernativeUri = "$root/hypernative/"
    $skills = 'api/account/90412079/configuration/le-users/skills'
    $moduleToImport = if ($env:LITMIND_MODULE_MANIFEST) { $env:LITMIND_MODULE_MANIFEST } else { 'Litmind' }

    function Connect-LivePerson {
        Connect-Litmind -Service LivePerson -BaseUri $livePersonUri -AccountId 90412079 -Credential (New-DemoCredential 'lp-admin')
    }
}

AfterAll {
    Get-LitmindSession | Disconnect-Litmind
    Stop-TestEmulator $emulator
}

Describe 'LivePerson' {
    BeforeEach {
        Reset-TestEmulator
    }

    It 'logs in at the account, calls with the bearer, and logs out on Disconnect-Litmind' {
        $lp = Connect-LivePerson
        $lp.Service | Should -Be 'LivePerson'
        $lp.UserName | Should -Be 'lp-admin'

        (Invoke-LitmindRequest $skills -Session $lp).name | Should -Be 'Support', 'Billing'
        Disconnect-Litmind -Session $lp

        $counters = Invoke-EmulatorControl GET liveperson/counters
        $counters.logins | Should -Be 1
        $counters.logouts | Should -Be 1
        (Invoke-EmulatorControl GET liveperson/sessions)[0].isLoggedOut | Should -BeTrue
    }

    It 'is refreshed, else logged in again, when the server ends the session' {
        $lp = Connect-LivePerson
        $null = Invoke-EmulatorControl POST liveperson/expire

        (Invoke-LitmindRequest $skills -Session $lp).Count | Should -Be 2
        $lp.ReconnectCount | Should -Be 1
        (Invoke-EmulatorControl GET liveperson/counters).logins | Should -Be 2
    }

    It 'works in a job from its hand-off, without a new login' {
        $handOff = Connect-LivePerson | Get-LitmindSession -HandOff
        $names = Start-Job {
            Import-Module $using:moduleToImport
            (Invoke-LitmindRequest $using:skills -Session $using:handOff).name
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop

        $names | Should -Be 'Support', 'Billing'
        (Invoke-EmulatorControl GET liveperson/counters).logins | Should -Be 1
    }
}

Describe 'The token API' {
    BeforeEach {
        Reset-TestEmulator
    }

    It 'logs in with a form, calls with the JWT, and logs in once more after a 401' {
        $rails = Connect-Litmind -Service RailsToken -BaseUri $railsTokenUri -Credential (New-DemoCredential 'foo@bar.com')
        (Invoke-LitmindRequest me -Session $rails).email | Should -Be 'foo@bar.com'

        $null = Invoke-EmulatorControl POST railstoken/expire
        @(Invoke-LitmindRequest projects -Session $rails).Count | Should -Be 2
        (Invoke-EmulatorControl GET railstoken/counters).logins | Should -Be 2
    }

    It 'says Invalid credentials, as the server does, for a wrong password' {
        { Connect-Litmind -Service RailsToken -BaseUri $railsTokenUri -Credential (New-DemoCredential 'foo@bar.com' 'wrong') -ErrorAction Stop } |
            Should -Throw -ErrorId 'Litmind.LoginFailed,*' -ExpectedMessage '*Invalid credentials*'
    }
}

Describe 'Hypernative' {
    BeforeEach {
        Reset-TestEmulator
    }

    It 'asks for an organization with the server''s code, and logs into the one named' {
        $failure = { Connect-Litmind -Service Hypernative -BaseUri $hypernativeUri -Credential (New-DemoCredential 'admin@hypernative.example') -ErrorAction Stop } |
            Should -Throw -ErrorId 'Litmind.LoginFailed,*' -PassThru
        $failure.Exception.ServerErrorCode | Should -Be '1002'
        $failure.Exception.Message | Should -BeLike '*-OrganizationId*'

        $hn = Connect-Litmind -Service Hypernative -BaseUri $hypernativeUri -Credential (New-DemoCredential 'admin@hypernative.example') -OrganizationId 2
        (Invoke-LitmindRequest api/v2/watchlists -Session $hn).data.name | Should -Be 'Treasury wallets'
    }

    It 'calls with an API key, also from a job, and never logs in' {
        $secret = ConvertTo-SecureString $LitmindDemoApiKey.ClientSecret -AsPlainText -Force
        $key = Connect-Litmind -Service Hypernative -BaseUri $hypernativeUri -ClientId $LitmindDemoApiKey.ClientId -ClientSecret $secret
        (Invoke-LitmindRequest api/v2/organizations -Session $key).data.name | Should -Be 'Demo Protocol'

        $handOff = $key | Get-LitmindSession -HandOff
        $count = Start-Job {
            Import-Module $using:moduleToImport
            (Invoke-LitmindRequest api/v2/watchlists -Session $using:handOff).data.Count
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop

        $count | Should -Be 2
        (Invoke-EmulatorControl GET hypernative/counters).loginAttempts | Should -Be 0
        ($handOff | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($LitmindDemoApiKey.ClientSecret))
    }
}

Describe 'A service of your own' {
    BeforeEach {
        Reset-TestEmulator
    }

    It 'connects from a definition file and calls as it says' {
        $definition = Get-Content -Raw (Join-Path (Get-Module Litmind).ModuleBase 'Services/RailsToken.json') | ConvertFrom-Json
        $definition.name = 'Tracker'
        $file = Join-Path $TestDrive 'tracker.json'
        $definition | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file

        $tracker = Connect-Litmind -Service $file -BaseUri $railsTokenUri -Credential (New-DemoCredential 'ops@railstoken.example')

        $tracker.Service | Should -Be 'Tracker'
        (Invoke-LitmindRequest me -Session $tracker).email | Should -Be 'ops@railstoken.example'
    }

    It 'refuses a malformed file with the JSON path of the bad field, before anything is sent' {
        $file = Join-Path $TestDrive 'broken.json'
        Set-Content -LiteralPath $file -Value '{ "name": "Broken", "login": { "method": "POST", "path": "sessions", "capture": {} } }'

        { Connect-Litmind -Service $file -BaseUri $railsTokenUri -Credential (New-DemoCredential 'foo@bar.com') -ErrorAction Stop } |
            Should -Throw -ErrorId 'Litmind.InvalidServiceDefinition,*' -ExpectedMessage '*not valid at $.login.capture*name at least one value*'
        (Invoke-EmulatorControl GET railstoken/counters).requests | Should -Be 0
    }
}
