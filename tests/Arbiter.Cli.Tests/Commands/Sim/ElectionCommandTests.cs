using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Sim;

public class ElectionCommandTests
{
    [Fact]
    public void Election_BullyJson_HighestLiveLeadsWithAgreement()
    {
        var (code, output, error) = CliRunner.Run("sim", "election", "--algorithm", "bully", "--nodes", "5", "--crash", "5", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("leader").GetInt32());
        Assert.True(root.GetProperty("agreement").GetBoolean());
        Assert.True(root.GetProperty("elected_at_ms").GetDouble() > 1000);
        Assert.True(root.GetProperty("messages").GetInt32() > 0);
    }

    [Fact]
    public void Election_RingConcurrent_AgreementTable()
    {
        var (code, output, _) = CliRunner.Run("sim", "election", "-a", "ring", "-n", "6", "--crash", "6", "--concurrent", "3");

        Assert.Equal(0, code);
        Assert.Contains("agreement: every running node follows node 5", output, StringComparison.Ordinal);
        Assert.Contains("uniqueness: held", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Election_Sweep_ZeroViolations()
    {
        var (code, output, error) = CliRunner.Run("sim", "election", "-a", "bully", "--seeds", "1..30", "--faults", "random", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--algorithm", "raft" }, "--algorithm: 'raft' is not one of")]
    [InlineData(new[] { "--crash", "9" }, "--crash: node 9 is not in the group")]
    [InlineData(new[] { "--concurrent", "0" }, "--concurrent")]
    [InlineData(new[] { "--concurrent", "6" }, "--concurrent")]
    [InlineData(new[] { "--faults", "partition {1,2}|{9} at 1s" }, "--faults")]
    public void Election_BadInput_OneLineExit2(string[] options, string message)
    {
        var (code, output, error) = CliRunner.Run(["sim", "election", .. options]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Election_Help_HasExamples()
    {
        var (code, output, _) = CliRunner.Run("sim", "election", "--help");

        Assert.Equal(0, code);
        Assert.Contains("arbiter sim election --algorithm bully --nodes 5 --crash 5", output, StringComparison.Ordinal);
    }
}
