namespace Arbiter.Distributed.Simulation;

/// <summary>Helpers for node id lists.</summary>
public static class NodeIds
{
    /// <summary>The ids 1..<paramref name="count"/> (the seeds' P1..Pn).</summary>
    public static IReadOnlyList<int> Range(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return [.. Enumerable.Range(1, count)];
    }
}
