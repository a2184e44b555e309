using Arbiter.Distributed.Samples;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.Simulation;

public class SimulationApiTests
{
    private static SimulationOptions<Tick, int> Options(int seed = 1) => new()
    {
        Seed = seed,
        Nodes = NodeIds.Range(3),
        NodeFactory = _ => new TickerNode(20),
    };

    [Fact]
    public void Schedule_InputAtTime_DeliveredFromTheClientThen()
    {
        var sim = new Simulation<Tick, int>(Options());
        sim.Schedule(TimeSpan.FromMilliseconds(100), 3, new Tick(99));
        var result = sim.Run();

        var input = Assert.Single(result.Trace, e => e.Kind == TraceKind.Input);
        Assert.Equal((TimeSpan.FromMilliseconds(100), 3, Simulation<Tick, int>.Client), (input.Time, input.Node, input.Peer));
        Assert.Equal(99, ((TickerNode)sim.NodeOf(3)!).Received[^1]);
        Assert.Equal(1, result.Counters.Inputs);
    }

    [Fact]
    public void At_Callback_SeesTheGlobalViewAndCanCrash()
    {
        var sim = new Simulation<Tick, int>(Options());
        bool wasUp = false;
        sim.At(TimeSpan.FromMilliseconds(5), s =>
        {
            wasUp = s.IsUp(2);
            s.Crash(2);
        });
        var result = sim.Run();

        Assert.True(wasUp);
        Assert.False(sim.IsUp(2));
        Assert.Null(sim.NodeOf(2));
        Assert.Contains(result.Trace, e => e.Kind == TraceKind.Crash && e.Node == 2 && e.Time == TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void Run_Until_StopsAtTheLimit()
    {
        var result = new Simulation<Tick, int>(Options() with { Until = TimeSpan.FromMilliseconds(7.5) }).Run();

        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.Equal(TimeSpan.FromMilliseconds(7.5), result.EndTime);
        Assert.Equal(7 * 2, result.Counters.Sent);
    }

    [Fact]
    public void Run_StopWhen_StopsAsSoonAsItHolds()
    {
        var result = new Simulation<Tick, int>(Options() with { StopWhen = v => v.Counters.Delivered >= 5 }).Run();

        Assert.Equal(StopReason.Predicate, result.StopReason);
        Assert.Equal(5, result.Counters.Delivered);
    }

    [Fact]
    public void Run_ClockSkewAndDrift_LocalClockAndTimersFollowIt()
    {
        var clocks = new Dictionary<int, NodeClock> { [1] = new(TimeSpan.FromSeconds(3), 1.0) }; // runs twice as fast
        var sim = new Simulation<Tick, int>(Options() with { Clocks = clocks, Until = TimeSpan.FromMilliseconds(10) });
        var result = sim.Run();

        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(20), sim.LocalNow(1));
        Assert.Equal(TimeSpan.FromMilliseconds(10), sim.LocalNow(2));
        // Its 1 ms timers take 0.5 ms of true time: 20 rounds of 2 messages by 10 ms.
        Assert.Equal(40, result.Counters.Sent);
    }

    [Fact]
    public void Run_InvariantBroken_ViolationCarriesSeedTimeAndRecentEvents()
    {
        var noTickFive = Invariant.Create<Tick, int>("no-tick-five", (_, e) =>
            e.Kind == TraceKind.Receive && e.Payload is Tick { Number: 5 } ? $"node {e.Node} received tick 5" : null);
        var result = new Simulation<Tick, int>(Options(seed: 77) with { Invariants = [noTickFive] }).Run();

        var violation = Assert.Single(result.Violations);
        Assert.Equal(StopReason.Violation, result.StopReason);
        Assert.Equal(77, violation.Seed);
        Assert.Equal(result.EndTime, violation.Time);
        Assert.Equal(TraceKind.Receive, violation.RecentEvents[^1].Kind);
        Assert.Equal(20, violation.RecentEvents.Count);
        Assert.StartsWith("seed 77, at ", violation.ToString());
        Assert.EndsWith(": no-tick-five: node 2 received tick 5", violation.ToString());
    }

    [Fact]
    public void Run_FinishCheck_RunsAtTheEnd()
    {
        var everyone = Invariant.Create<Tick, int>("all-ticks", (_, _) => null,
            v => ((TickerNode)v.NodeOf(3)!).Received.Count == 20 ? null : "node 3 missed ticks");
        var healthy = new Simulation<Tick, int>(Options() with { Invariants = [everyone] }).Run();
        var lossy = new Simulation<Tick, int>(Options() with
        {
            Invariants = [Invariant.Create<Tick, int>("all-ticks", (_, _) => null, v => ((TickerNode)v.NodeOf(3)!).Received.Count == 20 ? null : "node 3 missed ticks")],
            Network = new NetworkOptions { Loss = 0.5 },
        }).Run();

        Assert.True(healthy.Passed);
        Assert.Equal("node 3 missed ticks", Assert.Single(lossy.Violations).Message);
    }

    [Fact]
    public void Sweep_SeedsInParallel_SameAnswerAsSequentialAndFirstFailingSeed()
    {
        SimulationResult RunOne(int seed) => new Simulation<PingMessage, NoRecord>(new SimulationOptions<PingMessage, NoRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(3),
            NodeFactory = _ => new PingPongNode(3),
            Network = new NetworkOptions { Loss = 0.05 },
            RecordTrace = false,
            Invariants = [Invariant.Create<PingMessage, NoRecord>("all-done", (_, _) => null,
                v => v.Observations.Count == 3 ? null : $"{v.Observations.Count} of 3 nodes done")],
        }).Run();

        var parallel = Sweep.Run(SeedRange.Parse("1..60"), RunOne, r => r.Counters.Delivered, parallelism: 2);
        var sequential = Sweep.Run(SeedRange.Parse("1..60"), RunOne, r => r.Counters.Delivered, parallelism: 1);

        Assert.Equal(sequential.Runs.Select(r => (r.Seed, r.Passed, r.Metric)), parallel.Runs.Select(r => (r.Seed, r.Passed, r.Metric)));
        Assert.NotEmpty(parallel.Failures); // 5 % loss without retransmission leaves some node waiting
        Assert.Equal(parallel.Failures[0].Seed, parallel.FirstFailingSeed);
        Assert.Equal(parallel.FirstFailingSeed, parallel.Failures[0].Violations[0].Seed);
        Assert.True(parallel.Worst!.Metric <= 36);
        Assert.Contains("seeds, ", parallel.Summary());
    }

    [Theory]
    [InlineData("1..1000", 1, 1000)]
    [InlineData("42", 42, 42)]
    [InlineData(" -3..3 ", -3, 3)]
    public void SeedRange_Parse_Valid(string text, int first, int last)
    {
        Assert.Equal(new SeedRange(first, last), SeedRange.Parse(text));
    }

    [Theory]
    [InlineData("1..", "seeds: '1..' is not a seed or a range such as 1..1000")]
    [InlineData("10..1", "seeds: '10..1' is empty (the last seed is below the first)")]
    [InlineData("a..b", "seeds: 'a..b' is not a seed or a range such as 1..1000")]
    public void SeedRange_Parse_Malformed_OneLine(string text, string expected)
    {
        Assert.Equal(expected, Assert.Throws<FormatException>(() => SeedRange.Parse(text)).Message);
    }

    [Fact]
    public void Context_UsedOutsideACall_Throws()
    {
        INodeContext<Tick, int>? kept = null;
        var sim = new Simulation<Tick, int>(new SimulationOptions<Tick, int>
        {
            Nodes = [1],
            NodeFactory = _ => new KeepingNode(c => kept = c),
        });
        sim.Run();

        Assert.Throws<InvalidOperationException>(() => kept!.Send(1, new Tick(1)));
    }

    private sealed class KeepingNode(Action<INodeContext<Tick, int>> keep) : INode<Tick, int>
    {
        public void Start(INodeContext<Tick, int> context) => keep(context);

        public void Receive(INodeContext<Tick, int> context, int from, Tick message) { }

        public void Fire(INodeContext<Tick, int> context, string timer) { }
    }
}
