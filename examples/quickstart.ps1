#Requires -Modules Litmind
<#
.SYNOPSIS
    A first tour of Litmind.PowerShell: connect, act as several accounts, call endpoints, and
    use a second service (LivePerson) side by side through the same cmdlets.

.DESCRIPTION
    Runs against the real Litmind API or the bundled emulator. The API key and base URI come
    from $env:LITMIND_API_KEY and $env:LITMIND_BASE_URI (build.ps1 -Task Demo points both at the
    emulator it starts). The LivePerson part runs against -LivePersonUri, else the emulator's
    LivePerson at $env:LITMIND_EMULATOR_ROOT, and is left out when neither is given. The default
    credentials are the emulator's demo accounts (docs/emulator.md).

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

    Builds the module and runs this script against the bundled emulator.

.EXAMPLE
    ./examples/quickstart.ps1 -Agency (Get-Credential) -Model (Get-Credential)

.EXAMPLE
    ./examples/quickstart.ps1 -LivePersonUri https://va.agentvep.liveperson.net/ -LivePersonAccountId 12345678 -Agent (Get-Credential)
#>
[CmdletBinding()]
param(
    # The agency account that logs in first.
    [pscredential] $Agency = [pscredential]::new('northstar-agency', (ConvertTo-SecureString 'N0rthStar!2026' -AsPlainText -Force)),

    # A model of that agency, logged into the same session.
    [pscredential] $Model = [pscredential]::new('ava-north', (ConvertTo-SecureString 'Ava#Runway1' -AsPlainText -Force)),

    # The LivePerson root (https://{domain}/); defaults to the emulator's when $env:LITMIND_EMULATOR_ROOT is set.
    [uri] $LivePersonUri = $(if ($env:LITMIND_EMULATOR_ROOT) { $env:LITMIND_EMULATOR_ROOT.TrimEnd('/') + '/liveperson/' }),

    # The LivePerson account (site) id.
    [string] $LivePersonAccountId = '90412079',

    # A LivePerson agent of that account.
    [pscredential] $Agent = [pscredential]::new('lp-admin', (ConvertTo-SecureString 'LpAdmin#2026' -AsPlainText -Force))
)

$ErrorActionPreference = 'Stop'

"== Connect (the session is this runspace's default from now on)"
$session = Connect-Litmind -Credential $Agency
# Each section goes to Out-Default on its own, so each kind of object gets its own table.
$session | Out-Default

"== Log the model into the same session"
Connect-Litmind -Credential $Model -Session $session | Out-Null
Get-LitmindAccount | Out-Default

"== Each account's unread notifications (UserId binds from the account's Id)"
Get-LitmindAccount | Invoke-LitmindRequest 'account/status/notifications' |
    ForEach-Object { $_.items } |
    Where-Object { -not $_.isRead } | Out-Default

"== The agency's models"
Invoke-LitmindRequest 'agency/models' | ForEach-Object { $_.items } | Out-Default

"== Featured models (a JSON array: one object per element)"
Invoke-LitmindRequest 'models/featured' | Out-Default

"== Open castings the model is a candidate in, as the model"
$modelId = ($session.Accounts | Where-Object Username -eq $Model.UserName).Id
(Invoke-LitmindRequest 'castings' -Query @{ page = 1; pageSize = 10 } -UserId $modelId).items | Out-Default

if ($LivePersonUri) {
    "== LivePerson beside Litmind: the same cmdlets, the service's own login and bearer"
    $livePerson = Connect-Litmind -Service LivePerson -BaseUri $LivePersonUri -AccountId $LivePersonAccountId -Credential $Agent
    "The login listed the account's service domains: $($livePerson.Domains -join ', ')"

    "== Skills, from the account configuration domain ({accountId} is the session's account)"
    Invoke-LitmindRequest 'api/account/{accountId}/configuration/le-users/skills' -Domain accountConfigReadOnly -Session $livePerson |
        Select-Object id, name, description | Out-Default
}

"== Sessions held in this runspace, one per service"
Get-LitmindSession | Out-Default

# Disconnect-Litmind logs LivePerson out on the server (Litmind has no logout), then clears the secrets.
Get-LitmindSession | Disconnect-Litmind
"Disconnected; the sessions' secrets are cleared."
