using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Sim;

public class ClockSyncCommandTests
{
    [Fact]
    public void ClockSync_CristianJson_ResidualPerNodeBelowUncorrected()
    {
        var (code, output, error) = CliRunner.Run("sim", "clocksync", "--algorithm", "cristian", "--nodes", "4", "--drift", "100ppm", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var nodes = doc.RootElement.GetProperty("residual_skew").EnumerateArray().ToList();
        Assert.Equal(4, nodes.Count);
        Assert.True(doc.RootElement.GetProperty("max_residual_ms").GetDouble() <= 10.1);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
    }

    [Fact]
    public void ClockSync_Sweep_ZeroViolations()
    {
        var (code, output, error) = CliRunner.Run("sim", "clocksync", "-a", "berkeley", "--seeds", "1..20", "--faults", "random", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--drift", "fast" }, "--drift: 'fast' is not a drift")]
    [InlineData(new[] { "--algorithm", "gps" }, "--algorithm: 'gps' is not one of")]
    [InlineData(new[] { "--nodes", "1" }, "--nodes: clock synchronisation needs at least 2")]
    [InlineData(new[] { "--asymmetry", "-3ms" }, "--asymmetry")]
    public void ClockSync_BadInput_OneLineExit2(string[] options, string message)
    {
        var (code, output, error) = CliRunner.Run(["sim", "clocksync", .. options]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ClockSync_Help_HasExamples() =>
        Assert.Contains("arbiter sim clocksync --algorithm cristian --nodes 4 --drift 100ppm", CliRunner.Run("sim", "clocksync", "--help").Out, StringComparison.Ordinal);
}
