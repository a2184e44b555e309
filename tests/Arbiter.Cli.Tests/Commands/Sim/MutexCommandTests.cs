using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Sim;

public class MutexCommandTests
{
    [Fact]
    public void Mutex_RicartAgrawalaJson_TwoNMinus1PerEntryNoViolation()
    {
        var (code, output, error) = CliRunner.Run("sim", "mutex", "--algorithm", "ricart-agrawala", "--nodes", "4", "--requests", "12", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(0, root.GetProperty("violations").GetInt32());
        Assert.Equal(12, root.GetProperty("entries").GetInt32());
        Assert.Equal(6.0, root.GetProperty("messages_per_entry").GetDouble());
        Assert.True(root.GetProperty("max_wait_ms").GetDouble() > 0);
    }

    [Fact]
    public void Mutex_SweepRandomFaults_ZeroViolationsAndWorstCase()
    {
        var (code, output, error) = CliRunner.Run("sim", "mutex", "-a", "token-ring", "--seeds", "1..50", "--faults", "random", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
        Assert.Equal(50, doc.RootElement.GetProperty("runs").GetInt32());
        Assert.True(doc.RootElement.GetProperty("worst").GetProperty("seed").GetInt32() is >= 1 and <= 50);
    }

    [Fact]
    public void Mutex_Table_ReportsTheory()
    {
        var (code, output, _) = CliRunner.Run("sim", "mutex", "-a", "central", "-n", "3", "-k", "6");

        Assert.Equal(0, code);
        Assert.Contains("(3 per entry; theory 3)", output, StringComparison.Ordinal);
        Assert.Contains("mutual exclusion: held", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--algorithm", "lamport" }, "--algorithm: 'lamport' is not one of")]
    [InlineData(new[] { "--nodes", "0" }, "--nodes")]
    [InlineData(new[] { "-a", "central", "--nodes", "1" }, "--nodes: the central algorithm needs at least 2")]
    [InlineData(new[] { "--seeds", "9..1" }, "--seeds")]
    [InlineData(new[] { "--faults", "crash 9 at 1s" }, "--faults")]
    [InlineData(new[] { "--faults", "explode at 1s" }, "--faults")]
    public void Mutex_BadInput_OneLineExit2(string[] options, string message)
    {
        var (code, output, error) = CliRunner.Run(["sim", "mutex", .. options]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutex_Help_HasExamples()
    {
        var (code, output, _) = CliRunner.Run("sim", "mutex", "--help");

        Assert.Equal(0, code);
        Assert.Contains("arbiter sim mutex -a central --seeds 1..1000 --faults random", output, StringComparison.Ordinal);
    }
}
