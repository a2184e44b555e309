namespace Arbiter.Core.Graphs;

/// <summary>
/// <see cref="IncrementalCycleDetector"/> over arbitrary keys (lock classes, process names, transaction ids):
/// a node is created the first time a key is used in <see cref="TryAddEdge"/> or <see cref="GetOrAddNode"/>.
/// Same costs as the integer version plus one dictionary lookup per key.
/// </summary>
/// <typeparam name="TKey">Node key; compared with the comparer given to the constructor.</typeparam>
public sealed class IncrementalCycleDetector<TKey>
    where TKey : notnull
{
    private readonly IncrementalCycleDetector _graph;
    private readonly Dictionary<TKey, int> _ids;
    private readonly List<TKey> _keys;

    /// <summary>Creates an empty graph.</summary>
    public IncrementalCycleDetector(IEqualityComparer<TKey>? comparer = null, int nodeCapacity = 16)
    {
        _graph = new IncrementalCycleDetector(nodeCapacity);
        _ids = new Dictionary<TKey, int>(nodeCapacity, comparer);
        _keys = new List<TKey>(nodeCapacity);
    }

    /// <summary>Number of nodes (distinct keys seen).</summary>
    public int NodeCount => _graph.NodeCount;

    /// <summary>Number of edges currently in the graph.</summary>
    public int EdgeCount => _graph.EdgeCount;

    /// <summary>The underlying integer graph (node ids are those of <see cref="IdOf"/>).</summary>
    public IncrementalCycleDetector Graph => _graph;

    /// <summary>Whether <paramref name="key"/> has a node.</summary>
    public bool ContainsNode(TKey key) => _ids.ContainsKey(key);

    /// <summary>The node id of <paramref name="key"/>, creating the node if needed.</summary>
    public int GetOrAddNode(TKey key)
    {
        if (_ids.TryGetValue(key, out int id))
        {
            return id;
        }

        id = _graph.AddNode();
        _ids.Add(key, id);
        _keys.Add(key);
        return id;
    }

    /// <summary>The node id of <paramref name="key"/>, or −1 if it has none.</summary>
    public int IdOf(TKey key) => _ids.TryGetValue(key, out int id) ? id : -1;

    /// <summary>The key of node <paramref name="id"/>.</summary>
    public TKey KeyOf(int id) => _keys[id];

    /// <summary>
    /// Adds <paramref name="from"/>→<paramref name="to"/> (creating the nodes) unless it would close a cycle; on
    /// refusal <paramref name="cycle"/> is the key path [to, …, from] that the edge would close ([from] for a
    /// self-loop). An existing edge is a no-op returning true.
    /// </summary>
    public bool TryAddEdge(TKey from, TKey to, out IReadOnlyList<TKey>? cycle)
    {
        int u = GetOrAddNode(from);
        int v = GetOrAddNode(to);
        if (_graph.TryAddEdge(u, v, out var ids))
        {
            cycle = null;
            return true;
        }

        var keys = new TKey[ids!.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = _keys[ids[i]];
        }

        cycle = keys;
        return false;
    }

    /// <summary>Removes the edge; false if it (or either key) was not there.</summary>
    public bool RemoveEdge(TKey from, TKey to)
        => _ids.TryGetValue(from, out int u) && _ids.TryGetValue(to, out int v) && _graph.RemoveEdge(u, v);

    /// <summary>Whether the edge is in the graph (false for unknown keys).</summary>
    public bool ContainsEdge(TKey from, TKey to)
        => _ids.TryGetValue(from, out int u) && _ids.TryGetValue(to, out int v) && _graph.ContainsEdge(u, v);

    /// <summary>Position of <paramref name="key"/> in the maintained topological order.</summary>
    /// <exception cref="KeyNotFoundException">The key has no node.</exception>
    public int OrderOf(TKey key) => _graph.OrderOf(_ids[key]);

    /// <summary>The successors of <paramref name="key"/> (none for an unknown key).</summary>
    public IEnumerable<TKey> Successors(TKey key)
    {
        if (!_ids.TryGetValue(key, out int u))
        {
            yield break;
        }

        foreach (int v in _graph.Successors(u))
        {
            yield return _keys[v];
        }
    }

    /// <summary>The predecessors of <paramref name="key"/> (none for an unknown key).</summary>
    public IEnumerable<TKey> Predecessors(TKey key)
    {
        if (!_ids.TryGetValue(key, out int u))
        {
            yield break;
        }

        foreach (int v in _graph.Predecessors(u))
        {
            yield return _keys[v];
        }
    }
}
