@{
    RootModule           = 'Litmind.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '4d0c2f6e-8b3a-4f7e-9a51-2c6d1b7e93a4'
    Author               = 'Litmind.PowerShell contributors'
    CompanyName          = 'Litmind.PowerShell'
    Copyright            = '(c) Litmind.PowerShell contributors. All rights reserved.'
    Description          = 'Log in to the Litmind API (or LivePerson, a Rails-style token API, Hypernative, or a service you describe in a JSON file), hold the session in the runspace and call any endpoint with the session headers sent for you; typed objects on the pipeline.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    TypesToProcess       = @('Litmind.Types.ps1xml')
    FormatsToProcess     = @('Litmind.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Litmind'
        'Disconnect-Litmind'
        'Get-LitmindSession'
        'Get-LitmindAccount'
        'Invoke-LitmindRequest'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            # PSIncludes_Cmdlet and a PSCmdlet_/PSCommand_ tag per exported cmdlet are what
            # Find-PSResource -CommandName and a gallery's command search read. Keep them in step
            # with CmdletsToExport (a test checks).
            Tags         = @(
                'Litmind', 'REST', 'API', 'Session', 'LivePerson', 'Hypernative', 'JWT'
                'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS'
                'PSIncludes_Cmdlet'
                'PSCmdlet_Connect-Litmind', 'PSCommand_Connect-Litmind'
                'PSCmdlet_Disconnect-Litmind', 'PSCommand_Disconnect-Litmind'
                'PSCmdlet_Get-LitmindSession', 'PSCommand_Get-LitmindSession'
                'PSCmdlet_Get-LitmindAccount', 'PSCommand_Get-LitmindAccount'
                'PSCmdlet_Invoke-LitmindRequest', 'PSCommand_Invoke-LitmindRequest'
            )
            ProjectUri   = 'https://github.com/litmind/Litmind.PowerShell'
            LicenseUri   = 'https://github.com/litmind/Litmind.PowerShell/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release. Connect-Litmind, Get-LitmindSession, Get-LitmindAccount, Invoke-LitmindRequest and Disconnect-Litmind; sessions held per runspace with several accounts each; automatic re-login on expiry; retries on throttling; typed output with format views; LivePerson, a Rails-style token API and Hypernative through the same cmdlets (Connect-Litmind -Service), and services of your own as JSON definition files; hand-offs to jobs (Get-LitmindSession -HandOff); Invoke-LitmindRequest -ExpandProperty streams a list answer and -OutFile saves any size to disk; help, about_Litmind and about_Litmind_Services.'
        }
    }
}
