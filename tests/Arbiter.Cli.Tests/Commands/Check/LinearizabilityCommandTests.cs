using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Check;

public class LinearizabilityCommandTests
{
    private static JsonElement RunJson(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(["check", "linearizability", .. args, "--json"]);
        Assert.Equal(0, code);
        Assert.Empty(error);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static int[] Lines(JsonElement operations) => [.. operations.EnumerateArray().Select(o => o.GetProperty("line").GetInt32())];

    [Fact]
    public void Linearizability_LinearizableExample_OnlyPossibleOrderPerKey()
    {
        var doc = RunJson(CliRunner.Example("histories/linearizable.jsonl"));

        Assert.Equal("linearizable", doc.GetProperty("verdict").GetString());
        Assert.Equal(1, doc.GetProperty("dropped_failed").GetInt32());
        var keys = doc.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["x", "y"], keys.Select(k => k.GetProperty("key").GetString()));
        // By hand: get→"2" (line 7) needs the cas (line 4) before it and put "3" (line 6) after it.
        Assert.Equal([1, 2, 4, 7, 6, 8, 11, 12], keys[0].GetProperty("linearization").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Equal([3, 5, 10], keys[1].GetProperty("linearization").EnumerateArray().Select(l => l.GetInt32()));
    }

    [Fact]
    public void Linearizability_StaleReadExample_EvidenceNamesTheRead()
    {
        var doc = RunJson(CliRunner.Example("histories/stale-read.jsonl"));

        Assert.Equal("not_linearizable", doc.GetProperty("verdict").GetString());
        var x = doc.GetProperty("keys")[0];
        Assert.Equal("not_linearizable", x.GetProperty("verdict").GetString());
        var violation = x.GetProperty("violation");
        Assert.Equal([1, 4, 5], Lines(violation.GetProperty("longest_prefix")));
        Assert.Equal("2", violation.GetProperty("value_after_prefix").GetString());
        var stuck = Assert.Single(violation.GetProperty("cannot_come_next").EnumerateArray());
        Assert.Equal(6, stuck.GetProperty("operation").GetProperty("line").GetInt32());
        Assert.Equal("get returned \"1\" but the value is \"2\"", stuck.GetProperty("reason").GetString());
        Assert.Equal("linearizable", doc.GetProperty("keys")[1].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Linearizability_StaleReadHuman_TableEvidenceAndTimeline()
    {
        var (code, output, error) = CliRunner.Run("check", "linearizability", CliRunner.Example("histories/stale-read.jsonl"));

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("NOT linearizable", output);
        Assert.Contains("Longest linearizable prefix: 3 of 4 operations.", output);
        Assert.Contains("✗ line 6  client 2  get(x) → \"1\" [300, 340]: get returned \"1\" but the value is \"2\"", output);
        var timeline = output.Split('\n').Where(l => l.Contains(" L", StringComparison.Ordinal) && l.Contains('|', StringComparison.Ordinal)).ToList();
        Assert.Equal(4, timeline.Count);
        // The stale read starts after the second put ended: its bar begins right of the put's closing '|'.
        Assert.True(timeline[3].IndexOf('|', StringComparison.Ordinal) > timeline[1].LastIndexOf('|'));
        Assert.EndsWith("Verdict: NOT linearizable (key x).", output.TrimEnd());
    }

    [Fact]
    public void Linearizability_UnknownWriteSeenThenUnseen_TimelineRunsToInfinity()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("h.jsonl", """
            {"client": 1, "op": "put", "key": "x", "value": "a", "call": 0, "status": "unknown"}
            {"client": 2, "op": "get", "key": "x", "call": 100, "return": 110, "output": "a", "status": "ok"}
            {"client": 3, "op": "get", "key": "x", "call": 120, "return": 130, "output": null, "status": "ok"}
            """);

        var (code, output, _) = CliRunner.Run("check", "linearizability", file);

        Assert.Equal(0, code);
        Assert.Contains("✗ line 3  client 3  get(x) → absent [120, 130]: get returned absent but the value is \"a\"", output);
        string unknownRow = output.Split('\n').Single(l => l.Contains("✓ L1 c1 put(x, \"a\") → ?", StringComparison.Ordinal));
        Assert.EndsWith("=>", unknownRow.TrimEnd());
    }

    [Fact]
    public void Linearizability_UnknownWriteExample_LinearizableUnknownReadDropped()
    {
        var doc = RunJson(CliRunner.Example("histories/unknown-write.jsonl"));

        Assert.Equal("linearizable", doc.GetProperty("verdict").GetString());
        Assert.Equal(1, doc.GetProperty("dropped_unknown_reads").GetInt32());
        // The timed-out cas (line 2) must land between the read of v1 (line 3) and the read of v2 (line 5).
        Assert.Equal([1, 3, 2, 5, 6], doc.GetProperty("keys")[0].GetProperty("linearization").EnumerateArray().Select(l => l.GetInt32()));
    }

    [Fact]
    public void Linearizability_TinyBudget_UndecidedExit0()
    {
        var doc = RunJson(CliRunner.Example("histories/stale-read.jsonl"), "--max-steps", "2");

        Assert.Equal("undecided", doc.GetProperty("verdict").GetString());
        Assert.Equal(2, doc.GetProperty("max_steps_per_key").GetInt64());
    }

    [Theory]
    [InlineData("{\"client\": 1, \"op\": \"put\", \"key\": \"k\", \"value\": \"v\", \"call\": 0, \"return\": 5, \"status\": \"ok\"}\n\n{\"client\": 1, \"op\": \"get\", \"key\": \"k\", \"call\": 9, \"return\": 2, \"status\": \"ok\"}\n", "3: 'return' is before 'call'")]
    [InlineData("{\"client\": 1, \"op\": \"get\", \"key\": \"k\", \"call\": 9, \"return\": 12, \"status\": \"done\"}\n", "1: 'status': 'done' is not one of ok, fail, unknown")]
    [InlineData("not json\n", "1: invalid JSON: ")]
    public void Linearizability_BadLine_OneLineErrorExit2(string content, string expected)
    {
        using var dir = new TempDirectory();
        string file = dir.Write("history.jsonl", content);

        var (code, output, error) = CliRunner.Run("check", "linearizability", file, "--json");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"arbiter: {file}:{expected}", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Linearizability_MissingFile_OneLineErrorExit2()
    {
        var (code, output, error) = CliRunner.Run("check", "linearizability", "no-such-history.jsonl");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("arbiter: no-such-history.jsonl: no such file", error.TrimEnd('\n'));
    }

    [Fact]
    public void Linearizability_ZeroBudget_OneLineErrorExit2()
    {
        var (code, output, error) = CliRunner.Run("check", "linearizability", CliRunner.Example("histories/stale-read.jsonl"), "--max-steps", "0");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("arbiter: --max-steps: must be at least 1, got 0", error.TrimEnd('\n'));
    }

    [Fact]
    public void Linearizability_Help_HasFormatAndExamples()
    {
        var (code, output, _) = CliRunner.Run("check", "linearizability", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output);
        Assert.Contains("\"status\": \"ok|fail|unknown\"", output);
    }
}
