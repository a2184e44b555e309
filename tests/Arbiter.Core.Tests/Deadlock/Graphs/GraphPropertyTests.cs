using Arbiter.Core.Deadlock.Graphs;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Graphs;

/// <summary>Random resource states: the graphs against the ledger, each other and graph reduction.</summary>
public class GraphPropertyTests
{
    /// <summary>A random valid ledger: up to 6 processes, 4 resource types with up to <paramref name="maxInstances"/>
    /// instances; allocation within the total, request within what the others hold plus what is free.</summary>
    private static Arbitrary<ResourceLedger> Ledgers(int maxInstances) => Arb.From(
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from n in Gen.Choose(1, 6)
        from m in Gen.Choose(1, 4)
        select Build(seed, n, m, maxInstances));

    private static ResourceLedger Build(int seed, int n, int m, int maxInstances)
    {
        var random = new Random(seed);
        int[] total = [.. Enumerable.Range(0, m).Select(_ => random.Next(1, maxInstances + 1))];
        var allocation = new int[n, m];
        var request = new int[n, m];
        for (int r = 0; r < m; r++)
        {
            int left = total[r];
            foreach (int p in Enumerable.Range(0, n).OrderBy(_ => random.Next()))
            {
                allocation[p, r] = random.Next(0, left + 1) * (random.Next(3) == 0 ? 0 : 1);
                left -= allocation[p, r];
            }

            for (int p = 0; p < n; p++)
            {
                request[p, r] = random.Next(3) == 0 ? random.Next(0, total[r] - allocation[p, r] + 1) : 0;
            }
        }

        return ResourceLedger.FromSpec(new LedgerSpec(
            [.. Enumerable.Range(0, m).Select(r => $"R{r}")], total, null,
            [.. Enumerable.Range(0, n).Select(p => new ProcessSpec(
                $"P{p}",
                Allocation: [.. Enumerable.Range(0, m).Select(r => allocation[p, r])],
                Request: [.. Enumerable.Range(0, m).Select(r => request[p, r])]))]));
    }

    [Fact]
    public void From_RandomLedgers_EdgesMirrorRequestAndAllocation()
    {
        Prop.ForAll(Ledgers(3), ledger =>
        {
            var rag = ResourceAllocationGraph.From(ledger);
            int n = ledger.ProcessCount;
            for (int p = 0; p < n; p++)
            {
                for (int r = 0; r < ledger.ResourceCount; r++)
                {
                    var req = rag.Edges.Where(e => e.Kind == GraphEdgeKind.Request && e.From == p && e.To == n + r).ToList();
                    var asg = rag.Edges.Where(e => e.Kind == GraphEdgeKind.Assignment && e.From == n + r && e.To == p).ToList();
                    Assert.Equal(ledger.Request(p)[r], req.Sum(e => e.Count));
                    Assert.Equal(ledger.Allocation(p)[r], asg.Sum(e => e.Count));
                    Assert.True(req.Count <= 1 && asg.Count <= 1);
                }
            }

            Assert.All(rag.Edges, e => Assert.True(e.Count > 0));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Cycles_RandomLedgers_AlternateKindsAndMatchOnCycleFlags()
    {
        Prop.ForAll(Ledgers(3), ledger =>
        {
            var rag = ResourceAllocationGraph.From(ledger);
            var listing = rag.Cycles(limit: 100_000);
            Assert.False(listing.Truncated);
            var nodesOnCycles = new HashSet<int>();
            var edgesOnCycles = new HashSet<(int, int)>();
            foreach (var cycle in listing.Cycles)
            {
                Assert.Equal(GraphNodeKind.Process, rag.Nodes[cycle[0]].Kind);
                Assert.Equal(cycle.Count, cycle.Distinct().Count());
                Assert.True(cycle.Count % 2 == 0);
                for (int i = 0; i < cycle.Count; i++)
                {
                    int u = cycle[i], v = cycle[(i + 1) % cycle.Count];
                    Assert.NotEqual(rag.Nodes[u].Kind, rag.Nodes[v].Kind);
                    Assert.Contains(rag.Edges, e => e.From == u && e.To == v);
                    nodesOnCycles.Add(u);
                    edgesOnCycles.Add((u, v));
                }
            }

            Assert.All(rag.Nodes, node => Assert.Equal(nodesOnCycles.Contains(node.Id), node.OnCycle));
            Assert.All(rag.Edges, e => Assert.Equal(edgesOnCycles.Contains((e.From, e.To)), e.OnCycle));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void HasCycle_SingleInstanceLedgers_IffReductionFindsDeadlock()
    {
        // With one instance per type a cycle is necessary and sufficient (seed week 5).
        Prop.ForAll(Ledgers(1), ledger =>
        {
            bool deadlocked = !GraphReduction.ReduceByRequest(ledger).AllFinish;
            Assert.Equal(deadlocked, ResourceAllocationGraph.From(ledger).HasCycle);
            Assert.Equal(deadlocked, WaitForGraph.From(ledger).HasCycle);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500));
    }

    [Fact]
    public void HasCycle_MultiInstanceLedgers_DeadlockImpliesCycleAmongDeadlocked()
    {
        // Necessary, not sufficient: a deadlocked set always contains a wait-for cycle, and a wait-for cycle
        // always comes from a resource-allocation cycle.
        Prop.ForAll(Ledgers(3), ledger =>
        {
            var unfinished = GraphReduction.ReduceByRequest(ledger).Unfinished;
            var wfg = WaitForGraph.From(ledger);
            var rag = ResourceAllocationGraph.From(ledger);
            if (unfinished.Count > 0)
            {
                Assert.Contains(wfg.Cycles().Cycles, c => c.All(unfinished.Contains));
            }

            if (wfg.HasCycle)
            {
                Assert.True(rag.HasCycle);
            }

            foreach (var e in wfg.Edges)
            {
                Assert.NotEqual(e.From, e.To);
                Assert.All(e.Resources, r => Assert.True(ledger.Request(e.From)[r] > 0 && ledger.Allocation(e.To)[r] > 0));
                Assert.Equal(e.Resources.Sum(r => ledger.Allocation(e.To)[r]), e.Count);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500));
    }
}
