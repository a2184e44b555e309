namespace Arbiter.Core.Graphs;

/// <summary>
/// Elementary cycles found in a graph, as node sequences (the closing edge back to the first node is implied),
/// each rotated to start at its smallest node, in lexicographic order of the sequences.
/// </summary>
/// <param name="Cycles">The cycles found, at most the requested limit.</param>
/// <param name="Truncated">True when the graph has more cycles than were returned.</param>
public sealed record CycleListing(IReadOnlyList<IReadOnlyList<int>> Cycles, bool Truncated)
{
    /// <summary>Number of cycles returned.</summary>
    public int Count => Cycles.Count;

    /// <summary>No cycles at all (not merely none returned).</summary>
    public bool IsEmpty => Cycles.Count == 0 && !Truncated;
}
