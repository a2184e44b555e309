using System.Text.Json;
using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Cli.Input;

namespace Arbiter.Cli.Tests.Commands;

public class BankersCommandTests
{
    [Fact]
    public void Check_SeedExample_JsonHasContractKeysAndAReplayableSequence()
    {
        string file = CliRunner.Example("deadlock/bankers-10.yaml");

        var (code, output, error) = CliRunner.Run("bankers", "check", file, "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("safe").GetBoolean());
        Assert.Empty(root.GetProperty("unfinished").EnumerateArray());
        var ledger = StateFile.Load(file);
        var sequence = root.GetProperty("sequence").EnumerateArray().Select(e => ledger.IndexOfProcess(e.GetString()!)).ToArray();
        Assert.True(SequenceReplay.IsSafe(ledger, sequence));
    }

    [Fact]
    public void Check_All_CountsEverySafeSequenceOfTheSeedExample()
    {
        // Worked by hand: Available 6, Needs P0 7, P1 3, P2 1. P0 cannot go first; after P1 (8) or P2 (8) anyone fits.
        // So the sequences are P1·{P0,P2 in either order} and P2·{P0,P1 in either order}: 4.
        var (code, output, _) = CliRunner.Run("bankers", "check", CliRunner.Example("deadlock/bankers-10.yaml"), "--all", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(4, doc.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(4, doc.RootElement.GetProperty("safe_sequences").GetArrayLength());
    }

    [Theory]
    [InlineData("P1", "1,0,2", true, "safe")]
    [InlineData("P4", "3,3,0", false, "unsafe")]
    [InlineData("P0", "0,2,0", true, "safe")]
    [InlineData("P0", "8,0,0", false, "exceeds-claim")]
    [InlineData("P4", "4,0,0", false, "exceeds-available")]
    public void Request_SilberschatzState_DecidesWithTheContractReason(string process, string request, bool granted, string reason)
    {
        // Available (3,3,2). P4 (3,3,0) fits Need (4,3,1) and Available but leaves (0,0,2): nobody's Need fits → unsafe.
        // P4 (4,0,0) is within Need (4,3,1) but above Available A=3. P0 (8,0,0) is above Need (7,4,3).
        var (code, output, _) = CliRunner.Run("bankers", "request", CliRunner.Example("deadlock/silberschatz.yaml"), "--process", process, "--request", request, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(granted, doc.RootElement.GetProperty("granted").GetBoolean());
        Assert.Equal(reason, doc.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Request_NamedVector_EqualsPositionalVector()
    {
        string file = CliRunner.Example("deadlock/silberschatz.yaml");

        var positional = CliRunner.Run("bankers", "request", file, "-p", "P1", "-r", "1,0,2", "--json");
        var named = CliRunner.Run("bankers", "request", file, "-p", "P1", "-r", "A=1,C=2", "--json");

        Assert.Equal(positional.Out, named.Out);
    }

    [Theory]
    [InlineData("--process", "P9", "--request", "1,0,0", "--process: no process 'P9'")]
    [InlineData("--process", "P1", "--request", "1,0", "--request: expected 3 numbers (A, B, C), got 2 in '1,0'")]
    [InlineData("--process", "P1", "--request", "1,-1,0", "--request: '-1' is not a whole number ≥ 0")]
    [InlineData("--process", "P1", "--request", "D=1", "--request: unknown resource 'D'")]
    public void Request_BadArguments_OneLineAndExitCode2(string o1, string v1, string o2, string v2, string expected)
    {
        var (code, output, error) = CliRunner.Run("bankers", "request", CliRunner.Example("deadlock/silberschatz.yaml"), o1, v1, o2, v2);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Check_StateWithoutMax_NamesTheProcessAndField()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("s.yaml", "resources: [A]\ntotal: [2]\nprocesses:\n  - {name: P0, allocation: [1], max: [2]}\n  - {name: P1, allocation: [1]}\n");

        var (code, _, error) = CliRunner.Run("bankers", "check", file);

        Assert.Equal(2, code);
        Assert.Contains("processes[1].max (P1)", error, StringComparison.Ordinal);
    }
}
