using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Simulation;

/// <summary>
/// The simulator's disk model (<see cref="SimulationOptions{TMessage, TRecord}.DiskLatency"/>): records and ordinary
/// messages wait for the write, early messages do not, and a crash in between loses the write and what waited for it.
/// </summary>
public class DiskLatencyTests
{
    private static readonly TimeSpan Link = TimeSpan.FromMilliseconds(1);

    private static Simulation<string, string> Sim(TimeSpan disk, string faults = "") => new(new()
    {
        Nodes = [1, 2],
        NodeFactory = id => id == 1 ? new WriterNode() : new ReceiverNode(),
        Network = NetworkOptions.Reliable with { Latency = LatencyDistribution.Constant(Link) },
        DiskLatency = disk,
        Faults = faults.Length == 0 ? FaultSchedule.None : FaultSchedule.Parse(faults),
    });

    private static List<(TimeSpan At, string Message)> Received(Simulation<string, string> sim) =>
        [.. sim.Observations.Where(o => o.Node == 2).Select(o => (o.Time, (string)o.Value))];

    [Fact]
    public void Write_NoDiskLatency_BothMessagesAfterOneLinkDelay()
    {
        var sim = Sim(TimeSpan.Zero);
        sim.Schedule(TimeSpan.FromMilliseconds(10), 1, "a");
        sim.Run();

        Assert.Equal([(TimeSpan.FromMilliseconds(11), "early a"), (TimeSpan.FromMilliseconds(11), "regular a")], Received(sim));
        Assert.Equal(["a"], sim.Persisted(1));
    }

    [Fact]
    public void Write_DiskLatency_OrdinaryMessageWaitsForTheWriteEarlyOneDoesNot()
    {
        var sim = Sim(TimeSpan.FromMilliseconds(4));
        sim.Schedule(TimeSpan.FromMilliseconds(10), 1, "a");
        sim.Run();

        Assert.Equal([(TimeSpan.FromMilliseconds(11), "early a"), (TimeSpan.FromMilliseconds(15), "regular a")], Received(sim));
        Assert.Equal(["a"], sim.Persisted(1));
    }

    [Fact]
    public void Write_CrashBeforeItCompletes_RecordAndOrdinaryMessageLostEarlyMessageDelivered()
    {
        var sim = Sim(TimeSpan.FromMilliseconds(4), "crash 1 at 12ms, restart 1 at 20ms");
        sim.Schedule(TimeSpan.FromMilliseconds(10), 1, "a");
        sim.Run();

        Assert.Equal([(TimeSpan.FromMilliseconds(11), "early a")], Received(sim));
        Assert.Empty(sim.Persisted(1));
        Assert.Contains(sim.Observations, o => o.Node == 1 && (string)o.Value == "start recovered=0");
    }

    [Fact]
    public void Write_CrashAfterItCompletes_RecordSurvives()
    {
        var sim = Sim(TimeSpan.FromMilliseconds(4), "crash 1 at 15ms, restart 1 at 20ms");
        sim.Schedule(TimeSpan.FromMilliseconds(10), 1, "a");
        sim.Run();

        Assert.Equal(["a"], sim.Persisted(1));
        Assert.Contains(sim.Observations, o => o.Node == 1 && (string)o.Value == "start recovered=1");
    }

    [Fact]
    public void Writes_OverlappingCalls_CompleteInOrderAndACallWithoutRecordsWaitsForEarlierOnes()
    {
        // "b" at 11 ms writes until 15 ms, behind "a" (until 14 ms); "ping" at 12 ms writes nothing but its
        // ordinary message may depend on "a" and "b", so it leaves with "b", not at once.
        var sim = Sim(TimeSpan.FromMilliseconds(4));
        sim.Schedule(TimeSpan.FromMilliseconds(10), 1, "a");
        sim.Schedule(TimeSpan.FromMilliseconds(11), 1, "b");
        sim.Schedule(TimeSpan.FromMilliseconds(12), 1, "ping");
        sim.Run();

        var regular = Received(sim).Where(r => !r.Message.StartsWith("early", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [(TimeSpan.FromMilliseconds(15), "regular a"), (TimeSpan.FromMilliseconds(16), "regular b"), (TimeSpan.FromMilliseconds(16), "regular ping")],
            regular);
        Assert.Equal(["a", "b"], sim.Persisted(1));
    }

    [Fact]
    public void Options_NegativeDiskLatency_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sim(TimeSpan.FromMilliseconds(-1)));
    }

    /// <summary>On "X": persists X, sends "regular X" and, early, "early X" to node 2; on "ping" only the regular message.</summary>
    private sealed class WriterNode : INode<string, string>
    {
        public void Start(INodeContext<string, string> context) => context.Observe($"start recovered={context.Recovered.Count}");

        public void Receive(INodeContext<string, string> context, int from, string message)
        {
            if (message != "ping")
            {
                context.Persist(message);
                context.SendEarly(2, "early " + message);
            }

            context.Send(2, "regular " + message);
        }

        public void Fire(INodeContext<string, string> context, string timer)
        {
        }
    }

    private sealed class ReceiverNode : INode<string, string>
    {
        public void Start(INodeContext<string, string> context)
        {
        }

        public void Receive(INodeContext<string, string> context, int from, string message) => context.Observe(message);

        public void Fire(INodeContext<string, string> context, string timer)
        {
        }
    }
}
