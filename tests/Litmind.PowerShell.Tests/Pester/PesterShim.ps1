# A stand-in for the Pester 5 subset that tests/Pester/*.Tests.ps1 use, for machines where Pester
# cannot be installed (see tests/Pester/README.md for the subset). It is not a Pester clone: what
# the files do not use is left out, and the files must pass unchanged under real Pester 5.
#
# PesterShimRunner.cs dot-sources this file into a fresh runspace, then calls Get-PesterShimTest
# (discovery only) or Invoke-PesterShimFile (discovery, then the run).

# The keywords live in a module so that their own variables ($Name, $ActualValue, $ExpectedMessage...)
# never shadow the test's variables inside the script blocks they invoke: a script block keeps
# running in the test file's session state, as with Pester.
$null = New-Module -Name PesterShim -ScriptBlock {
    # The block whose body discovery is running; null outside discovery.
    $script:Current = $null

    function New-Block([string] $Name, $Parent) {
        [pscustomobject]@{
            IsBlock    = $true
            Name       = $Name
            Parent     = $Parent
            BeforeAll  = $null
            AfterAll   = $null
            BeforeEach = $null
            AfterEach  = $null
            # Child blocks and tests, in file order.
            Items      = [System.Collections.Generic.List[object]]::new()
        }
    }

    function Start-ShimDiscovery { $script:Current = New-Block '' $null; $script:Current }

    function Stop-ShimDiscovery { $script:Current = $null }

    function Get-CurrentBlock([string] $Keyword) {
        if ($null -eq $script:Current) {
            throw "$Keyword is only valid while a test file is discovered: in a Describe or Context, or at the top of the file."
        }

        $script:Current
    }

    # Pester expands <name> from the variables in scope when the test runs; the shim names the tests
    # at discovery, so it takes the values from -TestCases and refuses placeholders it cannot fill.
    function Expand-Name([string] $Name, [System.Collections.IDictionary] $Data) {
        foreach ($placeholder in [regex]::Matches($Name, '<(\w+)>')) {
            if ($null -eq $Data -or -not $Data.Contains($placeholder.Groups[1].Value)) {
                throw "'$Name': the shim fills <placeholders> from -TestCases keys only, and there is no key '$($placeholder.Groups[1].Value)'."
            }
        }

        [regex]::Replace($Name, '<(\w+)>', { param($placeholder) "$($Data[$placeholder.Groups[1].Value])" })
    }

    # Pester 5 runs Describe and Context bodies during discovery only; what they define outside
    # BeforeAll, BeforeEach and It is gone by the time the tests run.
    function Add-Block([string] $Name, [scriptblock] $Fixture) {
        $parent = Get-CurrentBlock 'Describe'
        $block = New-Block (Expand-Name $Name $null) $parent
        $parent.Items.Add($block)
        $script:Current = $block
        try { $null = & $Fixture } finally { $script:Current = $parent }
    }

    function Describe {
        param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Mandatory, Position = 1)] [scriptblock] $Fixture)
        Add-Block $Name $Fixture
    }

    function Context {
        param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Mandatory, Position = 1)] [scriptblock] $Fixture)
        Add-Block $Name $Fixture
    }

    function It {
        param(
            [Parameter(Mandatory, Position = 0)] [string] $Name,
            [Parameter(Mandatory, Position = 1)] [scriptblock] $Test,
            [System.Collections.IDictionary[]] $TestCases,
            [switch] $Skip)

        $block = Get-CurrentBlock 'It'
        if ($null -eq $block.Parent) { throw "It '$Name' must be inside a Describe or Context." }

        # One test per test case, each with its own name.
        $cases = , $null
        if ($TestCases) { $cases = $TestCases }
        foreach ($data in $cases) {
            $block.Items.Add([pscustomobject]@{
                    IsBlock = $false
                    Name    = Expand-Name $Name $data
                    Block   = $block
                    Body    = $Test
                    Data    = $data
                    Skip    = $Skip.IsPresent
                })
        }
    }

    # Pester 5 allows one of each per block.
    function Set-Hook([string] $Kind, [scriptblock] $Hook) {
        $block = Get-CurrentBlock $Kind
        if ($null -ne $block.$Kind) { throw "$Kind is already defined in this block; Pester 5 allows one per block." }
        $block.$Kind = $Hook
    }

    function BeforeAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Set-Hook BeforeAll $Scriptblock }

    function AfterAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Set-Hook AfterAll $Scriptblock }

    function BeforeEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Set-Hook BeforeEach $Scriptblock }

    function AfterEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Set-Hook AfterEach $Scriptblock }

    function Format-Nicely($Value) {
        if ($null -eq $Value) { return '$null' }
        if ($Value -is [string]) { return "'$Value'" }
        if ($Value -is [bool]) { return "`$$Value".ToLowerInvariant() }
        if ($Value -is [type]) { return "[$($Value.FullName)]" }
        if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [System.Collections.IDictionary]) {
            return '@(' + (@($Value | ForEach-Object { Format-Nicely $_ }) -join ', ') + ')'
        }

        [string]$Value
    }

    # Pester's -Be: arrays equal item by item, $null equals an empty collection, and the expected
    # value on the left of -eq so that it decides the conversion ('1' | Should -Be 1 passes).
    function Test-Equal([object[]] $Actual, [object[]] $Expected, [bool] $CaseSensitive) {
        $actualEmpty = $null -eq $Actual -or $Actual.Count -eq 0 -or ($Actual.Count -eq 1 -and $null -eq $Actual[0])
        $expectedEmpty = $null -eq $Expected -or $Expected.Count -eq 0 -or ($Expected.Count -eq 1 -and $null -eq $Expected[0])
        if ($actualEmpty -or $expectedEmpty) { return $actualEmpty -and $expectedEmpty }
        if ($Actual.Count -ne $Expected.Count) { return $false }
        for ($i = 0; $i -lt $Actual.Count; $i++) {
            $a = $Actual[$i]
            $e = $Expected[$i]
            if ($a -is [array] -or $e -is [array]) {
                if (-not (Test-Equal $a $e $CaseSensitive)) { return $false }
            }
            elseif ($CaseSensitive) {
                if (-not ($e -ceq $a)) { return $false }
            }
            elseif (-not ($e -eq $a)) { return $false }
        }

        $true
    }

    # One assertion on one value: $true, or the failure message. Wording follows Pester's.
    function Test-Assertion([string] $Operator, $Actual, [hashtable] $Expected, [bool] $Negate) {
        $e = $Expected.ExpectedValue
        # Messages show a collection of one as its item, as Pester's do.
        $shown = $($Actual)
        $not = if ($Negate) { 'not ' } else { '' }
        switch ($Operator) {
            'Be' {
                if ((Test-Equal $Actual $e $false) -ne $Negate) { return $true }
                if ($Negate) { return "Expected $(Format-Nicely $e) to be different from the actual value, but got the same value." }
                return "Expected $(Format-Nicely $e), but got $(Format-Nicely $shown)."
            }
            'BeExactly' {
                if ((Test-Equal $Actual $e $true) -ne $Negate) { return $true }
                if ($Negate) { return "Expected $(Format-Nicely $e) to be different from the actual value, but got exactly the same value." }
                return "Expected exactly $(Format-Nicely $e), but got $(Format-Nicely $shown)."
            }
            'BeGreaterThan' {
                if (($Actual -gt $e) -ne $Negate) { return $true }
                return "Expected the actual value to $(if ($Negate) { 'be less than or equal to' } else { 'be greater than' }) $(Format-Nicely $e), but got $(Format-Nicely $Actual)."
            }
            'BeLessThan' {
                if (($Actual -lt $e) -ne $Negate) { return $true }
                return "Expected the actual value to $(if ($Negate) { 'be greater than or equal to' } else { 'be less than' }) $(Format-Nicely $e), but got $(Format-Nicely $Actual)."
            }
            'HaveCount' {
                $count = if ($null -eq $Actual) { 0 } else { $Actual.Count }
                if (($count -eq $e) -ne $Negate) { return $true }
                if ($Negate) { return "Expected a collection with size different from $e, but got collection with that size $(Format-Nicely $Actual)." }
                return "Expected a collection with size $e, but got collection with size $count $(Format-Nicely $Actual)."
            }
            'Contain' {
                if (($Actual -contains $e) -ne $Negate) { return $true }
                return "Expected $(Format-Nicely $e) to $($not)be found in collection $(Format-Nicely $Actual), but it was$(if (-not $Negate) { ' not' }) found."
            }
            'BeNullOrEmpty' {
                $empty = $null -eq $Actual -or $Actual.Count -eq 0 -or ($Actual.Count -eq 1 -and $(
                        if ($Actual[0] -is [hashtable]) { $Actual[0].Count -eq 0 } else { [string]::IsNullOrEmpty($Actual[0]) }))
                if ($empty -ne $Negate) { return $true }
                if ($Negate) { return 'Expected a value, but got $null or empty.' }
                return "Expected `$null or empty, but got $(Format-Nicely $shown)."
            }
            'BeTrue' {
                if ([bool]$Actual -ne $Negate) { return $true }
                return "Expected $(if ($Negate) { '$false' } else { '$true' }), but got $(Format-Nicely $Actual)."
            }
            'BeFalse' {
                if ((-not $Actual) -ne $Negate) { return $true }
                return "Expected $(if ($Negate) { '$true' } else { '$false' }), but got $(Format-Nicely $Actual)."
            }
            'BeOfType' {
                $type = $Expected.ExpectedType
                if ($type -is [string]) {
                    # A bare [long] arrives as the string '[long]'.
                    $name = $type -replace '^\[(.*)\]$', '$1'
                    $type = $name -as [type]
                    if ($null -eq $type) { throw [ArgumentException]"Could not find type [$name]. Make sure that the assembly that contains that type is loaded." }
                }

                if (($Actual -is $type) -ne $Negate) { return $true }
                $actualType = if ($null -ne $Actual) { $Actual.GetType() }
                return "Expected the value to $($not)have type $(Format-Nicely $type) or any of its subtypes, but got $(Format-Nicely $Actual) with type $(Format-Nicely $actualType)."
            }
            'Match' {
                $pattern = $Expected.RegularExpression
                if (($Actual -match $pattern) -ne $Negate) { return $true }
                return "Expected regular expression $(Format-Nicely $pattern) to $($not)match $(Format-Nicely $Actual), but it did$(if (-not $Negate) { ' not' }) match."
            }
            'Throw' { return Test-Throw $Actual $Expected.ExpectedMessage $Expected.ErrorId $Negate }
        }
    }

    # Pester 5 compares the message and the FullyQualifiedErrorId with -like (wildcards, whole
    # value): -ErrorId 'Litmind.HttpError' does not match 'Litmind.HttpError,<command type>'.
    function Test-Throw($Block, [string] $ExpectedMessage, [string] $ErrorId, [bool] $Negate) {
        if ($Block -isnot [scriptblock]) {
            throw [ArgumentException]"Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces."
        }

        # Only terminating errors count, as with Pester: a non-terminating one needs -ErrorAction Stop.
        $thrown = $null
        try { $null = & $Block } catch { $thrown = $_ }

        if ($Negate) {
            if ($null -eq $thrown) { return $true }
            return "Expected no exception to be thrown, but an exception `"$($thrown.Exception.Message)`" was thrown."
        }

        if ($null -eq $thrown) { return "Expected an exception to be thrown, but no exception was thrown." }
        $buts = @()
        if ($ExpectedMessage -and -not ($thrown.Exception.Message -like $ExpectedMessage)) { $buts += "the message was $(Format-Nicely $thrown.Exception.Message)" }
        if ($ErrorId -and -not ($thrown.FullyQualifiedErrorId -like $ErrorId)) { $buts += "the FullyQualifiedErrorId was $(Format-Nicely $thrown.FullyQualifiedErrorId)" }
        if ($buts.Count -eq 0) { return $true }

        $filters = @()
        if ($ExpectedMessage) { $filters += "message like $(Format-Nicely $ExpectedMessage)" }
        if ($ErrorId) { $filters += "FullyQualifiedErrorId $(Format-Nicely $ErrorId)" }
        return "Expected an exception with $($filters -join ' and ') to be thrown, but $($buts -join ' and ')."
    }

    function Should {
        [CmdletBinding()]
        param(
            [Parameter(ValueFromPipeline)] [object] $ActualValue,
            [switch] $Not,
            [Parameter(Mandatory, ParameterSetName = 'Be')] [switch] $Be,
            [Parameter(Mandatory, ParameterSetName = 'BeExactly')] [switch] $BeExactly,
            [Parameter(Mandatory, ParameterSetName = 'BeGreaterThan')] [switch] $BeGreaterThan,
            [Parameter(Mandatory, ParameterSetName = 'BeLessThan')] [switch] $BeLessThan,
            [Parameter(Mandatory, ParameterSetName = 'HaveCount')] [switch] $HaveCount,
            [Parameter(Mandatory, ParameterSetName = 'Contain')] [switch] $Contain,
            [Parameter(Mandatory, ParameterSetName = 'BeNullOrEmpty')] [switch] $BeNullOrEmpty,
            [Parameter(Mandatory, ParameterSetName = 'BeTrue')] [switch] $BeTrue,
            [Parameter(Mandatory, ParameterSetName = 'BeFalse')] [switch] $BeFalse,
            [Parameter(Mandatory, ParameterSetName = 'BeOfType')] [switch] $BeOfType,
            [Parameter(Mandatory, ParameterSetName = 'Match')] [switch] $Match,
            [Parameter(Mandatory, ParameterSetName = 'Throw')] [switch] $Throw,

            [Parameter(ParameterSetName = 'Be', Position = 0)]
            [Parameter(ParameterSetName = 'BeExactly', Position = 0)]
            [Parameter(ParameterSetName = 'BeGreaterThan', Position = 0)]
            [Parameter(ParameterSetName = 'BeLessThan', Position = 0)]
            [Parameter(ParameterSetName = 'HaveCount', Position = 0)]
            [Parameter(ParameterSetName = 'Contain', Position = 0)]
            [object] $ExpectedValue,
            [Parameter(ParameterSetName = 'BeOfType', Position = 0)] [object] $ExpectedType,
            [Parameter(ParameterSetName = 'Match', Position = 0)] [string] $RegularExpression,
            [Parameter(ParameterSetName = 'Throw', Position = 0)] [string] $ExpectedMessage,
            [Parameter(ParameterSetName = 'Throw')] [string] $ErrorId)

        begin { $values = [System.Collections.Generic.List[object]]::new() }

        process { $values.Add($ActualValue) }

        end {
            $operator = $PSCmdlet.ParameterSetName
            $expected = @{ ExpectedValue = $ExpectedValue; ExpectedType = $ExpectedType; RegularExpression = $RegularExpression; ExpectedMessage = $ExpectedMessage; ErrorId = $ErrorId }

            # As in Pester: no input is one $null; the collection operators see all input at
            # once; the others check each input object on its own.
            if ($values.Count -eq 0) { $subjects = , $null }
            elseif ($operator -in 'Be', 'BeExactly', 'HaveCount', 'Contain', 'BeNullOrEmpty') { $subjects = , $values.ToArray() }
            else { $subjects = $values }

            foreach ($subject in $subjects) {
                $outcome = Test-Assertion $operator $subject $expected $Not.IsPresent
                if ($outcome -isnot [bool]) {
                    throw [System.Management.Automation.ErrorRecord]::new([Exception]::new($outcome), 'PesterAssertionFailed', 'InvalidResult', $null)
                }
            }
        }
    }

    # Discovery's flat view: every test with its path (block names, then its own) and skip flag.
    function Get-ShimTestList($Block, [string[]] $Path) {
        foreach ($item in $Block.Items) {
            if ($item.IsBlock) { Get-ShimTestList $item ($Path + $item.Name) }
            else { [pscustomobject]@{ Path = [string[]]($Path + $item.Name); Skip = $item.Skip } }
        }
    }

    Export-ModuleMember -Function Describe, Context, It, BeforeAll, AfterAll, BeforeEach, AfterEach, Should, Start-ShimDiscovery, Stop-ShimDiscovery, Get-ShimTestList
} | Import-Module

# What follows runs outside the module, in the test file's session state, so that each block and
# each test gets its own scope there: a function call is a new scope, a child of the caller's.
# The test's code sees the variables of these functions, so their names all start with __p.

# Runs the file with the keywords recording its structure; returns the root block. Code outside
# BeforeAll, BeforeEach and It runs here and only here, as in Pester 5's discovery phase.
function Invoke-PesterShimDiscovery([string] $__pFile) {
    $__pRoot = PesterShim\Start-ShimDiscovery
    try { $null = & $__pFile } finally { PesterShim\Stop-ShimDiscovery }
    $__pRoot
}

# The tests of a file, without running any of them.
function Get-PesterShimTest([string] $__pFile) {
    PesterShim\Get-ShimTestList (Invoke-PesterShimDiscovery $__pFile) @()
}

# Discovers the file, then runs it; returns one result (Path, Result, Message) per test.
function Invoke-PesterShimFile([string] $__pFile) {
    $__pResults = [System.Collections.Generic.List[object]]::new()
    $null = Invoke-PesterShimBlock (Invoke-PesterShimDiscovery $__pFile) @() $null
    $__pResults
}

# An error as the shim reports it: an assertion failure speaks for itself, any other error also
# needs its id; the stack trace is cut to the frames of the test file.
function Format-PesterShimError($__pError, [string] $__pPrefix) {
    $__pText = if ($__pError.FullyQualifiedErrorId -eq 'PesterAssertionFailed') { $__pError.Exception.Message }
    else { "$($__pError.FullyQualifiedErrorId): $($__pError.Exception.Message)" }
    $__pStack = @($__pError.ScriptStackTrace -split '\r?\n' | Where-Object { $_ -notmatch 'PesterShim\.ps1' }) -join [Environment]::NewLine
    $__pPrefix + $__pText + [Environment]::NewLine + $__pStack
}

function Add-PesterShimResult([string[]] $__pPath, [string] $__pResult, [string] $__pMessage) {
    $__pResults.Add([pscustomobject]@{ Path = $__pPath; Result = $__pResult; Message = $__pMessage })
}

# Whether a block has a test to run; Pester 5 runs no setup for a block whose tests are all skipped.
function Test-PesterShimRunnable($__pBlock) {
    foreach ($__pItem in $__pBlock.Items) {
        if ($__pItem.IsBlock) { if (Test-PesterShimRunnable $__pItem) { return $true } }
        elseif (-not $__pItem.Skip) { return $true }
    }

    $false
}

# The hooks of one kind from the outermost block in to the test's own (or back out with -Reverse).
function Get-PesterShimHook($__pBlock, [string] $__pKind, [switch] $Reverse) {
    $__pChain = [System.Collections.Generic.List[object]]::new()
    for ($__pAt = $__pBlock; $null -ne $__pAt; $__pAt = $__pAt.Parent) {
        if ($__pAt.$__pKind) { $__pChain.Insert(0, $__pAt.$__pKind) }
    }

    if ($Reverse) { $__pChain.Reverse() }
    $__pChain
}

# This function's scope is the block's: BeforeAll is dot-sourced into it, so what it defines is seen
# by the block's tests and inner blocks, and is gone once the block is done. A failing BeforeAll
# fails every test of the block, inner blocks included; AfterAll runs anyway.
function Invoke-PesterShimBlock($__pBlock, [string[]] $__pPath, [string] $__pFailure) {
    if ($__pBlock.Name) { $__pPath += $__pBlock.Name }
    $__pRunnable = Test-PesterShimRunnable $__pBlock
    if ($__pRunnable -and -not $__pFailure) {
        try { if ($__pBlock.BeforeAll) { . $__pBlock.BeforeAll } }
        catch { $__pFailure = Format-PesterShimError $_ 'BeforeAll failed: ' }
    }

    $__pFirst = $__pResults.Count
    foreach ($__pItem in $__pBlock.Items) {
        if ($__pItem.IsBlock) { Invoke-PesterShimBlock $__pItem $__pPath $__pFailure }
        else { Invoke-PesterShimTest $__pItem ($__pPath + $__pItem.Name) $__pFailure }
    }

    if ($__pRunnable) {
        # Pester reports a failing AfterAll on the block; the shim reports only tests, so the
        # block's passed tests carry it.
        try { if ($__pBlock.AfterAll) { . $__pBlock.AfterAll } }
        catch {
            $__pMessage = Format-PesterShimError $_ 'AfterAll failed: '
            for ($__pAt = $__pFirst; $__pAt -lt $__pResults.Count; $__pAt++) {
                if ($__pResults[$__pAt].Result -eq 'Passed') {
                    $__pResults[$__pAt].Result = 'Failed'
                    $__pResults[$__pAt].Message = $__pMessage
                }
            }
        }
    }
}

# This function's scope is the test's: the test case's variables, BeforeEach, the body and
# AfterEach share it, and nothing of it reaches the next test.
function Invoke-PesterShimTest($__pTest, [string[]] $__pPath, [string] $__pFailure) {
    if ($__pTest.Skip) { return Add-PesterShimResult $__pPath 'Skipped' $null }
    if ($__pFailure) { return Add-PesterShimResult $__pPath 'Failed' $__pFailure }

    $__pError = $null
    try {
        if ($__pTest.Data) {
            foreach ($__pKey in $__pTest.Data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($__pKey, $__pTest.Data[$__pKey]) }
        }

        foreach ($__pHook in (Get-PesterShimHook $__pTest.Block BeforeEach)) { . $__pHook }
        . $__pTest.Body
    }
    catch { $__pError = $_ }

    # AfterEach runs after a failure too; its own failure fails a test that had passed.
    try { foreach ($__pHook in (Get-PesterShimHook $__pTest.Block AfterEach -Reverse)) { . $__pHook } }
    catch { if ($null -eq $__pError) { $__pError = $_ } }

    if ($null -eq $__pError) { Add-PesterShimResult $__pPath 'Passed' $null }
    else { Add-PesterShimResult $__pPath 'Failed' (Format-PesterShimError $__pError) }
}
