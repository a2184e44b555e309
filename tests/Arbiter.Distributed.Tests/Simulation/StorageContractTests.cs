using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Simulation;

/// <summary>The node contract's storage and client additions, as the simulator keeps them.</summary>
public class StorageContractTests
{
    private static Simulation<string, string> Sim(FaultSchedule? faults = null, Action<Simulation<string, string>, int, string>? output = null) => new(new()
    {
        Nodes = [1],
        NodeFactory = _ => new LedgerNode(),
        Faults = faults ?? FaultSchedule.None,
        OnClientOutput = output,
    });

    [Fact]
    public void Compact_ReplacesEarlierRecordsIncludingThisCalls_LaterPersistsFollow()
    {
        var sim = Sim();
        sim.Schedule(TimeSpan.FromMilliseconds(1), 1, "put a");
        sim.Schedule(TimeSpan.FromMilliseconds(2), 1, "put b");
        sim.Schedule(TimeSpan.FromMilliseconds(3), 1, "compact-then-put c");
        sim.Run();

        // "put c" before the compaction in the same call is replaced too; the snapshot and "after" follow.
        Assert.Equal(["snapshot of 3", "after"], sim.Persisted(1));
    }

    [Fact]
    public void CorruptTail_CrashesDropsTheLastRecord_RestartIsToldItWasCut()
    {
        var sim = Sim(FaultSchedule.Parse("corrupt 1 at 5ms, restart 1 at 6ms"));
        sim.Schedule(TimeSpan.FromMilliseconds(1), 1, "put a");
        sim.Schedule(TimeSpan.FromMilliseconds(2), 1, "put b");
        sim.Run();

        Assert.Equal(["a"], sim.Persisted(1));
        var starts = sim.Observations.Select(o => (string)o.Value).Where(v => v.StartsWith("start", StringComparison.Ordinal)).ToList();
        Assert.Equal(["start recovered=0 truncated=False", "start recovered=1 truncated=True"], starts);
    }

    [Fact]
    public void CorruptTail_FlagLastsOneIncarnation_NextCleanRestartIsNotTruncated()
    {
        var sim = Sim(FaultSchedule.Parse("corrupt 1 at 5ms, restart 1 at 6ms, crash 1 at 7ms, restart 1 at 8ms"));
        sim.Schedule(TimeSpan.FromMilliseconds(1), 1, "put a");
        sim.Run();

        var starts = sim.Observations.Select(o => (string)o.Value).Where(v => v.StartsWith("start", StringComparison.Ordinal)).ToList();
        Assert.Equal(["start recovered=0 truncated=False", "start recovered=0 truncated=True", "start recovered=0 truncated=False"], starts);
    }

    [Fact]
    public void SendToClient_RecordedAndHandedToTheHandler_WhichCanScheduleTheNextRequest()
    {
        var answers = new List<string>();
        var sim = Sim(output: (s, node, message) =>
        {
            answers.Add($"{node}:{message}");
            if (message == "ok a")
            {
                s.Schedule(s.Now + TimeSpan.FromMilliseconds(1), 1, "put b");
            }
        });
        sim.Schedule(TimeSpan.FromMilliseconds(1), 1, "put a");
        var result = sim.Run();

        Assert.Equal(["1:ok a", "1:ok b"], answers);
        Assert.Equal(["ok a", "ok b"], sim.ClientOutputs.Select(o => o.Message));
        Assert.Equal(TimeSpan.FromMilliseconds(2), sim.ClientOutputs[1].At);
        Assert.Equal(2, result.Trace.Count(e => e.Kind == TraceKind.Output && e.Peer == Simulation<string, string>.Client));
        Assert.Equal(0, result.Counters.Sent); // answers leave the system; they are not network messages
    }

    [Fact]
    public void Parse_Corrupt_RoundTripsThroughToString()
    {
        var schedule = FaultSchedule.Parse("corrupt 2 at 3s");
        Assert.Equal((FaultKind.CorruptTail, 2), (schedule.Faults[0].Kind, schedule.Faults[0].Node));
        Assert.Equal("corrupt 2 at 3s", schedule.Faults[0].ToString());
    }

    /// <summary>Persists what it is told to, compacts on request, and reports what it recovered.</summary>
    private sealed class LedgerNode : INode<string, string>
    {
        public void Start(INodeContext<string, string> context) =>
            context.Observe($"start recovered={context.Recovered.Count} truncated={context.RecoveredTruncated}");

        public void Receive(INodeContext<string, string> context, int from, string message)
        {
            if (message.StartsWith("compact-then-put ", StringComparison.Ordinal))
            {
                context.Persist(message["compact-then-put ".Length..]);
                context.Compact(["snapshot of 3"]);
                context.Persist("after");
                return;
            }

            context.Persist(message["put ".Length..]);
            context.Send(Simulation<string, string>.Client, "ok " + message["put ".Length..]);
        }

        public void Fire(INodeContext<string, string> context, string timer) { }
    }
}
