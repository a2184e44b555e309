using Arbiter.Core.Graphs;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Graphs;

public class ElementaryCyclesTests
{
    /// <summary>
    /// Brute force, independent of Johnson: every subset of nodes, every ordering that starts at the subset's
    /// smallest node, kept when its consecutive edges (and the closing one) exist. Sorted lexicographically.
    /// </summary>
    private static List<int[]> BruteForce(int[][] succ)
    {
        int n = succ.Length;
        var found = new List<int[]>();
        for (int mask = 1; mask < 1 << n; mask++)
        {
            int[] nodes = Enumerable.Range(0, n).Where(v => (mask >> v & 1) != 0).ToArray();
            foreach (var rest in Permutations(nodes[1..]))
            {
                int[] cycle = [nodes[0], .. rest];
                bool closed = true;
                for (int i = 0; i < cycle.Length && closed; i++)
                {
                    closed = succ[cycle[i]].Contains(cycle[(i + 1) % cycle.Length]);
                }

                if (closed)
                {
                    found.Add(cycle);
                }
            }
        }

        found.Sort(Lexicographic);
        return found;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length == 0)
        {
            yield return [];
            yield break;
        }

        for (int i = 0; i < items.Length; i++)
        {
            int[] others = [.. items[..i], .. items[(i + 1)..]];
            foreach (var tail in Permutations(others))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private static int Lexicographic(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    [Fact]
    public void Find_RandomSmallGraphs_EqualsBruteForceInLexicographicOrder()
    {
        Prop.ForAll(RandomDigraphs.Upto(7), succ =>
        {
            var expected = BruteForce(succ);
            var actual = ElementaryCycles.Find(succ);
            Assert.False(actual.Truncated);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i], actual.Cycles[i]);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Find_WithLimit_ReturnsPrefixAndFlagsTruncation()
    {
        var gen = from succ in RandomDigraphs.Upto(6).Generator
                  from limit in Gen.Choose(0, 12)
                  select (succ, limit);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var all = ElementaryCycles.Find(t.succ).Cycles;
            var some = ElementaryCycles.Find(t.succ, t.limit);
            Assert.Equal(Math.Min(t.limit, all.Count), some.Count);
            Assert.Equal(all.Count > t.limit, some.Truncated);
            Assert.Equal(all.Take(t.limit), some.Cycles);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Find_CompleteGraphOnThree_FiveCyclesInOrder()
    {
        int[][] k3 = [[1, 2], [0, 2], [0, 1]];
        var result = ElementaryCycles.Find(k3);
        Assert.Equal([[0, 1], [0, 1, 2], [0, 2], [0, 2, 1], [1, 2]], result.Cycles);
    }

    [Fact]
    public void Find_SelfLoopAndDuplicateEdges_EachCycleOnce()
    {
        var result = ElementaryCycles.Find(3, [(0, 0), (0, 1), (0, 1), (1, 0), (2, 2)]);
        Assert.Equal([[0], [0, 1], [2]], result.Cycles);
    }

    [Fact]
    public void Find_Acyclic_Empty()
    {
        var result = ElementaryCycles.Find(4, [(0, 1), (1, 2), (0, 2), (2, 3)]);
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void Find_RingOfHundredThousand_OneLongCycleWithoutStackOverflow()
    {
        const int n = 100_000;
        var result = ElementaryCycles.Find(n, Enumerable.Range(0, n).Select(i => (i, (i + 1) % n)));
        var cycle = Assert.Single(result.Cycles);
        Assert.Equal(Enumerable.Range(0, n), cycle);
    }

    [Fact]
    public void Find_SuccessorOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => ElementaryCycles.Find([[1]]));
    }

    [Fact]
    public void Compute_RandomGraphs_SameComponentIffMutuallyReachable()
    {
        Prop.ForAll(RandomDigraphs.Upto(9), succ =>
        {
            int[] component = StronglyConnectedComponents.Compute(succ, out int count);
            bool[] onCycle = StronglyConnectedComponents.NodesOnCycles(succ, out _);
            int n = succ.Length;
            Assert.Equal(n == 0 ? 0 : component.Max() + 1, count);
            var cycles = ElementaryCycles.Find(succ).Cycles;
            for (int u = 0; u < n; u++)
            {
                for (int v = 0; v < n; v++)
                {
                    bool mutual = RandomDigraphs.Reaches(succ, u, v) && RandomDigraphs.Reaches(succ, v, u);
                    Assert.Equal(mutual, component[u] == component[v]);
                }

                Assert.Equal(cycles.Any(c => c.Contains(u)), onCycle[u]);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Compute_ChainOfHundredThousand_EachNodeItsOwnComponent()
    {
        const int n = 100_000;
        var succ = Enumerable.Range(0, n).Select(i => i + 1 < n ? new[] { i + 1 } : []).ToArray();
        StronglyConnectedComponents.Compute(succ, out int count);
        Assert.Equal(n, count);
    }
}
