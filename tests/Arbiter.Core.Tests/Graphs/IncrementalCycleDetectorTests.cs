using Arbiter.Core.Graphs;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Graphs;

public class IncrementalCycleDetectorTests
{
    /// <summary>One step of a random run: add (or, if <c>Remove</c>, remove) the edge From→To.</summary>
    public sealed record EdgeStep(bool Remove, int From, int To);

    public sealed record Run(int Nodes, EdgeStep[] Steps);

    private static Arbitrary<Run> Runs(int maxNodes, int maxSteps) => Arb.From(
        from n in Gen.Choose(1, maxNodes)
        from count in Gen.Choose(0, maxSteps)
        from steps in Gen.ArrayOf(
            from remove in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from a in Gen.Choose(0, n - 1)
            from b in Gen.Choose(0, n - 1)
            select new EdgeStep(remove, a, b),
            count)
        select new Run(n, steps));

    [Fact]
    public void TryAddEdge_RandomAddsAndRemoves_AgreesWithNaiveDfsOracle()
    {
        Prop.ForAll(Runs(10, 60), run => CheckRun(run)).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void TryAddEdge_LargerRandomGraphs_AgreesWithNaiveDfsOracle()
    {
        // Fewer, bigger runs: long paths and big affected regions that the small runs cannot produce.
        Prop.ForAll(Runs(60, 400), run => CheckRun(run)).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    /// <summary>Replays the run on the detector and on a plain adjacency-set oracle, checking after every step.</summary>
    private static void CheckRun(Run run)
    {
        var detector = new IncrementalCycleDetector(2); // tiny capacity: exercises growth too
        for (int i = 0; i < run.Nodes; i++)
        {
            Assert.Equal(i, detector.AddNode());
        }

        var succ = Enumerable.Range(0, run.Nodes).Select(_ => new HashSet<int>()).ToArray();
        int edges = 0;
        foreach (var step in run.Steps)
        {
            if (step.Remove)
            {
                bool removed = succ[step.From].Remove(step.To);
                edges -= removed ? 1 : 0;
                Assert.Equal(removed, detector.RemoveEdge(step.From, step.To));
            }
            else
            {
                bool present = succ[step.From].Contains(step.To);
                bool closes = step.From == step.To || Reaches(succ, step.To, step.From);
                bool accepted = detector.TryAddEdge(step.From, step.To, out var cycle);
                Assert.Equal(present || !closes, accepted);
                if (accepted)
                {
                    Assert.Null(cycle);
                    edges += succ[step.From].Add(step.To) ? 1 : 0;
                }
                else
                {
                    AssertClosesCycle(succ, step.From, step.To, cycle);
                }
            }

            Assert.Equal(edges, detector.EdgeCount);
            AssertSameGraphAndValidOrder(detector, succ);
        }
    }

    /// <summary>The oracle: plain DFS over the accepted edges.</summary>
    private static bool Reaches(HashSet<int>[] succ, int start, int target)
    {
        var seen = new HashSet<int> { start };
        var stack = new Stack<int>([start]);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (v == target)
            {
                return true;
            }

            foreach (int w in succ[v])
            {
                if (seen.Add(w))
                {
                    stack.Push(w);
                }
            }
        }

        return false;
    }

    private static void AssertClosesCycle(HashSet<int>[] succ, int from, int to, IReadOnlyList<int>? cycle)
    {
        Assert.NotNull(cycle);
        Assert.Equal(to, cycle[0]);
        Assert.Equal(from, cycle[^1]);
        Assert.Equal(cycle.Count, cycle.Distinct().Count());
        for (int i = 0; i + 1 < cycle.Count; i++)
        {
            Assert.Contains(cycle[i + 1], succ[cycle[i]]);
        }
    }

    private static void AssertSameGraphAndValidOrder(IncrementalCycleDetector detector, HashSet<int>[] succ)
    {
        int n = succ.Length;
        var positions = new bool[n];
        var predCount = new int[n];
        for (int u = 0; u < n; u++)
        {
            int ord = detector.OrderOf(u);
            Assert.InRange(ord, 0, n - 1);
            Assert.False(positions[ord], "order must be a permutation");
            positions[ord] = true;
            Assert.Equal(u, detector.NodeAt(ord));
            Assert.True(succ[u].SetEquals(detector.Successors(u)), $"successors of {u} differ");
            foreach (int v in succ[u])
            {
                Assert.True(detector.ContainsEdge(u, v));
                Assert.Contains(u, detector.Predecessors(v));
                Assert.True(detector.OrderOf(u) < detector.OrderOf(v), $"edge {u}→{v} against the order");
                predCount[v]++;
            }
        }

        for (int v = 0; v < n; v++)
        {
            Assert.Equal(predCount[v], detector.Predecessors(v).Count);
        }
    }

    [Fact]
    public void TryAddEdge_SelfLoop_RefusedWithSingleNodeCycle()
    {
        var d = new IncrementalCycleDetector();
        int x = d.AddNode();
        Assert.False(d.TryAddEdge(x, x, out var cycle));
        Assert.Equal([x], cycle);
        Assert.Equal(0, d.EdgeCount);
    }

    [Fact]
    public void TryAddEdge_ClosingTriangle_RefusedWithPathFromHeadToTail()
    {
        var d = new IncrementalCycleDetector();
        d.AddNodes(3);
        Assert.True(d.TryAddEdge(0, 1, out _));
        Assert.True(d.TryAddEdge(1, 2, out _));
        Assert.False(d.TryAddEdge(2, 0, out var cycle));
        Assert.Equal([0, 1, 2], cycle); // 0→1→2, and the refused 2→0 closes it
        Assert.False(d.ContainsEdge(2, 0));
    }

    [Fact]
    public void TryAddEdge_ExistingEdge_IsNoOpReturningTrue()
    {
        var d = new IncrementalCycleDetector();
        d.AddNodes(2);
        Assert.True(d.TryAddEdge(1, 0, out _));
        Assert.True(d.TryAddEdge(1, 0, out var cycle));
        Assert.Null(cycle);
        Assert.Equal(1, d.EdgeCount);
    }

    [Fact]
    public void TryAddEdge_EdgeAgainstOrderWithoutCycle_MovesOnlyAffectedRegion()
    {
        // Order 0 1 2 3 4; adding 3→1 must put 3 before 1, and leaves 0 and 4 where they are.
        var d = new IncrementalCycleDetector();
        d.AddNodes(5);
        d.AddEdge(1, 2);
        Assert.True(d.TryAddEdge(3, 1, out _));
        Assert.True(d.OrderOf(3) < d.OrderOf(1));
        Assert.True(d.OrderOf(1) < d.OrderOf(2));
        Assert.Equal(0, d.OrderOf(0));
        Assert.Equal(4, d.OrderOf(4));
        // δB = {3} takes position 1, δF = {1, 2} take positions 2 and 3 (PK reuses the pooled positions).
        Assert.Equal([0, 3, 1, 2, 4], Enumerable.Range(0, 5).Select(d.NodeAt));
    }

    [Fact]
    public void RemoveEdge_ThenReverseEdge_Accepted()
    {
        var d = new IncrementalCycleDetector();
        d.AddNodes(2);
        d.AddEdge(0, 1);
        Assert.False(d.TryAddEdge(1, 0, out _));
        Assert.True(d.RemoveEdge(0, 1));
        Assert.False(d.RemoveEdge(0, 1));
        Assert.True(d.TryAddEdge(1, 0, out _));
        Assert.True(d.OrderOf(1) < d.OrderOf(0));
    }

    [Fact]
    public void TryAddEdge_UnknownNode_Throws()
    {
        var d = new IncrementalCycleDetector();
        d.AddNode();
        Assert.Throws<ArgumentOutOfRangeException>(() => d.TryAddEdge(0, 1, out _));
    }

    private const int ChurnOps = 13;

    [Fact]
    public void TryAddEdge_SteadyState_AllocatesNothing()
    {
        var d = new IncrementalCycleDetector(64);
        d.AddNodes(64);
        for (int i = 0; i + 1 < 32; i++)
        {
            d.AddEdge(i, i + 1); // a chain 0→…→31; nodes 32..63 are free
        }

        // Warm up: grow every set and search buffer once.
        Assert.Equal(ChurnOps, Churn(d));

        int ok = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 1000; k++)
        {
            ok += Churn(d);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000 * ChurnOps, ok);
    }

    /// <summary>One round of edge churn; returns how many operations answered as expected (xunit's asserts
    /// allocate, so they stay out of the measured loop).</summary>
    private static int Churn(IncrementalCycleDetector d)
    {
        int ok = 0;
        ok += d.TryAddEdge(0, 31, out _) ? 1 : 0;  // agrees with the order: O(1) path
        ok += d.TryAddEdge(0, 31, out _) ? 1 : 0;  // already present
        ok += d.RemoveEdge(0, 31) ? 1 : 0;
        ok += d.ContainsEdge(5, 6) ? 1 : 0;
        foreach (int w in d.Successors(5))
        {
            ok += w == 6 ? 1 : 0;
        }

        // 40 and 50 are unconnected: each direction in turn goes against the order and forces a reorder.
        ok += d.TryAddEdge(50, 40, out _) ? 1 : 0;
        ok += d.RemoveEdge(50, 40) ? 1 : 0;
        ok += d.TryAddEdge(40, 50, out _) ? 1 : 0;
        ok += d.RemoveEdge(40, 50) ? 1 : 0;
        ok += d.TryAddEdge(20, 45, out _) ? 1 : 0;
        ok += d.TryAddEdge(45, 25, out _) ? 1 : 0; // puts 45 inside the chain: reorder over a region
        ok += d.RemoveEdge(20, 45) ? 1 : 0;
        ok += d.RemoveEdge(45, 25) ? 1 : 0;
        return ok;
    }

    [Fact]
    public void TryAddEdge_Keyed_CreatesNodesAndReportsCycleByKey()
    {
        var locks = new IncrementalCycleDetector<string>(StringComparer.Ordinal);
        Assert.True(locks.TryAddEdge("A", "B", out _));
        Assert.True(locks.TryAddEdge("B", "C", out _));
        Assert.Equal(3, locks.NodeCount);
        Assert.False(locks.TryAddEdge("C", "A", out var cycle));
        Assert.Equal(["A", "B", "C"], cycle);
        Assert.True(locks.OrderOf("A") < locks.OrderOf("C"));
        Assert.Equal(["B"], locks.Successors("A"));
        Assert.Equal(["A"], locks.Predecessors("B"));
        Assert.Empty(locks.Successors("nobody"));
        Assert.False(locks.ContainsEdge("C", "A"));
        Assert.False(locks.RemoveEdge("nobody", "A"));
        Assert.True(locks.RemoveEdge("B", "C"));
        Assert.True(locks.TryAddEdge("C", "A", out _));
        Assert.False(locks.TryAddEdge("Z", "Z", out var self));
        Assert.Equal(["Z"], self);
        Assert.Throws<KeyNotFoundException>(() => locks.OrderOf("nobody"));
    }
}
