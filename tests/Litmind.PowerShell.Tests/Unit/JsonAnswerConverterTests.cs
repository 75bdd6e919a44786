using System.Management.Automation;
using Litmind.PowerShell.Conversion;
using Newtonsoft.Json;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// The converter reuses what it can across the objects of one answer (the field names of each
/// nesting level, the prefixed type names): what one object reads must never leak into another.
/// </summary>
public sealed class JsonAnswerConverterTests
{
    private static object Convert(string json)
    {
        var converter = new JsonAnswerConverter("entity", "Litmind.", new HashSet<string> { "isSuccess" }, maskText: null);
        using var reader = new JsonTextReader(new StringReader(json));
        reader.Read();
        return converter.ReadTop(reader, out _);
    }

    [Fact]
    public void Nested_objects_and_their_siblings_may_reuse_the_names_of_their_parent_in_any_case()
    {
        var top = (PSObject)Convert("""
            {"name": "top", "child": {"Name": "child", "CHILD": {"name": "grandchild"}}, "sibling": {"NAME": "sibling", "child": 1}, "after": true}
            """);

        Assert.Equal(new[] { "name", "child", "sibling", "after" }, top.Properties.Select(p => p.Name));
        var child = (PSObject)top.Properties["child"].Value;
        Assert.Equal("child", child.Properties["Name"].Value);
        Assert.Equal("grandchild", ((PSObject)child.Properties["CHILD"].Value).Properties["name"].Value);
        Assert.Equal(new[] { "NAME", "child" }, ((PSObject)top.Properties["sibling"].Value).Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_name_repeated_after_a_nested_object_is_still_refused()
    {
        var failure = Assert.Throws<DuplicateKeyException>(() => Convert("""{"items": [{"id": 1, "inner": {"x": 1}, "ID": 2}]}"""));
        Assert.Contains("'items[0]'", failure.Message);
        Assert.Contains("'id' and 'ID'", failure.Message);
    }

    [Fact]
    public void A_name_given_twice_in_the_same_case_is_said_to_repeat_not_to_differ_in_case()
    {
        var failure = Assert.Throws<DuplicateKeyException>(() => Convert("""{"a": 1, "a": 2}"""));
        Assert.Contains("'a' twice", failure.Message);
        Assert.DoesNotContain("case", failure.Message);
    }

    [Fact]
    public void Every_object_named_by_its_type_field_gets_the_prefixed_type_name_and_integers_stay_Int64()
    {
        var list = (object[])Convert("""[{"entity": "Notification", "id": 1}, {"entity": "Notification", "id": 2}, {"entity": "Casting", "id": 9007199254740993}]""");

        Assert.Equal(new[] { "Litmind.Notification", "Litmind.Notification", "Litmind.Casting" }, list.Select(o => ((PSObject)o).TypeNames[0]));
        Assert.Equal(new object[] { 1L, 2L, 9007199254740993L }, list.Select(o => ((PSObject)o).Properties["id"].Value));
    }

    [Fact]
    public void Past_the_type_names_it_keeps_every_object_still_gets_its_own()
    {
        int count = JsonAnswerConverter.MaximumCachedTypeNames + 10;
        var json = "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"entity": "Kind{{i}}"}""")) + "]";

        var list = (object[])Convert(json);

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"Litmind.Kind{i}"), list.Select(o => ((PSObject)o).TypeNames[0]));
    }
}
