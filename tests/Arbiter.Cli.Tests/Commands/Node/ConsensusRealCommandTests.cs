using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Node;

/// <summary>Starts real processes: runs in one collection with the other such tests, not beside them, to keep a 2-core machine's load down.</summary>
[Collection("real processes")]
public class ConsensusRealCommandTests
{
    [Fact]
    public void SimPaxosReal_OneProposerThreeAcceptors_ChoosesItsValueLikeTheSimulator()
    {
        var (code, output, error) = CliRunner.Run("sim", "paxos", "-p", "1", "-a", "3", "--real", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var real = doc.RootElement.GetProperty("real");
        Assert.True(real.GetProperty("finished").GetBoolean(), output);
        // The only proposed value is v1: validity leaves no other choice.
        Assert.Equal("v1", doc.RootElement.GetProperty("chosen").GetString());
        Assert.Equal("v1", real.GetProperty("chosen").GetString());
        Assert.Equal(0, real.GetProperty("violations").GetInt32());
        Assert.True(real.GetProperty("same_outcome_as_simulator").GetBoolean(), output);
    }

    [Theory]
    [InlineData(new int[0], "commit")]
    [InlineData(new[] { 3 }, "abort")]
    public void Sim2pcReal_ThreeParticipants_SameDecisionAsSimulator(int[] voteNo, string expected)
    {
        string[] no = voteNo.Length == 0 ? [] : ["--vote-no", .. voteNo.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var (code, output, error) = CliRunner.Run(["sim", "2pc", "-n", "3", "--real", "--json", .. no]);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var real = doc.RootElement.GetProperty("real");
        Assert.True(real.GetProperty("finished").GetBoolean(), output);
        Assert.Equal(expected, doc.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(expected, real.GetProperty("outcome").GetString());
        Assert.Equal(0, real.GetProperty("violations").GetInt32());
        Assert.True(real.GetProperty("same_outcome_as_simulator").GetBoolean(), output);
    }

    [Fact]
    public void Sim2pcReal_WithCrashPoint_OneLineErrorExit2()
    {
        var (code, output, error) = CliRunner.Run("sim", "2pc", "--crash", "coordinator@prepare", "--real");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("arbiter: --real: crash points are simulated only; drop --crash (or --real)", error.TrimEnd('\n', '\r'));
    }
}
