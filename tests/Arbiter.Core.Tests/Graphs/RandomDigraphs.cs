using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Graphs;

/// <summary>Random small directed graphs (with self-loops and duplicate edges) as successor lists.</summary>
internal static class RandomDigraphs
{
    public static Arbitrary<int[][]> Upto(int maxNodes) => Arb.From(
        from n in Gen.Choose(0, maxNodes)
        from density in Gen.Choose(0, 100)
        from cells in Gen.ArrayOf(Gen.Choose(0, 99), n * n)
        select Enumerable.Range(0, n)
            .Select(u => Enumerable.Range(0, n).Where(v => cells[(u * n) + v] < density * 6 / 10).ToArray())
            .ToArray());

    /// <summary>Whether <paramref name="target"/> is reachable from <paramref name="start"/> (in ≥ 0 steps).</summary>
    public static bool Reaches(int[][] succ, int start, int target)
    {
        var seen = new bool[succ.Length];
        var stack = new Stack<int>([start]);
        seen[start] = true;
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (v == target)
            {
                return true;
            }

            foreach (int w in succ[v].Where(w => !seen[w]))
            {
                seen[w] = true;
                stack.Push(w);
            }
        }

        return false;
    }
}
