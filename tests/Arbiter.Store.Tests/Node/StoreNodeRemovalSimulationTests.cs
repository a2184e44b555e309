using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Arbiter.Store.Commands;
using Arbiter.Store.Membership;
using Arbiter.Store.Node;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// <see cref="StoreNode"/>'s removal probe on the deterministic simulator: three probing servers, a client removes
/// server 3 (the registry's removal entry, then the configuration change), through server 1. Server 3 must learn that
/// it was removed — from another server's answer, since the leader stops replicating to it — and servers 1 and 2 must
/// never be told so. Without the registry's entry (the negative control) nobody answers server 3's probes.
/// </summary>
public sealed class StoreNodeRemovalSimulationTests
{
    private static Simulation<RaftMessage, RaftRecord> Run(int seed, bool recordRemoval)
    {
        var options = new RaftNodeOptions { Raft = RaftScenario.DefaultOptions(3), SnapshotEvery = 0 };
        var checker = new RaftSafetyChecker();
        var simulation = new Simulation<RaftMessage, RaftRecord>(new SimulationOptions<RaftMessage, RaftRecord>
        {
            Seed = seed,
            Nodes = NodeIds.Range(3),
            NodeFactory = id => new StoreNode(options) { MembershipProbe = StoreNode.Probe($"http://127.0.0.1:{2380 + id}") },
            Invariants = checker.Invariants(),
            Until = TimeSpan.FromSeconds(8),
        });
        if (recordRemoval)
        {
            simulation.Schedule(TimeSpan.FromSeconds(2), 1, new RaftMessage.ClientPropose(1, StoreCommandCodec.Encode(new MemberIdCommand(MemberIdAction.Remove, 3, 3))));
        }

        simulation.Schedule(TimeSpan.FromSeconds(3), 1, new RaftMessage.ClientConfChange(2, new RaftConfChange(RaftConfChangeType.RemoveServer, 3)));
        return simulation;
    }

    [Fact]
    public void RemoveServer3_TenSeeds_ItLearnsItOnlyServer3DoesAndAMemberToldItWhenItsLogCouldNot()
    {
        int toldByAPeer = 0;
        for (int seed = 1; seed <= 10; seed++)
        {
            Simulation<RaftMessage, RaftRecord> simulation = Run(seed, recordRemoval: true);
            SimulationResult result = simulation.Run();

            Assert.True(result.Passed, $"seed {seed}: " + string.Join("; ", result.Violations));
            var removed = result.Trace.Where(e => e.Kind == TraceKind.Observe).Select(e => e.Payload).OfType<StoreMemberRemoved>().ToList();
            StoreMemberRemoved only = Assert.Single(removed); // once, and by no one but server 3
            Assert.Equal(3, only.Node);
            var three = (StoreNode)simulation.NodeOf(3)!;
            if (only.ToldBy == 0)
            {
                Assert.False(three.Core.Log.ConfigurationAt(three.Core.Log.Committed).IsMember(3)); // its own log had it (it led)
            }
            else
            {
                Assert.Contains(only.ToldBy, (int[])[1, 2]);
                toldByAPeer++;
            }

            Assert.All(result.Trace.Where(e => e.Kind == TraceKind.Observe).Select(e => e.Payload).OfType<StoreRemovedMemberProbed>(),
                p => Assert.Equal((3, "http://127.0.0.1:2383"), (p.Removed, p.PeerUrl)));
            Assert.True(three.Removed);
            Assert.Equal([1, 2], ((StoreNode)simulation.NodeOf(1)!).Core.Configuration.Members.Order());
        }

        Assert.True(toldByAPeer > 0, "no seed had server 3 told by a member");
    }

    [Fact]
    public void RemoveServer3_WithoutTheRegistrysEntry_NobodyTellsIt()
    {
        Simulation<RaftMessage, RaftRecord> simulation = Run(1, recordRemoval: false);
        SimulationResult result = simulation.Run();

        Assert.True(result.Passed, string.Join("; ", result.Violations));
        Assert.Equal([1, 2], ((StoreNode)simulation.NodeOf(1)!).Core.Configuration.Members.Order());
        Assert.False(((StoreNode)simulation.NodeOf(3)!).Removed);
    }
}
