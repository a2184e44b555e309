using Arbiter.Distributed.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Distributed.Tests.Simulation;

public class NetworkModelTests
{
    private static SimulationResult Ticker(int seed, NetworkOptions network, string faults = "", int nodes = 3, int count = 40) =>
        new Simulation<Tick, int>(new SimulationOptions<Tick, int>
        {
            Seed = seed,
            Nodes = NodeIds.Range(nodes),
            NodeFactory = _ => new TickerNode(count),
            Network = network,
            Faults = FaultSchedule.Parse(faults),
        }).Run();

    private static Arbitrary<(int Seed, double Loss, double Dup, double Reorder)> Networks() =>
        (from seed in ArbMap.Default.GeneratorFor<int>()
         from loss in Gen.Choose(0, 50)
         from dup in Gen.Choose(0, 50)
         from reorder in Gen.Choose(0, 100)
         select (seed, loss / 100.0, dup / 100.0, reorder / 100.0)).ToArbitrary();

    private static NetworkOptions Network(double loss, double dup, double reorder) => new()
    {
        Latency = LatencyDistribution.Exponential(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)),
        Loss = loss,
        Duplication = dup,
        Reordering = reorder,
    };

    [Fact]
    public void Run_AnyNetwork_NoDeliveryBeforeItsSend()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Networks(), n =>
        {
            var result = Ticker(n.Seed, Network(n.Loss, n.Dup, n.Reorder));
            var sends = result.Trace.Where(e => e.Kind == TraceKind.Send).ToDictionary(e => e.MessageId);
            foreach (var receive in result.Trace.Where(e => e.Kind == TraceKind.Receive))
            {
                var send = sends[receive.MessageId];
                Assert.True(send.Index < receive.Index && send.Time <= receive.Time);
                Assert.Equal((send.Node, send.Peer), (receive.Peer, receive.Node));
                Assert.True(send.Vector!.HappenedBefore(receive.Vector!));
                Assert.True(send.Lamport < receive.Lamport);
            }

            // Each message is delivered at most once per copy: twice only when duplicated.
            Assert.Equal(result.Counters.Sent + result.Counters.Duplicated, result.Counters.Delivered + result.Counters.Dropped);
        }));

    [Fact]
    public void Run_NoLossNoDuplication_EveryMessageDeliveredExactlyOnce()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(Networks(), n =>
        {
            var result = Ticker(n.Seed, Network(0, 0, n.Reorder));
            Assert.Equal(80, result.Counters.Sent);
            Assert.Equal(80, result.Counters.Delivered);
            var ids = result.Trace.Where(e => e.Kind == TraceKind.Receive).Select(e => e.MessageId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }));

    [Fact]
    public void Run_NoReordering_LinksAreFifo()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(Networks(), n =>
        {
            var result = Ticker(n.Seed, Network(n.Loss, 0, 0));
            foreach (int node in new[] { 2, 3 })
            {
                var numbers = result.Trace.Where(e => e.Kind == TraceKind.Receive && e.Node == node).Select(e => ((Tick)e.Payload!).Number).ToList();
                Assert.Equal(numbers.Order(), numbers);
            }
        }));

    [Fact]
    public void Run_FullReorderingWithRandomLatency_SomeMessageOvertakes()
    {
        var result = Ticker(5, Network(0, 0, 1), count: 200);
        var numbers = result.Trace.Where(e => e.Kind == TraceKind.Receive && e.Node == 2).Select(e => ((Tick)e.Payload!).Number).ToList();

        Assert.NotEqual(numbers.Order(), numbers);
    }

    [Fact]
    public void Run_PartitionThenHeal_NothingCrossesUntilHealed()
    {
        var result = Ticker(9, NetworkOptions.Reliable, "partition {1}|{2,3} at 10ms, heal at 20ms");
        var received = result.Trace.Where(e => e.Kind == TraceKind.Receive).ToList();
        var sends = result.Trace.Where(e => e.Kind == TraceKind.Send).ToDictionary(e => e.MessageId);

        Assert.DoesNotContain(received, e => e.Time >= TimeSpan.FromMilliseconds(10) && e.Time < TimeSpan.FromMilliseconds(20));
        Assert.DoesNotContain(received, e => sends[e.MessageId].Time >= TimeSpan.FromMilliseconds(10) && sends[e.MessageId].Time < TimeSpan.FromMilliseconds(20));
        Assert.Contains(received, e => e.Time >= TimeSpan.FromMilliseconds(20));
        Assert.True(result.Trace.Where(e => e.Kind == TraceKind.Drop).All(e => e.Detail == "partition"));
        Assert.True(result.Counters.Dropped >= 18); // ticks 10..19 (and those in flight at 10 ms) to both peers
    }

    [Fact]
    public void Run_PartitionNamingOneGroup_OthersStayConnected()
    {
        var result = Ticker(9, NetworkOptions.Reliable, "partition {3} at 0ms");

        Assert.Contains(result.Trace, e => e.Kind == TraceKind.Receive && e.Node == 2);
        Assert.DoesNotContain(result.Trace, e => e.Kind == TraceKind.Receive && e.Node == 3);
    }

    [Fact]
    public void Run_CrashThenRestart_NoEventsWhileDownAndOnlyPersistedRecordsRecovered()
    {
        var result = Ticker(4, NetworkOptions.Reliable, "crash 2 at 10ms, restart 2 at 20ms");
        var atTwo = result.Trace.Where(e => e.Node == 2 && e.Kind != TraceKind.Drop).ToList();

        Assert.DoesNotContain(atTwo, e => e.Time > TimeSpan.FromMilliseconds(10) && e.Time < TimeSpan.FromMilliseconds(20));
        Assert.Contains(result.Trace, e => e.Kind == TraceKind.Drop && e.Peer == 2 && e.Detail == "down");
        var persistedBeforeCrash = result.Trace.Where(e => e.Node == 2 && e.Kind == TraceKind.Persist && e.Time <= TimeSpan.FromMilliseconds(10))
            .Select(e => (int)e.Payload!).ToArray();
        var recovered = result.Observed<Recovered>().Where(r => r.Value.Node == 2).Select(r => r.Value.Records).ToList();
        Assert.Equal(2, recovered.Count);
        Assert.Empty(recovered[0]);
        Assert.NotEmpty(persistedBeforeCrash);
        Assert.Equal(persistedBeforeCrash, recovered[1]);
        Assert.Equal(1, result.Counters.Crashes);
        Assert.Equal(1, result.Counters.Restarts);
    }

    [Fact]
    public void Run_CrashedNodeTimers_AreLostAndNotFiredAfterRestart()
    {
        var result = Ticker(4, NetworkOptions.Reliable, "crash 1 at 5500us, restart 1 at 30ms");

        // Node 1's ticks stopped at 5 and its restarted instance starts counting again from 1 at 31 ms.
        var sends = result.Trace.Where(e => e.Kind == TraceKind.Send).ToList();
        Assert.DoesNotContain(sends, e => e.Time > TimeSpan.FromMilliseconds(5.5) && e.Time < TimeSpan.FromMilliseconds(31));
        Assert.Equal(1, ((Tick)sends.First(e => e.Time >= TimeSpan.FromMilliseconds(31)).Payload!).Number);
    }

    [Fact]
    public void Run_LinkLatency_AsymmetricDelays()
    {
        var network = new NetworkOptions
        {
            Latency = LatencyDistribution.Constant(TimeSpan.FromMilliseconds(2)),
            LinkLatency = new Dictionary<(int, int), LatencyDistribution> { [(1, 3)] = LatencyDistribution.Constant(TimeSpan.FromMilliseconds(7)) },
        };
        var result = Ticker(1, network, count: 1);
        var receives = result.Trace.Where(e => e.Kind == TraceKind.Receive).ToDictionary(e => e.Node, e => e.Time);

        Assert.Equal(TimeSpan.FromMilliseconds(3), receives[2]); // sent at 1 ms
        Assert.Equal(TimeSpan.FromMilliseconds(8), receives[3]);
    }
}
