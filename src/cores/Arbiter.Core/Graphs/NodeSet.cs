using System.Collections;

namespace Arbiter.Core.Graphs;

/// <summary>
/// A read-only view of a node's neighbours in an <see cref="IncrementalCycleDetector"/>. A struct whose
/// <c>foreach</c> does not allocate, so that hot paths (lock validation) can walk edges for free. The view is live:
/// it reflects later changes to the graph, and must not be enumerated while the graph changes.
/// </summary>
public readonly struct NodeSet : IReadOnlyCollection<int>, IEquatable<NodeSet>
{
    private readonly HashSet<int>? _set;

    internal NodeSet(HashSet<int> set) => _set = set;

    /// <summary>Number of neighbours.</summary>
    public int Count => _set?.Count ?? 0;

    /// <summary>Whether <paramref name="node"/> is a neighbour.</summary>
    public bool Contains(int node) => _set?.Contains(node) ?? false;

    /// <summary>Allocation-free enumerator (in insertion order unless edges were removed).</summary>
    public HashSet<int>.Enumerator GetEnumerator() => (_set ?? EmptySet).GetEnumerator();

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Two views are equal when they view the same node's set.</summary>
    public bool Equals(NodeSet other) => ReferenceEquals(_set, other._set);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NodeSet other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _set is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_set);

    /// <summary>Same view.</summary>
    public static bool operator ==(NodeSet left, NodeSet right) => left.Equals(right);

    /// <summary>Different views.</summary>
    public static bool operator !=(NodeSet left, NodeSet right) => !left.Equals(right);

    private static readonly HashSet<int> EmptySet = [];
}
