using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Sim;

public class ClocksCommandTests
{
    [Fact]
    public void Clocks_SeedExercise_HandComputedLamportAndVectorTimestamps()
    {
        var (code, output, error) = CliRunner.Run("sim", "clocks", "--events", "P1->P2, P2->P3, P3->P1", "--json");

        Assert.Equal(0, code);
        Assert.Empty(error);
        using var doc = JsonDocument.Parse(output);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToList();
        // By hand (Lamport IR1/IR2): 1, max(0,1)+1 = 2, 3, max(0,3)+1 = 4, 5, max(1,5)+1 = 6.
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.GetProperty("lamport").GetInt64()));
        Assert.Equal(["1,0,0", "1,1,0", "1,2,0", "1,2,1", "1,2,2", "2,2,2"],
            events.Select(e => string.Join(',', e.GetProperty("vector").EnumerateArray().Select(v => v.GetInt64()))));
        var pairs = doc.RootElement.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(15, pairs.Count);
        Assert.All(pairs, p => Assert.Equal("happened_before", p.GetProperty("relation").GetString()));
    }

    [Fact]
    public void Clocks_LocalEvents_ConcurrentPairsReported()
    {
        var (code, output, _) = CliRunner.Run("sim", "clocks", "--events", "P1.a, P2.b", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var pair = Assert.Single(doc.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal(("P1.1", "P2.1", "concurrent"), (pair.GetProperty("a").GetString(), pair.GetProperty("b").GetString(), pair.GetProperty("relation").GetString()));
    }

    [Fact]
    public void Clocks_Human_TableAndLamportCaveat()
    {
        var (code, output, _) = CliRunner.Run("sim", "clocks", "--events", "P1.a, P2->P1, P3.b, P1->P3");

        Assert.Equal(0, code);
        Assert.Contains("receive m1 from P2", output);
        Assert.Contains("15 pairs: 10 ordered by happened-before, 5 concurrent.", output);
        Assert.Contains("Lamport alone cannot tell", output);
    }

    [Theory]
    [InlineData("P1->P2, Q3", "arbiter: --events: at column 9: expected a process such as P2, found 'Q'")]
    [InlineData("P1->", "arbiter: --events: at column 5: expected a process such as P2, found end of input")]
    [InlineData("P1->P1", "arbiter: --events: at column 5: P1 cannot send to itself (write a local event: P1), found 'P'")]
    [InlineData("P1->P2 P3", "arbiter: --events: at column 8: expected ',' or the end, found 'P'")]
    [InlineData("P0", "arbiter: --events: at column 2: processes are numbered P1 to P64, found '0'")]
    [InlineData("P1.", "arbiter: --events: at column 4: expected a label (letters, digits, '_' or '-'), found end of input")]
    [InlineData("", "arbiter: --events: at column 1: expected a process such as P2, found end of input")]
    public void Clocks_MalformedList_OneLineErrorExit2(string events, string expected)
    {
        var (code, output, error) = CliRunner.Run("sim", "clocks", "--events", events);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void Clocks_Svg_WritesSpaceTimeDiagram()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "clocks.svg");

        var (code, _, _) = CliRunner.Run("sim", "clocks", "--events", "P1->P2:req, P2->P1:ok, P3", "--svg", file);

        Assert.Equal(0, code);
        string svg = File.ReadAllText(file);
        Assert.StartsWith("<svg", svg);
        Assert.Equal(2, CountOf(svg, "class=\"message\""));
        Assert.Equal(5, CountOf(svg, "class=\"event\""));
        Assert.Contains("P2.2 L=3 [1,2,0]", svg);
    }

    [Fact]
    public void Clocks_BadEventsWithSvg_NoFileWritten()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "clocks.svg");

        var (code, _, _) = CliRunner.Run("sim", "clocks", "--events", "P1->", "--svg", file);

        Assert.Equal(2, code);
        Assert.False(File.Exists(file));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
