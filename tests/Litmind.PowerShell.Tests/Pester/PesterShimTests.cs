namespace Litmind.PowerShell.Tests.Pester;

/// <summary>
/// The shim keeps Pester 5's semantics for the subset it implements; each test runs a small
/// Pester file through it. The suite's files must pass under real Pester too, so what the shim
/// lets pass here is what Pester lets pass.
/// </summary>
public sealed class PesterShimTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pester-shim-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Should_operators_pass_and_fail_as_in_Pester_5()
    {
        // Each It's name says whether Pester 5 passes or fails it.
        var results = Run("""
            Describe 'Should' {
                It 'pass: -Be ignores case'                      { 'ABC' | Should -Be 'abc' }
                It 'fail: -BeExactly minds case'                 { 'ABC' | Should -BeExactly 'abc' }
                It 'pass: -BeExactly on the same string'         { 'abc' | Should -BeExactly 'abc' }
                It 'pass: -Be converts to the expected type'     { '1' | Should -Be 1 }
                It 'fail: -Be on another value'                  { 1 | Should -Be 2 }
                It 'pass: -Not -Be on another value'             { 1 | Should -Not -Be 2 }
                It 'fail: -Not -Be on the same value'            { 1 | Should -Not -Be 1 }
                It 'pass: -Be compares collections item by item' { 1, 2 | Should -Be @(1, 2) }
                It 'fail: -Be on a longer collection'            { 1, 2, 3 | Should -Be @(1, 2) }
                It 'pass: -Be takes no input as $null'           { @() | Should -Be $null }
                It 'pass: -HaveCount counts all input'           { 1, 2, 3 | Should -HaveCount 3 }
                It 'pass: -HaveCount 0 on no input'              { @() | Should -HaveCount 0 }
                It 'pass: -HaveCount sees one object as one'     { [pscustomobject]@{ a = 1; b = 2 } | Should -HaveCount 1 }
                It 'fail: -HaveCount on another count'           { 1, 2 | Should -HaveCount 3 }
                It 'pass: -Contain on the input collection'      { 'a', 'b' | Should -Contain 'B' }
                It 'fail: -Contain on a missing item'            { 'a', 'b' | Should -Contain 'c' }
                It 'pass: -Not -Contain on a missing item'       { 'a' | Should -Not -Contain 'c' }
                It 'pass: -BeNullOrEmpty on $null, "" and @()'   { $null | Should -BeNullOrEmpty; '' | Should -BeNullOrEmpty; @() | Should -BeNullOrEmpty }
                It 'fail: -BeNullOrEmpty on a value'             { 'x' | Should -BeNullOrEmpty }
                It 'fail: -Not -BeNullOrEmpty on no input'       { @() | Should -Not -BeNullOrEmpty }
                It 'pass: -BeTrue on truthy values'              { $true, 1, 'x' | Should -BeTrue }
                It 'fail: -BeTrue checks each input object'      { $true, $false | Should -BeTrue }
                It 'pass: -BeFalse on falsy values'              { $false, 0, '' | Should -BeFalse }
                It 'fail: -BeFalse on $true'                     { $true | Should -BeFalse }
                It 'pass: -BeOfType with a type, [name] or name' { 5L | Should -BeOfType ([long]); 'x' | Should -BeOfType [string]; 'x' | Should -BeOfType System.String }
                It 'pass: -BeOfType accepts subtypes'            { [System.IO.FileNotFoundException]::new() | Should -BeOfType [System.IO.IOException] }
                It 'fail: -BeOfType on another type'             { 'x' | Should -BeOfType [int] }
                It 'pass: -Match is a regex ignoring case'       { 'Hello World' | Should -Match '^hello\s' }
                It 'fail: -Match on no match'                    { 'Hello' | Should -Match '^x' }
                It 'pass: -Not -Match on no match'               { 'Hello' | Should -Not -Match 'x' }
                It 'pass: -BeGreaterThan'                        { 2 | Should -BeGreaterThan 1 }
                It 'fail: -BeGreaterThan on an equal value'      { 1 | Should -BeGreaterThan 1 }
                It 'pass: -BeLessThan'                           { 1 | Should -BeLessThan 2 }
                It 'fail: -BeLessThan on an equal value'         { 2 | Should -BeLessThan 2 }
                It 'pass: -Throw'                                { { throw 'boom' } | Should -Throw }
                It 'fail: -Throw when nothing is thrown'         { { 1 } | Should -Throw }
                It 'fail: -Throw on a non-terminating error'     { { Get-Command no-such-command } | Should -Throw }
                It 'pass: -Throw on an error made terminating'   { { Get-Command no-such-command -ErrorAction Stop } | Should -Throw }
                It 'pass: -ExpectedMessage is a wildcard'        { { throw 'Wrong username or password.' } | Should -Throw -ExpectedMessage '*username*' }
                It 'fail: -ExpectedMessage is not a substring'   { { throw 'Wrong username or password.' } | Should -Throw -ExpectedMessage 'username' }
                It 'pass: the message is positional, any case'   { { throw 'Exact' } | Should -Throw 'EXACT' }
                It 'pass: -ErrorId is a wildcard'                { { Get-Command no-such-command -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,*' }
                It 'fail: -ErrorId matches the whole id'         { { Get-Command no-such-command -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException' }
                It 'pass: -Not -Throw'                           { { 1 } | Should -Not -Throw }
                It 'fail: -Not -Throw when thrown'               { { throw 'x' } | Should -Not -Throw }
                It 'pass: -Throw runs the block with the test''s variables' {
                    $ErrorId = 'from the test'
                    { throw $ErrorId } | Should -Throw -ExpectedMessage 'from the test'
                }
            }
            """);

        Assert.Equal(46, results.Count);
        Assert.All(results, r => Assert.True(
            r.Outcome == (r.Name.StartsWith("Should > pass:", StringComparison.Ordinal) ? PesterOutcome.Passed : PesterOutcome.Failed),
            $"{r.Name}: {r.Outcome} {r.Message}"));
        Assert.StartsWith("Expected 2, but got 1.", Result(results, "Should > fail: -Be on another value").Message);
        Assert.Contains("FullyQualifiedErrorId was 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand'", Result(results, "Should > fail: -ErrorId matches the whole id").Message);
    }

    [Fact]
    public void A_failure_names_the_line_of_the_test_file()
    {
        var results = Run("""
            Describe 'd' {
                It 'fails' {
                    1 | Should -Be 2
                }
            }
            """);

        Assert.Contains("Shim.Tests.ps1: line 3", Result(results, "d > fails").Message);
        Assert.DoesNotContain("PesterShim.ps1", Result(results, "d > fails").Message);
    }

    [Fact]
    public void A_failing_BeforeAll_fails_every_It_of_its_block_and_AfterAll_still_runs()
    {
        var results = Run("""
            Describe 'broken' {
                BeforeAll { throw 'setup broke' }
                It 'a' { }
                Context 'inner' {
                    BeforeAll { [System.IO.File]::WriteAllText("$PSScriptRoot/inner-setup.txt", 'ran') }
                    It 'b' { }
                }
                AfterAll { [System.IO.File]::WriteAllText("$PSScriptRoot/teardown.txt", 'ran') }
            }
            Describe 'healthy' {
                It 'c' { }
            }
            """);

        foreach (var name in new[] { "broken > a", "broken > inner > b" })
        {
            Assert.Equal(PesterOutcome.Failed, Result(results, name).Outcome);
            Assert.StartsWith("BeforeAll failed: ", Result(results, name).Message);
            Assert.Contains("setup broke", Result(results, name).Message);
        }

        Assert.Equal(PesterOutcome.Passed, Result(results, "healthy > c").Outcome);
        Assert.False(File.Exists(Path.Combine(folder.FullName, "inner-setup.txt")), "the inner BeforeAll of a failed block must not run");
        Assert.True(File.Exists(Path.Combine(folder.FullName, "teardown.txt")), "AfterAll must run after a failed BeforeAll");
    }

    [Fact]
    public void BeforeAll_variables_are_seen_by_the_blocks_Its_and_inner_blocks_only()
    {
        var results = Run("""
            Describe 'outer' {
                BeforeAll { $shared = 'outer' }
                It 'sees its BeforeAll' { $shared | Should -Be 'outer' }
                Context 'inner' {
                    BeforeAll { $inner = 'inner' }
                    It 'sees both BeforeAlls' { $shared + $inner | Should -Be 'outerinner' }
                }
                It 'does not see an inner BeforeAll' { $inner | Should -BeNullOrEmpty }
                It 'does not see the shim''s parameters' { "$Name$Path$Test$Fixture$ActualValue" | Should -BeNullOrEmpty }
            }
            Describe 'sibling' {
                It 'does not see another block''s BeforeAll' { $shared | Should -BeNullOrEmpty }
            }
            """);

        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.True(r.Outcome == PesterOutcome.Passed, $"{r.Name}: {r.Message}"));
    }

    [Fact]
    public void BeforeEach_and_AfterEach_wrap_each_It_outer_first_and_share_its_scope()
    {
        var results = Run("""
            Describe 'outer' {
                BeforeAll { $log = [System.Collections.Generic.List[string]]::new() }
                BeforeEach { $log.Add('outer before') }
                AfterEach { $log.Add('outer after') }
                Context 'inner' {
                    BeforeEach { $log.Add('inner before'); $fromBeforeEach = 'set' }
                    AfterEach { $log.Add("inner after sees $fromBeforeEach and $fromIt") }
                    It 'first' { $fromBeforeEach | Should -Be 'set'; $fromIt = 'it'; $log.Add('first') }
                    It 'second does not see the first''s variables' { $fromIt | Should -BeNullOrEmpty }
                }
                It 'saw the hooks in order' {
                    $log -join ', ' | Should -Be ('outer before, inner before, first, inner after sees set and it, outer after, ' +
                        'outer before, inner before, inner after sees set and , outer after, outer before')
                }
            }
            """);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Outcome == PesterOutcome.Passed, $"{r.Name}: {r.Message}"));
    }

    [Fact]
    public void Code_outside_the_blocks_runs_during_discovery_only()
    {
        var results = Run("""
            $global:discoveries = [int]$global:discoveries + 1
            $fromFile = 'discovery'
            Describe 'd' {
                $fromBody = 'discovery'
                It 'does not see what the file and the Describe body defined' {
                    $fromFile | Should -BeNullOrEmpty
                    $fromBody | Should -BeNullOrEmpty
                }
                It 'the file ran once' { $global:discoveries | Should -Be 1 }
            }
            """);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Outcome == PesterOutcome.Passed, $"{r.Name}: {r.Message}"));
    }

    [Fact]
    public void TestCases_make_one_It_each_named_from_its_keys_which_it_sees_as_variables()
    {
        const string script = """
            Describe 'cases' {
                It 'adds <A> and <B>' -TestCases @(
                    @{ A = 1; B = 2; Sum = 3 }
                    @{ A = 2; B = 2; Sum = 4 }
                ) {
                    $A + $B | Should -Be $Sum
                }
            }
            """;
        var results = Run(script);

        Assert.Equal(["cases > adds 1 and 2", "cases > adds 2 and 2"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Outcome == PesterOutcome.Passed, $"{r.Name}: {r.Message}"));
        Assert.Equal(results.Select(r => r.Name), PesterShimRunner.Discover(Write(script)).Select(t => t.Name));
    }

    [Fact]
    public void Skipped_Its_do_not_run_nor_does_the_setup_of_a_block_with_only_skipped_Its()
    {
        const string script = """
            Describe 'mixed' {
                It 'runs' { }
                It 'is skipped' -Skip { throw 'a skipped It ran' }
            }
            Describe 'all skipped' {
                BeforeAll { throw 'the setup of a block with nothing to run ran' }
                It 'is skipped too' -Skip { }
            }
            """;
        var results = Run(script);

        Assert.Equal(PesterOutcome.Passed, Result(results, "mixed > runs").Outcome);
        Assert.Equal(PesterOutcome.Skipped, Result(results, "mixed > is skipped").Outcome);
        Assert.Equal(PesterOutcome.Skipped, Result(results, "all skipped > is skipped too").Outcome);
        Assert.Equal([false, true, true], PesterShimRunner.Discover(Write(script)).Select(t => t.Skipped));
    }

    [Fact]
    public void A_failing_AfterEach_fails_its_It_and_a_failing_AfterAll_fails_the_blocks_Its()
    {
        var results = Run("""
            Describe 'each' {
                AfterEach { if ($failAfterEach) { throw 'teardown broke' } }
                It 'fails in AfterEach' { $failAfterEach = $true }
                It 'passes' { }
            }
            Describe 'all' {
                AfterAll { throw 'cleanup broke' }
                It 'passed before the AfterAll' { }
            }
            """);

        Assert.Contains("teardown broke", Result(results, "each > fails in AfterEach").Message);
        Assert.Equal(PesterOutcome.Passed, Result(results, "each > passes").Outcome);
        Assert.StartsWith("AfterAll failed: ", Result(results, "all > passed before the AfterAll").Message);
        Assert.Contains("cleanup broke", Result(results, "all > passed before the AfterAll").Message);
    }

    [Theory]
    [InlineData("Describe 'd' { throw 'broken body'; It 'never found' { } }", "broken body")]
    [InlineData("Describe 'd' { It 'adds <A> to <C>' -TestCases @(@{ A = 1 }) { } }", "no key 'C'")]
    [InlineData("Describe 'd' { BeforeAll { }; BeforeAll { }; It 'i' { } }", "BeforeAll is already defined")]
    [InlineData("It 'outside' { }", "must be inside a Describe")]
    public void A_file_that_fails_discovery_is_one_failed_result(string script, string reason)
    {
        var result = Assert.Single(Run(script));
        Assert.Equal(PesterShimRunner.DiscoveryFailure, result.Name);
        Assert.Equal(PesterOutcome.Failed, result.Outcome);
        Assert.Contains(reason, result.Message);
        Assert.Equal([PesterShimRunner.DiscoveryFailure], PesterShimRunner.Discover(Write(script)).Select(t => t.Name));
    }

    private static PesterItResult Result(IReadOnlyList<PesterItResult> results, string name) => Assert.Single(results, r => r.Name == name);

    private IReadOnlyList<PesterItResult> Run(string script) => PesterShimRunner.Run(Write(script));

    private string Write(string script)
    {
        string file = Path.Combine(folder.FullName, "Shim.Tests.ps1");
        File.WriteAllText(file, script);
        return file;
    }
}
