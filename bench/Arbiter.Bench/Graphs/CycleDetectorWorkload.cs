using Arbiter.Core.Graphs;

namespace Arbiter.Bench.Graphs;

/// <summary>
/// The graph both cycle-detector benchmarks start from: 100,000 nodes and (by default) 200,000 random edges u→v with u &lt; v
/// (uniform pairs, so the ids are a topological order and reach sets are large), built identically into the
/// Pearce–Kelly detector and the naive baseline. Seeded: every run measures the same graph.
/// </summary>
internal static class CycleDetectorWorkload
{
    public const int Nodes = 100_000;
    public const int BaseEdges = 200_000;

    public static (IncrementalCycleDetector Detector, NaiveDigraph Naive, HashSet<(int, int)> Edges) Build(int seed, int baseEdges = BaseEdges)
    {
        var random = new Random(seed);
        var detector = new IncrementalCycleDetector(Nodes);
        detector.AddNodes(Nodes);
        var naive = new NaiveDigraph(Nodes);
        var edges = new HashSet<(int, int)>();
        while (edges.Count < baseEdges)
        {
            int a = random.Next(Nodes), b = random.Next(Nodes);
            if (a == b || !edges.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                continue;
            }

            detector.AddEdge(Math.Min(a, b), Math.Max(a, b));
            naive.TryAddEdge(Math.Min(a, b), Math.Max(a, b));
        }

        return (detector, naive, edges);
    }
}
