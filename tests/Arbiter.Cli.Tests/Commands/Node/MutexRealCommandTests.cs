using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Node;

/// <summary>Starts real processes: runs in one collection with the other such tests, not beside them, to keep a 2-core machine's load down.</summary>
[Collection("real processes")]
public class MutexRealCommandTests
{
    [Fact]
    public void SimMutexReal_RicartAgrawalaThreeNodes_SameOutcomeAsSimulator()
    {
        var (code, output, error) = CliRunner.Run("sim", "mutex", "-a", "ricart-agrawala", "-n", "3", "-k", "6", "--real", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var sim = doc.RootElement;
        var real = sim.GetProperty("real");
        Assert.True(real.GetProperty("finished").GetBoolean(), output);
        Assert.Equal(0, sim.GetProperty("violations").GetInt32());
        Assert.Equal(0, real.GetProperty("violations").GetInt32());
        Assert.Equal(6, sim.GetProperty("entries").GetInt32());
        Assert.Equal(6, real.GetProperty("entries").GetInt32());
        Assert.Equal(6, real.GetProperty("requests").GetInt32());
        Assert.True(real.GetProperty("same_outcome_as_simulator").GetBoolean(), output);
        // 2(N−1) = 4 messages per entry on a healthy run; a resend after a stall on a loaded machine may add some.
        Assert.Equal(24, sim.GetProperty("messages").GetInt64());
        Assert.InRange(real.GetProperty("messages").GetInt64(), 24, 1000);
        Assert.Empty(real.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void SimMutexReal_Human_ComparesWithTheSimulator()
    {
        var (code, output, error) = CliRunner.Run("sim", "mutex", "-a", "central", "-n", "3", "-k", "4", "--real");

        Assert.True(code == 0, error);
        Assert.Contains("real: 3 processes over TCP, 4 entries of 4 requests", output);
        Assert.Contains("real: mutual exclusion: held", output);
        Assert.Contains("real vs simulator (seed 1): violations 0 vs 0, entries 4 vs 4", output);
        Assert.Contains("same outcome: yes", output);
    }

    [Theory]
    [InlineData("--faults", "crash 2 at 100ms", "arbiter: --real: faults are not injected into real processes; drop --faults (or --real)")]
    [InlineData("--seeds", "1..10", "arbiter: --real: runs once, not over a seed range; drop --seeds (or --real)")]
    public void SimMutexReal_WithFaultsOrSeeds_OneLineErrorExit2(string option, string value, string expected)
    {
        var (code, output, error) = CliRunner.Run("sim", "mutex", "-n", "3", "--real", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }
}
