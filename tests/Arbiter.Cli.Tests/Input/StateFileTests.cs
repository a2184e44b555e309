using Arbiter.Cli.App;
using Arbiter.Cli.Input;

namespace Arbiter.Cli.Tests.Input;

public class StateFileTests
{
    private const string Valid = """
        resources: [A, B, C]
        total: [10, 5, 7]
        processes:
          - name: P0
            allocation: [0, 1, 0]
            max: [7, 5, 3]
          - name: P1
            allocation: {A: 2}
            max: {A: 3, B: 2, C: 2}
        """;

    [Fact]
    public void Parse_YamlWithListAndMapVectors_BuildsSameLedger()
    {
        var ledger = StateFile.Parse("s.yaml", Valid);

        Assert.Equal(new[] { 8, 4, 7 }, ledger.Available.ToArray());
        Assert.Equal(new[] { 2, 0, 0 }, ledger.Allocation(1).ToArray());
        Assert.Equal(new[] { 3, 2, 2 }, ledger.Max(1).ToArray());
    }

    [Fact]
    public void Parse_JsonAndYamlOfSameState_AgreeOnEveryVector()
    {
        const string json = """
            {"resources": ["A","B","C"], "total": [10,5,7],
             "processes": [{"name": "P0", "allocation": [0,1,0], "max": [7,5,3]},
                           {"name": "P1", "allocation": {"A": 2}, "max": {"A": 3, "B": 2, "C": 2}}]}
            """;
        var fromYaml = StateFile.Parse("s.yaml", Valid);
        var fromJson = StateFile.Parse("s.json", json);

        Assert.Equal(fromYaml.AllocationMatrix.ToArray(), fromJson.AllocationMatrix.ToArray());
        Assert.Equal(fromYaml.MaxMatrix.ToArray(), fromJson.MaxMatrix.ToArray());
        Assert.Equal(fromYaml.Available.ToArray(), fromJson.Available.ToArray());
    }

    [Fact]
    public void Parse_HoldsAndRequestsWithoutResources_DerivesSingleInstanceResources()
    {
        var ledger = StateFile.Parse("g.yaml", """
            processes:
              - {name: P1, holds: [R1], requests: [R2]}
              - {name: P2, holds: [R2], requests: [R1]}
            """);

        Assert.Equal(new[] { "R1", "R2" }, ledger.ResourceNames);
        Assert.True(ledger.IsSingleInstance);
        Assert.Equal(new[] { 0, 0 }, ledger.Available.ToArray());
        Assert.Equal(new[] { 0, 1 }, ledger.Request(0).ToArray());
    }

    [Theory]
    [InlineData("allocation: [0, 1]", "s.yaml:5: processes[0].allocation: expected 3 numbers (A, B, C), got 2")]
    [InlineData("allocation: [0, -1, 0]", "s.yaml:5: processes[0].allocation[1]: must not be negative (got -1)")]
    [InlineData("allocation: {A: 1, D: 1}", "s.yaml:5: processes[0].allocation.D: unknown resource 'D' (resources are A, B, C)")]
    [InlineData("allocation: [11, 0, 0]", "s.yaml:2: total: allocation of A adds up to 11 (P0=11), above total 10")]
    [InlineData("max: [0, 0, 0]\n    allocation: [1, 0, 0]", "s.yaml:5: processes[0].max (P0): max 0 of A is below its allocation 1")]
    [InlineData("max: [7, 9, 0]", "s.yaml:5: processes[0].max (P0): max 9 of B exceeds the total 5")]
    [InlineData("alocation: [1, 0, 0]", "s.yaml:5: processes[0].alocation: unknown field 'alocation' (did you mean 'allocation'?)")]
    [InlineData("allocation: [1, x, 0]", "s.yaml:5: processes[0].allocation[1]: expected a whole number ≥ 0, got 'x'")]
    [InlineData("holds: [Z]", "s.yaml:5: processes[0].holds[0]: unknown resource 'Z' (resources are A, B, C)")]
    [InlineData("priority: -1", "s.yaml:5: processes[0].priority: must not be negative (got -1)")]
    public void Parse_InconsistentProcess_NamesFileLineAndField(string field, string expected)
    {
        // Line 1 resources, 2 total, 3 processes, 4 "- name: P0", 5 the field under test.
        string text = "resources: [A, B, C]\ntotal: [10, 5, 7]\nprocesses:\n  - name: P0\n    " + field + "\n";

        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.yaml", text));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_TotalAndAvailableDisagree_SaysByHowMuch()
    {
        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.yaml", """
            resources: [A]
            total: [10]
            available: [5]
            processes:
              - {name: P0, allocation: [2]}
            """));

        Assert.Equal("s.yaml:3: available: available 5 of A disagrees with total 10 minus allocated 2 (= 8)", error.Message);
    }

    [Fact]
    public void Parse_DuplicateProcess_NamesIt()
    {
        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.yaml", """
            resources: [A]
            total: [1]
            processes:
              - {name: P0}
              - {name: P0}
            """));

        Assert.Equal("s.yaml:5: processes[1].name (P0): process 'P0' is listed twice", error.Message);
    }

    [Fact]
    public void Parse_MissingTotalAndAvailable_SaysWhatToGive()
    {
        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.yaml", "resources: [A]\nprocesses: []\n"));

        Assert.Equal("s.yaml:1: give 'total' or 'available' (or both)", error.Message);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsJsonLine()
    {
        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.json", "{\n  \"resources\": [\"A\",]\n}"));

        Assert.StartsWith("s.json:2: invalid JSON:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsYamlLine()
    {
        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.yaml", "resources: [A\nprocesses: ]\n"));

        Assert.StartsWith("s.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownExtension_IsRejected()
    {
        var error = Assert.Throws<InputException>(() => StateFile.Parse("s.txt", "{}"));

        Assert.Equal("s.txt: unknown file type '.txt' (use .json, .yaml or .yml)", error.Message);
    }
}
