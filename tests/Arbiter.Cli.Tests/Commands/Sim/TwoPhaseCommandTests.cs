using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Sim;

public class TwoPhaseCommandTests
{
    [Fact]
    public void TwoPhase_CoordinatorCrashAtPrepareJson_BlockedThenAbortedEverywhere()
    {
        var (code, output, error) = CliRunner.Run("sim", "2pc", "--participants", "3", "--crash", "coordinator@prepare", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("abort", root.GetProperty("outcome").GetString());
        Assert.Equal([2, 3, 4], root.GetProperty("blocked").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(root.GetProperty("longest_uncertainty_ms").GetDouble() >= 980);
        Assert.Equal(["begin", "decision abort", "end"], root.GetProperty("coordinator_log").EnumerateArray().Select(e => e.GetString()));
        Assert.True(root.GetProperty("atomic").GetBoolean());
    }

    [Fact]
    public void TwoPhase_Healthy_CommitWith4NMessages()
    {
        var (code, output, _) = CliRunner.Run("sim", "2pc", "-n", "3");

        Assert.Equal(0, code);
        Assert.Contains("outcome: commit everywhere", output, StringComparison.Ordinal);
        Assert.Contains("messages: 12 (no failure: 4N = 12)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoPhase_Sweep_ZeroViolations()
    {
        var (code, output, error) = CliRunner.Run("sim", "2pc", "-n", "4", "--seeds", "1..60", "--faults", "random", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--crash", "coordinator@lunch" }, "--crash: 'coordinator@lunch' is not one of")]
    [InlineData(new[] { "--vote-no", "1" }, "--vote-no: node 1 is not a participant")]
    [InlineData(new[] { "--participants", "0" }, "--participants")]
    [InlineData(new[] { "--faults", "heal at soon" }, "--faults")]
    public void TwoPhase_BadInput_OneLineExit2(string[] options, string message)
    {
        var (code, output, error) = CliRunner.Run(["sim", "2pc", .. options]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoPhase_Help_HasExamples() =>
        Assert.Contains("arbiter sim 2pc --participants 3 --crash coordinator@prepare", CliRunner.Run("sim", "2pc", "--help").Out, StringComparison.Ordinal);
}
