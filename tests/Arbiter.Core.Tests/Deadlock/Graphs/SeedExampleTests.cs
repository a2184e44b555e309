using Arbiter.Core.Deadlock.Graphs;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Tests.Deadlock.Graphs;

/// <summary>The resource-allocation and wait-for graphs of the seeds' week 3–5 examples, worked out by hand.</summary>
public class SeedExampleTests
{
    private static ResourceLedger SingleInstance(string[] resources, params ProcessSpec[] processes)
        => ResourceLedger.FromSpec(new LedgerSpec(resources, [.. resources.Select(_ => 1)], null, processes));

    /// <summary>Week 3 exercise: P1 holds R1 requests R2, P2 holds R2 requests R3, P3 holds R3 requests R1.</summary>
    private static ResourceLedger Week3Exercise() => SingleInstance(
        ["R1", "R2", "R3"],
        new ProcessSpec("P1", Allocation: [1, 0, 0], Request: [0, 1, 0]),
        new ProcessSpec("P2", Allocation: [0, 1, 0], Request: [0, 0, 1]),
        new ProcessSpec("P3", Allocation: [0, 0, 1], Request: [1, 0, 0]));

    [Fact]
    public void Cycles_Week3Exercise_OneCycleThroughAllSixNodes()
    {
        var rag = ResourceAllocationGraph.From(Week3Exercise());
        // Ids: P1 0, P2 1, P3 2, R1 3, R2 4, R3 5. P1 → R2 → P2 → R3 → P3 → R1 → P1.
        var cycle = Assert.Single(rag.Cycles().Cycles);
        Assert.Equal([0, 4, 1, 5, 2, 3], cycle);
        Assert.Equal("P1 → R2 → P2 → R3 → P3 → R1 → P1", rag.Describe(cycle));
        Assert.All(rag.Nodes, n => Assert.True(n.OnCycle));
        Assert.Equal(6, rag.Edges.Count);
        Assert.All(rag.Edges, e => Assert.True(e.OnCycle));
        Assert.All(rag.Nodes.Where(n => n.Kind == GraphNodeKind.Resource), n => Assert.Equal((1, 0), (n.Instances, n.Available)));

        var wfg = WaitForGraph.From(Week3Exercise());
        Assert.Equal([[0, 1, 2]], wfg.Cycles().Cycles);
        Assert.Equal("P1 → P2 → P3 → P1", wfg.Describe(wfg.Cycles().Cycles[0]));
        Assert.Equal([(0, 1, "R2"), (1, 2, "R3"), (2, 0, "R1")],
            wfg.Edges.Select(e => (e.From, e.To, string.Join(",", e.Resources.Select(r => Week3Exercise().ResourceNames[r])))));

        // Single instances: the cycle is a deadlock, and the reduction agrees.
        Assert.Equal([0, 1, 2], GraphReduction.ReduceByRequest(Week3Exercise()).Unfinished);
    }

    [Fact]
    public void Cycles_Week3DeadlockSlide_CycleP1R1P2R2()
    {
        // P1 requests R1 held by P2; P2 requests R2 held by P1.
        var ledger = SingleInstance(
            ["R1", "R2"],
            new ProcessSpec("P1", Allocation: [0, 1], Request: [1, 0]),
            new ProcessSpec("P2", Allocation: [1, 0], Request: [0, 1]));
        var rag = ResourceAllocationGraph.From(ledger);
        var cycle = Assert.Single(rag.Cycles().Cycles);
        Assert.Equal("P1 → R1 → P2 → R2 → P1", rag.Describe(cycle));
        Assert.Equal(
            [(GraphEdgeKind.Request, 0, 2, 1), (GraphEdgeKind.Request, 1, 3, 1), (GraphEdgeKind.Assignment, 2, 1, 1), (GraphEdgeKind.Assignment, 3, 0, 1)],
            rag.Edges.Select(e => (e.Kind, e.From, e.To, e.Count)));
    }

    [Fact]
    public void Cycles_Week3LinearChain_NoCycleAndNoDeadlock()
    {
        // P1 → R1 → P2 → R2 → P3: P1 requests R1 (held by P2), P2 requests R2 (held by P3).
        var ledger = SingleInstance(
            ["R1", "R2"],
            new ProcessSpec("P1", Request: [1, 0]),
            new ProcessSpec("P2", Allocation: [1, 0], Request: [0, 1]),
            new ProcessSpec("P3", Allocation: [0, 1]));
        var rag = ResourceAllocationGraph.From(ledger);
        Assert.True(rag.Cycles().IsEmpty);
        Assert.False(rag.HasCycle);
        Assert.DoesNotContain(rag.Edges, e => e.OnCycle);
        Assert.Equal(4, rag.Edges.Count);

        var wfg = WaitForGraph.From(ledger);
        Assert.Equal([(0, 1), (1, 2)], wfg.Edges.Select(e => (e.From, e.To)));
        Assert.False(wfg.HasCycle);
        Assert.Equal([2, 1, 0], GraphReduction.ReduceByRequest(ledger).Order); // P3 finishes, then P2, then P1
    }

    [Fact]
    public void Cycles_FiveDiningPhilosophers_OneCycleOfLengthTen()
    {
        // Philosopher i holds fork i (left) and requests fork i+1 mod 5 (right).
        string[] forks = [.. Enumerable.Range(0, 5).Select(i => $"F{i}")];
        var philosophers = Enumerable.Range(0, 5).Select(i => new ProcessSpec(
            $"Ph{i}",
            Allocation: [.. Enumerable.Range(0, 5).Select(f => f == i ? 1 : 0)],
            Request: [.. Enumerable.Range(0, 5).Select(f => f == (i + 1) % 5 ? 1 : 0)])).ToArray();
        var ledger = SingleInstance(forks, philosophers);

        var rag = ResourceAllocationGraph.From(ledger);
        var cycle = Assert.Single(rag.Cycles().Cycles);
        Assert.Equal([0, 6, 1, 7, 2, 8, 3, 9, 4, 5], cycle); // Ph0 → F1 → Ph1 → F2 → … → Ph4 → F0
        Assert.Equal("Ph0 → F1 → Ph1 → F2 → Ph2 → F3 → Ph3 → F4 → Ph4 → F0 → Ph0", rag.Describe(cycle));

        var wfg = WaitForGraph.From(ledger);
        Assert.Equal([[0, 1, 2, 3, 4]], wfg.Cycles().Cycles);
        Assert.False(GraphReduction.ReduceByRequest(ledger).AllFinish);
    }

    /// <summary>
    /// Week 5 exercise (multiple instances): Available A=2 B=1 C=0; P1 holds (1,0,1) requests (0,1,0); P2 holds
    /// (1,1,0) requests (0,0,1); P3 holds (0,1,0) requests (2,0,0). Totals follow: A=4, B=3, C=1.
    /// </summary>
    private static ResourceLedger Week5Exercise() => ResourceLedger.FromSpec(new LedgerSpec(
        ["A", "B", "C"], null, [2, 1, 0],
        [
            new ProcessSpec("P1", Allocation: [1, 0, 1], Request: [0, 1, 0]),
            new ProcessSpec("P2", Allocation: [1, 1, 0], Request: [0, 0, 1]),
            new ProcessSpec("P3", Allocation: [0, 1, 0], Request: [2, 0, 0]),
        ]));

    [Fact]
    public void Cycles_Week5ExerciseMultiInstance_CyclesButNoDeadlock()
    {
        var rag = ResourceAllocationGraph.From(Week5Exercise());
        // Ids: P1 0, P2 1, P3 2, A 3, B 4, C 5. Successors: P1→B, P2→C, P3→A, A→P1,P2, B→P2,P3, C→P1.
        var cycles = rag.Cycles();
        Assert.Equal(
            ["P1 → B → P2 → C → P1", "P1 → B → P3 → A → P1", "P1 → B → P3 → A → P2 → C → P1"],
            cycles.Cycles.Select(rag.Describe));
        Assert.Equal([4, 3, 1], rag.Nodes.Where(n => n.Kind == GraphNodeKind.Resource).Select(n => n.Instances));

        var wfg = WaitForGraph.From(Week5Exercise());
        Assert.Equal([[0, 1], [0, 2], [0, 2, 1]], wfg.Cycles().Cycles);
        // P3 waits for A, held one each by P1 and P2.
        var p3ToP1 = Assert.Single(wfg.Edges, e => e.From == 2 && e.To == 0);
        Assert.Equal([0], p3ToP1.Resources);

        // A cycle is necessary, not sufficient: the detection algorithm finishes everyone (P1, P2, P3).
        var reduction = GraphReduction.ReduceByRequest(Week5Exercise());
        Assert.True(reduction.AllFinish);
        Assert.Equal([0, 1, 2], reduction.Order);
    }

    [Fact]
    public void Cycles_Limit_TruncatesListingButNotMembership()
    {
        var rag = ResourceAllocationGraph.From(Week5Exercise());
        var one = rag.Cycles(limit: 1);
        Assert.True(one.Truncated);
        Assert.Equal("P1 → B → P2 → C → P1", rag.Describe(Assert.Single(one.Cycles)));
        Assert.All(rag.Nodes, n => Assert.True(n.OnCycle)); // every node is on some cycle, listed or not
    }
}
