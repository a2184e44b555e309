using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Node;

/// <summary>Starts real processes: runs in one collection with the other such tests, not beside them, to keep a 2-core machine's load down.</summary>
[Collection("real processes")]
public class ElectionRealCommandTests
{
    [Fact]
    public void SimElectionReal_BullyThreeNodesLeaderKilled_SameLeaderAsSimulator()
    {
        var (code, output, error) = CliRunner.Run("sim", "election", "-a", "bully", "-n", "3", "--crash", "3", "--real", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var sim = doc.RootElement;
        var real = sim.GetProperty("real");
        Assert.True(real.GetProperty("finished").GetBoolean(), output);
        // Bully: the highest id leads (3); once it is gone, the highest survivor (2).
        Assert.Equal(3, real.GetProperty("first_leader").GetInt32());
        Assert.Equal(2, sim.GetProperty("leader").GetInt32());
        Assert.Equal(2, real.GetProperty("leader").GetInt32());
        Assert.True(real.GetProperty("agreement").GetBoolean());
        Assert.Equal(0, sim.GetProperty("violations").GetInt32());
        Assert.Equal(0, real.GetProperty("violations").GetInt32());
        Assert.True(real.GetProperty("same_outcome_as_simulator").GetBoolean(), output);
        Assert.Empty(real.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void SimElectionReal_WithFaults_OneLineErrorExit2()
    {
        var (code, output, error) = CliRunner.Run("sim", "election", "-n", "3", "--real", "--faults", "random");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("arbiter: --real: faults are not injected into real processes; drop --faults (or --real)", error.TrimEnd('\n', '\r'));
    }
}
