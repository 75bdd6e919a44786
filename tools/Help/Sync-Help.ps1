#Requires -Version 7.4
<#
.SYNOPSIS
    Brings the structure of the MAML help in line with the built cmdlets; the prose stays yours.

.DESCRIPTION
    src/Litmind.PowerShell/en-US/Litmind.PowerShell.dll-Help.xml is the one source of the cmdlets'
    help, written by hand. This script rewrites only what the code decides: for every cmdlet of
    the built module, each parameter's entry in <command:parameters> gets the real type, whether
    it is required, its positions, its pipeline input and its aliases, and <command:syntax> gets one
    syntax block per parameter set, its parameters described as in <command:parameters>.

    A parameter with no entry yet gets one whose description is the <summary> of its property in
    the assembly's XML documentation: rewrite it as help before you commit. A parameter the cmdlet
    no longer has loses its entry. Descriptions, examples and everything else are left as they are.

    tests/Litmind.PowerShell.Tests/Presentation/HelpTests.cs fails when the help and the cmdlets
    disagree; this script is what makes them agree again after a parameter changes.

.PARAMETER ModuleManifest
    The built module to read the cmdlets from. Default: out/Litmind/<version>/Litmind.psd1.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./tools/Help/Sync-Help.ps1
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ModuleManifest
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$repo = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$helpPath = Join-Path $repo 'src/Litmind.PowerShell/en-US/Litmind.PowerShell.dll-Help.xml'
if (-not $ModuleManifest) {
    $ModuleManifest = Get-ChildItem (Join-Path $repo 'out/Litmind') -Filter Litmind.psd1 -Recurse | Select-Object -First 1 -ExpandProperty FullName
}

# In a child process: the module's assembly stays loaded in whichever process imports it.
$module = Import-Module $ModuleManifest -PassThru -Force
$docsPath = Join-Path (Split-Path $module.Path -Parent) 'Litmind.PowerShell.xml'
$docs = if (Test-Path $docsPath) { [xml](Get-Content -Raw $docsPath) } else {
    $built = Get-ChildItem (Join-Path $repo 'src/Litmind.PowerShell/bin') -Filter Litmind.PowerShell.xml -Recurse | Select-Object -First 1
    if ($built) { [xml](Get-Content -Raw $built.FullName) } else { $null }
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
# -WhatIf and -Confirm are documented with the cmdlets that take them; the other common parameters are not.
$common = [System.Management.Automation.PSCmdlet]::CommonParameters

$help = [xml]::new()
$help.PreserveWhitespace = $false
$help.Load($helpPath)
$manager = [System.Xml.XmlNamespaceManager]::new($help.NameTable)
foreach ($prefix in $ns.Keys) { $manager.AddNamespace($prefix, $ns[$prefix]) }

function New-Element([string] $prefix, [string] $name, [string] $text) {
    $element = $help.CreateElement($prefix, $name, $ns[$prefix])
    if ($null -ne $text) { $element.InnerText = $text }
    $element
}

function Get-Summary($command, $parameter) {
    $type = $command.ImplementingType.FullName
    $member = ${docs}?.SelectSingleNode("//member[@name='P:$type.$($parameter.Name)']/summary")
    if ($member) { ($member.InnerText -replace '\s+', ' ').Trim() } else { "TODO: describe -$($parameter.Name)." }
}

function Set-ParameterShape($element, $parameter, $sets) {
    $required = @($sets | Where-Object IsMandatory).Count -gt 0
    $positions = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
    $by = @()
    if (@($sets | Where-Object ValueFromPipeline).Count) { $by += 'ByValue' }
    if (@($sets | Where-Object ValueFromPipelineByPropertyName).Count) { $by += 'ByPropertyName' }
    $element.SetAttribute('required', "$required".ToLowerInvariant())
    $element.SetAttribute('variableLength', 'false')
    $element.SetAttribute('globbing', 'false')
    $element.SetAttribute('pipelineInput', $(if ($by) { 'True (' + ($by -join ', ') + ')' } else { 'False' }))
    $element.SetAttribute('position', $(if ($positions.Count) { $positions -join ', ' } else { 'named' }))
    $element.SetAttribute('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))

    $type = $parameter.ParameterType
    $value = $element.SelectSingleNode('command:parameterValue', $manager)
    if ($type -ne [System.Management.Automation.SwitchParameter]) {
        if (-not $value) {
            $value = New-Element command parameterValue
            $value.SetAttribute('required', 'true')
            $value.SetAttribute('variableLength', 'false')
            $element.InsertAfter($value, $element.SelectSingleNode('maml:description', $manager)) | Out-Null
        }
        $value.InnerText = $type.Name
    }
    elseif ($value) {
        $element.RemoveChild($value) | Out-Null
    }

    $devType = $element.SelectSingleNode('dev:type', $manager)
    if (-not $devType) {
        $devType = New-Element dev type
        $devType.AppendChild((New-Element maml name)) | Out-Null
        $devType.AppendChild((New-Element maml uri)) | Out-Null
        $element.AppendChild($devType) | Out-Null
    }
    $devType.SelectSingleNode('maml:name', $manager).InnerText = $type.FullName
    if (-not $element.SelectSingleNode('dev:defaultValue', $manager)) {
        $element.AppendChild((New-Element dev defaultValue $(if ($type -eq [System.Management.Automation.SwitchParameter]) { 'False' } else { 'None' }))) | Out-Null
    }
}

$changed = @()
foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet) {
    $entry = $help.SelectSingleNode("//command:command[command:details/command:name='$($command.Name)']", $manager)
    if (-not $entry) { throw "The help has no entry for $($command.Name): write one (synopsis, description, examples) first." }
    $own = @($command.Parameters.Values | Where-Object { $common -notcontains $_.Name })

    # <command:parameters>: one entry per parameter, in the cmdlet's own order.
    $parameters = $entry.SelectSingleNode('command:parameters', $manager)
    $existing = @{}
    foreach ($element in @($parameters.SelectNodes('command:parameter', $manager))) {
        $existing[$element.SelectSingleNode('maml:name', $manager).InnerText] = $element
        $parameters.RemoveChild($element) | Out-Null
    }
    foreach ($parameter in $own) {
        $element = $existing[$parameter.Name]
        if (-not $element) {
            $element = New-Element command parameter
            $element.AppendChild((New-Element maml name $parameter.Name)) | Out-Null
            $description = New-Element maml description
            $description.AppendChild((New-Element maml para (Get-Summary $command $parameter))) | Out-Null
            $element.AppendChild($description) | Out-Null
            $changed += "$($command.Name) -$($parameter.Name): new entry, described by its <summary>; rewrite it as help"
        }
        Set-ParameterShape $element $parameter @($parameter.ParameterSets.Values)
        $parameters.AppendChild($element) | Out-Null
    }
    foreach ($gone in $existing.Keys | Where-Object { $own.Name -notcontains $_ }) { $changed += "$($command.Name) -${gone}: entry removed (no such parameter)" }

    # <command:syntax>: one block per parameter set, the default set first.
    $syntax = $entry.SelectSingleNode('command:syntax', $manager)
    $syntax.RemoveAll()
    $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $item = New-Element command syntaxItem
        $item.AppendChild((New-Element maml name $command.Name)) | Out-Null
        $inSet = @($set.Parameters | Where-Object { $common -notcontains $_.Name } |
                Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ Expression = { -not $_.IsMandatory } }, @{ Expression = { [array]::IndexOf($own.Name, $_.Name) } })
        foreach ($member in $inSet) {
            $parameter = $command.Parameters[$member.Name]
            $copy = $parameters.SelectSingleNode("command:parameter[maml:name='$($member.Name)']", $manager).CloneNode($true)
            $default = $copy.SelectSingleNode('dev:defaultValue', $manager)
            if ($default) { $copy.RemoveChild($default) | Out-Null }
            Set-ParameterShape $copy $parameter @($member)
            $copy.RemoveChild($copy.SelectSingleNode('dev:defaultValue', $manager)) | Out-Null
            $item.AppendChild($copy) | Out-Null
        }
        $syntax.AppendChild($item) | Out-Null
    }
}

if ($PSCmdlet.ShouldProcess($helpPath, 'Rewrite the help''s parameters and syntax')) {
    # Through XDocument, which indents every element it writes, the new ones included.
    $document = [System.Xml.Linq.XDocument]::Parse($help.OuterXml)
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($helpPath, $settings)
    try { $document.Save($writer) } finally { $writer.Dispose() }
    [System.IO.File]::AppendAllText($helpPath, [Environment]::NewLine)
}

$changed | ForEach-Object { Write-Warning $_ }
