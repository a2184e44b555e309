using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Sim;

public class PaxosCommandTests
{
    [Fact]
    public void Paxos_OneProposerJson_ChosenWithTextbookCount()
    {
        var (code, output, error) = CliRunner.Run("sim", "paxos", "--proposers", "1", "--acceptors", "5", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("v1", root.GetProperty("chosen").GetString());
        Assert.Equal(20, root.GetProperty("messages").GetInt32());
        Assert.True(root.GetProperty("agreement").GetBoolean());
    }

    [Fact]
    public void Paxos_AcceptorCrashesScripted_AgreementHeld()
    {
        var (code, output, _) = CliRunner.Run("sim", "paxos", "-p", "3", "-a", "5", "--faults", "crash 4 at 5ms, crash 5 at 5ms, restart 4 at 500ms");

        Assert.Equal(0, code);
        Assert.Contains("agreement and validity: held", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Paxos_Sweep_ZeroViolations()
    {
        var (code, output, error) = CliRunner.Run("sim", "paxos", "-p", "3", "-a", "5", "--seeds", "1..40", "--faults", "random", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--proposers", "0" }, "--proposers")]
    [InlineData(new[] { "--acceptors", "40" }, "--acceptors")]
    [InlineData(new[] { "--faults", "crash 99 at 1s" }, "--faults")]
    [InlineData(new[] { "--seeds", "a..b" }, "--seeds")]
    public void Paxos_BadInput_OneLineExit2(string[] options, string message)
    {
        var (code, output, error) = CliRunner.Run(["sim", "paxos", .. options]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paxos_Help_HasExamples() =>
        Assert.Contains("arbiter sim paxos --proposers 2 --acceptors 3", CliRunner.Run("sim", "paxos", "--help").Out, StringComparison.Ordinal);
}
