using Arbiter.Core.Graphs;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Graphs;

/// <summary>
/// Edges that agree with the current topological order (the lock-validation steady state): on a 100,000-node graph
/// with <see cref="BaseEdges"/> random edges, add 1,000 new edges u→v (u &lt; v) and remove them again. Pearce–Kelly answers each in O(1);
/// the baseline searches from v for u before every insertion. Reported per edge (one add + one remove).
/// </summary>
[MemoryDiagnoser]
public class ConsistentEdgeBenchmarks
{
    private const int Batch = 1_000;
    private IncrementalCycleDetector _detector = null!;
    private NaiveDigraph _naive = null!;
    private (int From, int To)[] _batch = [];

    /// <summary>Edges already in the graph: more edges, larger reach sets for the baseline's searches.</summary>
    [Params(200_000, 400_000)]
    public int BaseEdges { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_detector, _naive, var edges) = CycleDetectorWorkload.Build(seed: 1, BaseEdges);
        var random = new Random(2);
        var batch = new HashSet<(int, int)>();
        while (batch.Count < Batch)
        {
            int a = random.Next(CycleDetectorWorkload.Nodes), b = random.Next(CycleDetectorWorkload.Nodes);
            var e = (Math.Min(a, b), Math.Max(a, b));
            if (a != b && !edges.Contains(e))
            {
                batch.Add(e);
            }
        }

        _batch = [.. batch];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int DfsReachabilityPerEdge()
    {
        int added = 0;
        foreach (var (u, v) in _batch)
        {
            added += _naive.TryAddEdge(u, v) ? 1 : 0;
        }

        foreach (var (u, v) in _batch)
        {
            _naive.RemoveEdge(u, v);
        }

        return added;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int PearceKelly()
    {
        int added = 0;
        foreach (var (u, v) in _batch)
        {
            added += _detector.TryAddEdge(u, v, out _) ? 1 : 0;
        }

        foreach (var (u, v) in _batch)
        {
            _detector.RemoveEdge(u, v);
        }

        return added;
    }
}
