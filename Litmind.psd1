@{
    RootModule           = 'Litmind.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '4d0c2f6e-8b3a-4f7e-9a51-2c6d1b7e93a4'
    Author               = 'Litmind.PowerShell contributors'
    CompanyName          = 'Litmind.PowerShell'
    Copyright            = '(c) Litmind.PowerShell contributors. All rights reserved.'
    Description          = 'Log in to the Litmind API, hold the session in the runspace and call any endpoint with the session headers sent for you; typed objects on the pipeline.'
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
            Tags = @('Litmind', 'REST', 'API', 'Session', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
        }
    }
}
