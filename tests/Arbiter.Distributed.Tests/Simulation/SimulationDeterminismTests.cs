using Arbiter.Distributed.Samples;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Simulation;

public class SimulationDeterminismTests
{
    private static SimulationResult RunPingPong(int seed, NetworkOptions network, string faults = "") =>
        new Simulation<PingMessage, NoRecord>(new SimulationOptions<PingMessage, NoRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(4),
            NodeFactory = _ => new PingPongNode(5),
            Network = network,
            Faults = FaultSchedule.Parse(faults),
            MaxClockSkew = TimeSpan.FromMilliseconds(5),
            MaxClockDrift = 1e-4,
        }).Run();

    private static readonly NetworkOptions Faulty = new()
    {
        Latency = LatencyDistribution.Exponential(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4)),
        Loss = 0.1,
        Duplication = 0.1,
        Reordering = 0.3,
    };

    [Fact]
    public void Run_SameSeedTwice_IdenticalTraceEventForEvent()
    {
        var a = RunPingPong(17, Faulty, "partition {1,2}|{3,4} at 5ms, heal at 20ms, crash 3 at 25ms, restart 3 at 30ms");
        var b = RunPingPong(17, Faulty, "partition {1,2}|{3,4} at 5ms, heal at 20ms, crash 3 at 25ms, restart 3 at 30ms");

        Assert.True(a.Trace.Count > 50);
        Assert.Equal(a.Trace.Select(e => e.Describe()), b.Trace.Select(e => e.Describe()));
        Assert.Equal(a.Counters.Delivered, b.Counters.Delivered);
    }

    [Fact]
    public void Run_DifferentSeeds_DifferentTraces()
    {
        var a = RunPingPong(1, Faulty);
        var b = RunPingPong(2, Faulty);

        Assert.NotEqual(a.Trace.Select(e => e.Describe()), b.Trace.Select(e => e.Describe()));
    }

    [Fact]
    public void Run_PingPongWithoutFaults_EveryNodeDoneWithTheoreticalMessageCount()
    {
        var result = RunPingPong(3, NetworkOptions.Reliable);

        // 4 nodes, 5 rounds: each node pings 3 peers 5 times and answers 3 × 5 pings → 2 · 5 · 4 · 3 messages.
        Assert.Equal(120, result.Counters.Sent);
        Assert.Equal(120, result.Counters.Delivered);
        Assert.Equal(0, result.Counters.Dropped);
        Assert.Equal([1, 2, 3, 4], result.Observed<PingPongDone>().Select(d => d.Value.Node).Order());
        Assert.All(result.Observed<PingPongDone>(), d => Assert.Equal(15, d.Value.Pongs));
        Assert.Equal(StopReason.Quiescent, result.StopReason);
        Assert.Equal(60, result.Counters.SentByKind["Ping"]);
    }
}
