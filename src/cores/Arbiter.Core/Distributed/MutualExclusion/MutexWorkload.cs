namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>
/// What one node of a mutual-exclusion run wants: <see cref="Requests"/> entries into the critical section, each
/// after a random think time around <see cref="Think"/>, holding it for <see cref="Hold"/>.
/// </summary>
/// <param name="Requests">Entries this node makes (0: it only serves others).</param>
/// <param name="Think">Mean pause before each request (drawn uniformly from ½·Think … 1½·Think).</param>
/// <param name="Hold">How long the node stays in the critical section.</param>
public sealed record MutexWorkload(int Requests, TimeSpan Think, TimeSpan Hold)
{
    /// <summary>Splits <paramref name="total"/> requests as evenly as possible over <paramref name="nodes"/> nodes.</summary>
    /// <returns>How many requests node i (0-based) makes; the first <c>total mod nodes</c> get one more.</returns>
    public static int[] Split(int total, int nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        return [.. Enumerable.Range(0, nodes).Select(i => (total / nodes) + (i < total % nodes ? 1 : 0))];
    }
}
