using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Paging;

public class PagingCommandTests
{
    private const string Classic = "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1";

    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Theory]
    [InlineData("fifo", 15)]
    [InlineData("lru", 12)]
    [InlineData("opt", 9)]
    public void Paging_ClassicStringJson_TextbookMissesAndHitRate(string policy, int misses)
    {
        var root = Json("paging", "--policy", policy, "--frames", "3", "--trace", Classic, "--json");

        Assert.Equal(misses, root.GetProperty("misses").GetInt32());
        Assert.Equal(20 - misses, root.GetProperty("hits").GetInt32());
        Assert.Equal((20.0 - misses) / 20, root.GetProperty("hit_rate").GetDouble(), 6);
        var accesses = root.GetProperty("accesses").EnumerateArray().ToArray();
        Assert.Equal(20, accesses.Length);
        Assert.Equal(misses, accesses.Count(a => !a.GetProperty("hit").GetBoolean()));
    }

    [Fact]
    public void Paging_FifoJson_EachAccessHasPageHitEvictedAndFrames()
    {
        var root = Json("paging", "--policy", "fifo", "--frames", "3", "--trace", Classic, "--json");

        var fourth = root.GetProperty("accesses")[3];
        Assert.Equal(2, fourth.GetProperty("page").GetInt64());
        Assert.False(fourth.GetProperty("hit").GetBoolean());
        Assert.Equal(7, fourth.GetProperty("evicted").GetInt64());
        Assert.Equal(new long[] { 2, 0, 1 }, fourth.GetProperty("frames").EnumerateArray().Select(f => f.GetInt64()));
        var first = root.GetProperty("accesses")[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("evicted").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("frames")[1].ValueKind);
    }

    [Fact]
    public void Paging_TraceFile_SameAsInline()
    {
        var fromFile = Json("paging", "--policy", "lru", "--frames", "3", "--trace-file", CliRunner.Example("memory/classic.trace"), "--json");

        Assert.Equal(12, fromFile.GetProperty("misses").GetInt32());
    }

    [Fact]
    public void Paging_HumanGrid_ShowsFramesFaultsAndEvictionsInColumns()
    {
        var (code, output, _) = CliRunner.Run("paging", "--policy", "fifo", "--frames", "3", "--trace", "1,2,3,4,1");

        Assert.Equal(0, code);
        Assert.Contains("reference   1  2  3  4  1", output, StringComparison.Ordinal);
        Assert.Contains("frame 0     1  1  1  4  4", output, StringComparison.Ordinal);
        Assert.Contains("frame 1        2  2  2  1", output, StringComparison.Ordinal);
        Assert.Contains("frame 2           3  3  3", output, StringComparison.Ordinal);
        Assert.Contains("evicted              1  2", output, StringComparison.Ordinal);
        Assert.Contains("5 misses, 0 hits: hit rate 0.0%", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Paging_RandomSeed_ReproducibleAndWithinPages()
    {
        var a = Json("paging", "--policy", "random", "--frames", "4", "--random", "50", "--pages", "8", "--seed", "7", "--json");
        var b = Json("paging", "--policy", "random", "--frames", "4", "--random", "50", "--pages", "8", "--seed", "7", "--json");

        Assert.Equal(a.ToString(), b.ToString());
        Assert.All(a.GetProperty("accesses").EnumerateArray(), x => Assert.InRange(x.GetProperty("page").GetInt64(), 0, 7));
    }

    [Fact]
    public void Paging_Svg_WritesADeterministicGridWithOneGroupPerReference()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "fifo.svg");

        var (code, _, error) = CliRunner.Run("paging", "--policy", "fifo", "--frames", "3", "--trace", Classic, "--svg", path);
        Assert.True(code == 0, error);
        string svg = File.ReadAllText(path);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Equal(15, CountOf(svg, "<g class=\"miss\">"));
        Assert.Equal(5, CountOf(svg, "<g class=\"hit\">"));
        Assert.Equal(12, CountOf(svg, "text-decoration=\"line-through\">") - 1); // one more in the legend
        CliRunner.Run("paging", "--policy", "fifo", "--frames", "3", "--trace", Classic, "--svg", path);
        Assert.Equal(svg, File.ReadAllText(path));
    }

    [Fact]
    public void Sweep_BeladyStringFifo_ReportsTheAnomalyAtFourFrames()
    {
        var root = Json("paging", "sweep", "--policy", "fifo", "--frames", "1..8", "--trace", "1,2,3,4,1,2,5,1,2,3,4,5", "--json");

        var fifo = root.GetProperty("policies")[0];
        Assert.Equal(new long[] { 12, 12, 9, 10, 5, 5, 5, 5 }, fifo.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("misses").GetInt64()));
        var anomaly = Assert.Single(fifo.GetProperty("anomalies").EnumerateArray());
        Assert.Equal((4, 10, 3, 9), (anomaly.GetProperty("frames").GetInt32(), anomaly.GetProperty("misses").GetInt32(),
            anomaly.GetProperty("fewer_frames").GetInt32(), anomaly.GetProperty("fewer_misses").GetInt32()));
    }

    [Fact]
    public void Sweep_HumanSeveralPolicies_NamesTheAnomalyAndTheStackAlgorithmsHaveNone()
    {
        var (code, output, _) = CliRunner.Run("paging", "sweep", "--policy", "fifo,lru,opt", "--frames", "1..6", "--trace-file", CliRunner.Example("memory/belady.trace"));

        Assert.Equal(0, code);
        Assert.Contains("fifo: Belady's anomaly: 4 frames give 10 misses, more than the 9 with 3", output, StringComparison.Ordinal);
        Assert.Contains("lru: no Belady's anomaly", output, StringComparison.Ordinal);
        Assert.Contains("opt: no Belady's anomaly", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("item 2 is empty", "paging", "--trace", "1,,2")]
    [InlineData("item 2: 'x' is not a page number", "paging", "--trace", "1,x")]
    [InlineData("--frames: must be between 1 and", "paging", "--frames", "0", "--trace", "1,2")]
    [InlineData("--policy: unknown policy 'belady'", "paging", "--policy", "belady", "--trace", "1,2")]
    [InlineData("--frames: '8..1' is an empty range", "paging", "sweep", "--frames", "8..1", "--trace", "1,2")]
    [InlineData("--frames: '1..x' is not a frame range", "paging", "sweep", "--frames", "1..x", "--trace", "1,2")]
    [InlineData("--frames: must be between 1 and", "paging", "sweep", "--frames", "0..3", "--trace", "1,2")]
    [InlineData("--policy: unknown policy 'nope'", "paging", "sweep", "--policy", "fifo,nope", "--trace", "1,2")]
    [InlineData("no reference string", "paging", "--frames", "3")]
    [InlineData("give only one of --trace, --trace-file and --random", "paging", "--trace", "1", "--random", "5")]
    [InlineData("--random: must be between 1 and", "paging", "--random", "0")]
    [InlineData("missing.trace: no such file", "paging", "--trace-file", "missing.trace")]
    public void Paging_BadInput_OneLineNamingTheItemExitTwo(string message, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("arbiter: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Paging_BadInputWithSvg_WritesNoFile()
    {
        using var dir = new TempDirectory();

        var (code, _, _) = CliRunner.Run("paging", "--trace", "1,x", "--svg", Path.Combine(dir.Path, "p.svg"));
        Assert.Equal(2, code);
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Paging_Help_HasExamples()
    {
        foreach (var args in new[] { new[] { "paging", "--help" }, new[] { "paging", "sweep", "--help" } })
        {
            var (code, output, _) = CliRunner.Run(args);
            Assert.Equal(0, code);
            Assert.Contains("Examples:", output, StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
