using Arbiter.Core.Graphs;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Graphs;

/// <summary>
/// Edges that go against the current order and force Pearce–Kelly to search and reorder: 500 pairs x &gt; y at most
/// <see cref="Gap"/> ids apart, with no path y→…→x in the 100,000-node, 200,000-edge graph (so neither direction
/// closes a cycle). Each pair is added x→y, removed, added y→x, removed: every insertion is against the order at that
/// moment. Baseline: the same insertions with a DFS reachability check each. Reported per insertion.
/// </summary>
[MemoryDiagnoser]
public class ReorderEdgeBenchmarks
{
    private const int Pairs = 500;
    private IncrementalCycleDetector _detector = null!;
    private NaiveDigraph _naive = null!;
    private (int X, int Y)[] _pairs = [];

    /// <summary>Largest id distance between the two ends (the width of the affected region in the initial order).</summary>
    [Params(64, 4096)]
    public int Gap { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_detector, _naive, _) = CycleDetectorWorkload.Build(seed: 1);
        var random = new Random(3);
        var pairs = new HashSet<(int, int)>();
        for (int attempt = 0; pairs.Count < Pairs && attempt < 1_000_000; attempt++)
        {
            int y = random.Next(CycleDetectorWorkload.Nodes - Gap);
            int x = y + random.Next(1, Gap + 1);
            if (!_naive.Reaches(y, x))
            {
                pairs.Add((x, y));
            }
        }

        if (pairs.Count < Pairs)
        {
            throw new InvalidOperationException($"only {pairs.Count} cycle-free pairs found for gap {Gap}");
        }

        _pairs = [.. pairs];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Pairs)]
    public int DfsReachabilityPerEdge()
    {
        int added = 0;
        foreach (var (x, y) in _pairs)
        {
            added += _naive.TryAddEdge(x, y) ? 1 : 0;
            _naive.RemoveEdge(x, y);
            added += _naive.TryAddEdge(y, x) ? 1 : 0;
            _naive.RemoveEdge(y, x);
        }

        return added;
    }

    [Benchmark(OperationsPerInvoke = 2 * Pairs)]
    public int PearceKelly()
    {
        int added = 0;
        foreach (var (x, y) in _pairs)
        {
            added += _detector.TryAddEdge(x, y, out _) ? 1 : 0;
            _detector.RemoveEdge(x, y);
            added += _detector.TryAddEdge(y, x, out _) ? 1 : 0;
            _detector.RemoveEdge(y, x);
        }

        return added;
    }
}
