using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands;

public class DeadlockCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Detect_SeedMatrixExample_FindsNoDeadlockContraryToTheSlide()
    {
        // By hand: Work (3,3,2); P0 req 0 → (3,4,2); P1 req (2,0,2) ≤ (3,4,2) → (5,4,2); P2 → (8,4,4); P3 (1,0,0) → done.
        var root = Json("deadlock", "detect", CliRunner.Example("deadlock/detection-seed.yaml"), "--json");

        Assert.Empty(Names(root.GetProperty("deadlocked")));
        Assert.Equal(new[] { "P0", "P1", "P2", "P3" }, Names(root.GetProperty("finish_order")));
    }

    [Fact]
    public void Detect_RagExercise_ListsTheOneCycleThroughAllSixNodes()
    {
        var root = Json("deadlock", "detect", CliRunner.Example("deadlock/rag-exercise.yaml"), "--json");

        Assert.Equal(new[] { "P1", "P2", "P3" }, Names(root.GetProperty("deadlocked")));
        var cycles = root.GetProperty("cycles").EnumerateArray().Select(Names).ToArray();
        Assert.Single(cycles);
        Assert.Equal(new[] { "P1", "R2", "P2", "R3", "P3", "R1" }, cycles[0]);
        Assert.True(root.GetProperty("single_instance").GetBoolean());
    }

    [Fact]
    public void Detect_MultiInstanceCycle_ReportsCycleButNoDeadlock()
    {
        var root = Json("deadlock", "detect", CliRunner.Example("deadlock/cycle-without-deadlock.yaml"), "--json");

        Assert.Empty(Names(root.GetProperty("deadlocked")));
        Assert.Equal(1, root.GetProperty("cycles").GetArrayLength());
    }

    [Theory]
    [InlineData("terminate-all", new[] { "P1", "P3", "P4" })]
    [InlineData("terminate-one", null)]
    public void Recover_DeadlockedExample_LeavesNoDeadlock(string strategy, string[]? expectedTerminated)
    {
        var root = Json("deadlock", "recover", CliRunner.Example("deadlock/deadlocked.yaml"), "--strategy", strategy, "--json");

        Assert.Equal(new[] { "P1", "P3", "P4" }, Names(root.GetProperty("deadlocked")));
        var victims = root.GetProperty("victims").EnumerateArray().ToArray();
        Assert.NotEmpty(victims);
        Assert.Empty(Names(victims[^1].GetProperty("deadlocked_after")));
        if (expectedTerminated is not null)
        {
            Assert.Equal(expectedTerminated, Names(root.GetProperty("terminated")).Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.True(root.GetProperty("terminated").GetArrayLength() < 3);
        }
    }

    [Fact]
    public void Recover_StateAfter_IsAValidStateFileWithoutDeadlock()
    {
        using var dir = new TempDirectory();
        var root = Json("deadlock", "recover", CliRunner.Example("deadlock/deadlocked.yaml"), "--strategy", "preempt", "--json");
        string after = dir.Write("after.json", root.GetProperty("state_after").GetRawText());

        var detect = Json("deadlock", "detect", after, "--json");

        Assert.Empty(Names(detect.GetProperty("deadlocked")));
    }

    [Fact]
    public void Graph_Svg_WritesAStandaloneSvgWithTheCycleHighlighted()
    {
        using var dir = new TempDirectory();
        string svg = Path.Combine(dir.Path, "rag.svg");
        string dot = Path.Combine(dir.Path, "rag.dot");

        var (code, _, error) = CliRunner.Run("deadlock", "graph", CliRunner.Example("deadlock/dining-philosophers.yaml"), "--svg", svg, "--dot", dot);

        Assert.True(code == 0, error);
        var document = System.Xml.Linq.XDocument.Load(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        var edges = document.Descendants().Where(e => ((string?)e.Attribute("class"))?.StartsWith("edge", StringComparison.Ordinal) == true).ToArray();
        Assert.Equal(10, edges.Length);
        Assert.All(edges, e => Assert.Contains("on-cycle", (string?)e.Attribute("class"), StringComparison.Ordinal));
        Assert.Contains("\"Ph0\" -> \"F1\"", File.ReadAllText(dot), StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_WithoutOutput_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("deadlock", "graph", CliRunner.Example("deadlock/two-mutexes.yaml"));

        Assert.Equal(2, code);
        Assert.Equal("arbiter: give --svg FILE or --dot FILE (or both)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Graph_BadStateFile_WritesNothing()
    {
        using var dir = new TempDirectory();
        string bad = dir.Write("bad.yaml", "processes:\n  - {name: P1, holds: [R1]}\n  - {name: P2, holds: [R1]}\n");

        var (code, _, error) = CliRunner.Run("deadlock", "graph", bad, "--svg", Path.Combine(dir.Path, "out.svg"));

        Assert.Equal(2, code);
        Assert.Contains("above total 1", error, StringComparison.Ordinal);
        Assert.Equal(new[] { "bad.yaml" }, dir.Files());
    }

    [Fact]
    public void Prevent_TwoLocks_FlagsP2UnderOrderingAndDeadlocksWithoutPolicy()
    {
        var root = Json("deadlock", "prevent", CliRunner.Example("prevention/two-locks.yaml"), "--json");

        var ordering = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("policy").GetString() == "resource-ordering");
        var violation = ordering.GetProperty("violations").EnumerateArray().Single();
        Assert.Equal("P2", violation.GetProperty("process").GetString());
        Assert.Equal("A", violation.GetProperty("resource").GetString());
        var runs = root.GetProperty("simulations").EnumerateArray().ToArray();
        Assert.False(runs[0].GetProperty("completed").GetBoolean());
        Assert.Equal(new[] { "P1", "P2" }, Names(runs[0].GetProperty("deadlocked")));
        Assert.True(runs[1].GetProperty("completed").GetBoolean());
    }

    [Theory]
    [InlineData("steps: [acquire Z]", "unknown resource 'Z'")]
    [InlineData("steps: [grab A]", "unknown step 'grab A'")]
    [InlineData("stepz: [acquire A]", "unknown field 'stepz' (did you mean 'steps'?)")]
    public void Prevent_BadScript_NamesFileLineAndField(string line, string expected)
    {
        using var dir = new TempDirectory();
        string file = dir.Write("s.yaml", $"resources: [A]\nprocesses:\n  - name: P1\n    {line}\n");

        var (code, output, error) = CliRunner.Run("deadlock", "prevent", file);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("s.yaml:4:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
