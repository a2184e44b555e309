using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Node;

/// <summary>Starts real processes: runs in one collection with the other such tests, not beside them, to keep a 2-core machine's load down.</summary>
[Collection("real processes")]
public class NodeRunCommandTests
{
    private const string Peers = "1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003";

    [Theory]
    [InlineData("1=127.0.0.1:7001,2=127.0.0.1", "arbiter: --peers: entry 2 '2=127.0.0.1': expected an address HOST:PORT with a numeric IP and a port 1-65535")]
    [InlineData("1=127.0.0.1:7001;2=127.0.0.1:7002", "arbiter: --peers: entry 1 '1=127.0.0.1:7001;2=127.0.0.1:7002': expected an address HOST:PORT with a numeric IP and a port 1-65535")]
    [InlineData("one=127.0.0.1:7001", "arbiter: --peers: entry 1 'one=127.0.0.1:7001': the id must be a positive integer")]
    [InlineData("1=127.0.0.1:7001,,2=127.0.0.1:7002", "arbiter: --peers: entry 2 '': expected ID=HOST:PORT")]
    [InlineData("1=127.0.0.1:7001,1=127.0.0.1:7002", "arbiter: --peers: entry 2 '1=127.0.0.1:7002': id 1 appears twice")]
    public void NodeRun_MalformedPeers_OneLineErrorExit2(string peers, string expected)
    {
        var (code, output, error) = CliRunner.Run("node", "run", "--id", "1", "--peers", peers, "--algorithm", "ping");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }

    [Theory]
    [InlineData(new[] { "--id", "4", "--peers", Peers, "-a", "ping" }, "arbiter: --id: node 4 is not in --peers (1,2,3)")]
    [InlineData(new[] { "--id", "1", "--peers", Peers, "-a", "raft" }, "arbiter: --algorithm: 'raft' is not one of ping, mutex-ra, mutex-central, token-ring, bully, ring, paxos, 2pc")]
    [InlineData(new[] { "--id", "1", "--peers", Peers, "-a", "ping", "-p", "rounds" }, "arbiter: --param: 'rounds' is not KEY=VALUE")]
    [InlineData(new[] { "--id", "1", "--peers", Peers, "-a", "ping", "-p", "rounds=zero" }, "arbiter: --param rounds: 'zero' is not an integer between 1 and 1000000")]
    [InlineData(new[] { "--id", "1", "--peers", Peers, "-a", "ping", "--duration", "soon" }, "arbiter: --duration: 'soon' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)")]
    public void NodeRun_BadOptions_OneLineErrorExit2(string[] args, string expected)
    {
        var (code, _, error) = CliRunner.Run(["node", "run", .. args]);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void NodeRun_PortZero_RefusedByThePeerListSyntax()
    {
        var (code, output, error) = CliRunner.Run("node", "run", "--id", "1", "--peers", "1=127.0.0.1:0", "-a", "ping", "--duration", "100ms");

        // Port 0 is refused by the peer-list syntax: a node must know where its peers listen.
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("port 1-65535", error);
    }

    [Fact]
    public void SimPingReal_ThreeProcessesOverTcp_SameOutcomesAsSimulator()
    {
        var (code, output, error) = CliRunner.Run("sim", "ping", "--nodes", "3", "--rounds", "5", "--real", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var real = doc.RootElement.GetProperty("real");
        Assert.True(real.GetProperty("finished").GetBoolean(), output);
        Assert.Equal(3, real.GetProperty("done").GetInt32());
        Assert.True(real.GetProperty("same_outcomes_as_simulator").GetBoolean(), output);
        Assert.Equal(60, doc.RootElement.GetProperty("messages").GetInt64()); // 2 · 5 · 3 · 2
    }

    [Fact]
    public void SimPing_SweepWithRandomFaults_NoViolations()
    {
        var (code, output, _) = CliRunner.Run("sim", "ping", "--seeds", "1..50", "--faults", "random", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(50, doc.RootElement.GetProperty("runs").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
    }

    [Theory]
    [InlineData("--faults", "crash 2 1s", "arbiter: --faults: fault schedule: at column 9: expected 'at', found '1'")]
    [InlineData("--faults", "crash 7 at 1s", "arbiter: --faults: fault schedule: 'crash 7 at 1s': there is no node 7 (nodes are 1,2,3)")]
    [InlineData("--seeds", "1..x", "arbiter: --seeds: '1..x' is not a seed or a range such as 1..1000")]
    public void SimPing_BadFaultsOrSeeds_OneLineErrorExit2(string option, string value, string expected)
    {
        var (code, output, error) = CliRunner.Run("sim", "ping", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }
}
