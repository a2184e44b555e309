// Source: D. J. Pearce and P. H. J. Kelly, "A Dynamic Topological Sort Algorithm for Directed Acyclic Graphs",
// ACM Journal of Experimental Algorithmics 11 (2006), §3 (algorithm PK: procedures add_edge, dfs_f, dfs_b, reorder).
//
// Summary: keeps a directed acyclic graph together with a topological order ord (a permutation of 0..n−1) while
// edges come and go. Adding x→y with ord[x] < ord[y] agrees with the order and costs O(1). Otherwise only the
// "affected region" ord[y]..ord[x] can change: a forward search from y (visiting only nodes with ord < ord[x]) and a
// backward search from x (only nodes with ord > ord[y]) find the sets δF and δB; if the forward search meets x the
// edge closes a cycle and is refused. Else δB is moved before δF, reusing exactly the positions they held.
// Removing an edge never invalidates a topological order, so it costs O(1).
//
// Cost: O(1) for an edge that agrees with the order or already exists; O(‖δ‖ log ‖δ‖) for one that forces a
// reorder, where ‖δ‖ counts the nodes and edges of δF ∪ δB (only nodes inside the affected region are visited).
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Arbiter.Core.Graphs;

/// <summary>
/// A directed graph that changes edge by edge and is kept acyclic: an edge that would close a cycle is refused and
/// the cycle reported. Maintains a dynamic topological order (Pearce &amp; Kelly 2006), so the common case, an edge
/// that agrees with the order (e.g. locks taken in the usual order), is O(1) and allocation-free.
/// </summary>
/// <remarks>Nodes are dense integer ids 0..<see cref="NodeCount"/>−1 handed out by <see cref="AddNode"/>.
/// Not thread-safe: the caller serialises access (it is a pure core).</remarks>
public sealed class IncrementalCycleDetector
{
    private HashSet<int>[] _succ;
    private HashSet<int>[] _pred;
    private int[] _ord;   // node → position in the topological order
    private int[] _node;  // position → node (inverse of _ord)
    private int _count;
    private int _edgeCount;

    // Search state, reused across calls so that a reorder allocates nothing once the buffers have grown.
    private int[] _mark;  // _mark[v] == _stamp: visited by the current forward search; == _stamp + 1: backward
    private int[] _parent;
    private int _stamp;
    private readonly List<int> _queue = [];
    private readonly List<int> _forward = [];
    private readonly List<int> _backward = [];
    private readonly List<int> _positions = [];

    /// <summary>Creates an empty graph with room for <paramref name="nodeCapacity"/> nodes before it grows.</summary>
    public IncrementalCycleDetector(int nodeCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCapacity);
        int capacity = Math.Max(nodeCapacity, 4);
        _succ = new HashSet<int>[capacity];
        _pred = new HashSet<int>[capacity];
        _ord = new int[capacity];
        _node = new int[capacity];
        _mark = new int[capacity];
        _parent = new int[capacity];
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _count;

    /// <summary>Number of edges currently in the graph.</summary>
    public int EdgeCount => _edgeCount;

    /// <summary>Adds a node with no edges, placed last in the topological order; returns its id.</summary>
    public int AddNode()
    {
        if (_count == _ord.Length)
        {
            Grow(_count * 2);
        }

        int v = _count++;
        _succ[v] = [];
        _pred[v] = [];
        _ord[v] = v;
        _node[v] = v;
        _mark[v] = 0;
        return v;
    }

    /// <summary>Adds <paramref name="count"/> nodes (ids NodeCount..NodeCount+count−1).</summary>
    public void AddNodes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_count + count > _ord.Length)
        {
            Grow(Math.Max(_count + count, _ord.Length * 2));
        }

        for (int i = 0; i < count; i++)
        {
            AddNode();
        }
    }

    /// <summary>
    /// Adds the edge <paramref name="from"/>→<paramref name="to"/> unless it would close a cycle. On refusal,
    /// <paramref name="cycle"/> is a path [to, …, from] in the graph, so that with the refused edge it closes; a
    /// self-loop is refused with the cycle [from]. Adding an edge that is already present is a no-op returning true.
    /// </summary>
    /// <returns>True if the edge is now in the graph; false if it was refused.</returns>
    public bool TryAddEdge(int from, int to, out IReadOnlyList<int>? cycle)
    {
        CheckNode(from);
        CheckNode(to);
        cycle = null;
        if (from == to)
        {
            cycle = [from];
            return false;
        }

        if (_succ[from].Contains(to))
        {
            return true;
        }

        int lb = _ord[to];
        int ub = _ord[from];
        if (lb < ub)
        {
            // The edge goes backwards in the current order: search the affected region ord[to]..ord[from].
            if (SearchForward(to, from, ub))
            {
                cycle = PathTo(to, from);
                return false;
            }

            SearchBackward(from, lb);
            Reorder();
        }

        _succ[from].Add(to);
        _pred[to].Add(from);
        _edgeCount++;
        Debug.Assert(_ord[from] < _ord[to], "after insertion the edge must agree with the order");
        return true;
    }

    /// <summary>Adds the edge or throws if it would close a cycle (convenience for building known DAGs).</summary>
    /// <exception cref="InvalidOperationException">The edge would close a cycle.</exception>
    public void AddEdge(int from, int to)
    {
        if (!TryAddEdge(from, to, out var cycle))
        {
            throw new InvalidOperationException($"edge {from}→{to} would close the cycle {string.Join("→", cycle!)}→{to}");
        }
    }

    /// <summary>Removes the edge; returns false if it was not there. The order stays valid (O(1)).</summary>
    public bool RemoveEdge(int from, int to)
    {
        CheckNode(from);
        CheckNode(to);
        if (!_succ[from].Remove(to))
        {
            return false;
        }

        _pred[to].Remove(from);
        _edgeCount--;
        return true;
    }

    /// <summary>Whether the edge <paramref name="from"/>→<paramref name="to"/> is in the graph.</summary>
    public bool ContainsEdge(int from, int to)
    {
        CheckNode(from);
        CheckNode(to);
        return _succ[from].Contains(to);
    }

    /// <summary>Position of <paramref name="node"/> in the maintained topological order (0..NodeCount−1): every edge
    /// u→v has OrderOf(u) &lt; OrderOf(v).</summary>
    public int OrderOf(int node)
    {
        CheckNode(node);
        return _ord[node];
    }

    /// <summary>The node at <paramref name="position"/> of the topological order (inverse of <see cref="OrderOf"/>).</summary>
    public int NodeAt(int position)
    {
        if ((uint)position >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(position), $"no position {position} among {_count} nodes");
        }

        return _node[position];
    }

    /// <summary>The successors of <paramref name="node"/> (enumerating them does not allocate).</summary>
    public NodeSet Successors(int node)
    {
        CheckNode(node);
        return new NodeSet(_succ[node]);
    }

    /// <summary>The predecessors of <paramref name="node"/> (enumerating them does not allocate).</summary>
    public NodeSet Predecessors(int node)
    {
        CheckNode(node);
        return new NodeSet(_pred[node]);
    }

    /// <summary>
    /// Forward search (PK's dfs_f, done breadth-first so that a reported cycle is a shortest one): visits the nodes
    /// reachable from <paramref name="start"/> whose position is below <paramref name="ub"/>; returns true as soon as
    /// it reaches <paramref name="target"/> (position ub). Nodes beyond ub cannot reach the target, since every path
    /// climbs the order, which is what keeps the search inside the affected region.
    /// </summary>
    private bool SearchForward(int start, int target, int ub)
    {
        NextStamp();
        _forward.Clear();
        _queue.Clear();
        _mark[start] = _stamp;
        _parent[start] = -1;
        _queue.Add(start);
        for (int head = 0; head < _queue.Count; head++)
        {
            int v = _queue[head];
            _forward.Add(v);
            foreach (int w in _succ[v])
            {
                if (w == target)
                {
                    _parent[w] = v;
                    return true;
                }

                if (_mark[w] != _stamp && _ord[w] < ub)
                {
                    _mark[w] = _stamp;
                    _parent[w] = v;
                    _queue.Add(w);
                }
            }
        }

        return false;
    }

    /// <summary>Backward search (PK's dfs_b): the nodes that reach <paramref name="start"/> with position above
    /// <paramref name="lb"/>.</summary>
    private void SearchBackward(int start, int lb)
    {
        int stamp = _stamp + 1;
        _backward.Clear();
        _queue.Clear();
        _mark[start] = stamp;
        _queue.Add(start);
        for (int head = 0; head < _queue.Count; head++)
        {
            int v = _queue[head];
            _backward.Add(v);
            foreach (int w in _pred[v])
            {
                // δF and δB are disjoint here: a node in both would lie on a cycle through the new edge.
                Debug.Assert(_mark[w] != _stamp, "forward and backward regions overlap without a cycle");
                if (_mark[w] != stamp && _ord[w] > lb)
                {
                    _mark[w] = stamp;
                    _queue.Add(w);
                }
            }
        }
    }

    /// <summary>
    /// PK's reorder: the nodes of δB (which must come before the new edge's head) and δF (after its tail) are laid
    /// back into the very positions they occupied, δB first, each set keeping its internal relative order. Positions
    /// outside δB ∪ δF are untouched, which is why the order stays valid for all other edges.
    /// </summary>
    private void Reorder()
    {
        var forward = CollectionsMarshal.AsSpan(_forward);
        var backward = CollectionsMarshal.AsSpan(_backward);

        // Sort each set by current position; positions are unique, so sort positions and map them back to nodes.
        for (int i = 0; i < forward.Length; i++)
        {
            forward[i] = _ord[forward[i]];
        }

        for (int i = 0; i < backward.Length; i++)
        {
            backward[i] = _ord[backward[i]];
        }

        forward.Sort();
        backward.Sort();

        // The pool of positions: the sorted union of both sets' positions (a merge of two sorted lists).
        _positions.Clear();
        int f = 0, b = 0;
        while (f < forward.Length || b < backward.Length)
        {
            _positions.Add(b == backward.Length || (f < forward.Length && forward[f] < backward[b]) ? forward[f++] : backward[b++]);
        }

        // Turn positions back into nodes before any position is overwritten.
        for (int i = 0; i < backward.Length; i++)
        {
            backward[i] = _node[backward[i]];
        }

        for (int i = 0; i < forward.Length; i++)
        {
            forward[i] = _node[forward[i]];
        }

        int k = 0;
        foreach (int v in backward)
        {
            Place(v, _positions[k++]);
        }

        foreach (int v in forward)
        {
            Place(v, _positions[k++]);
        }
    }

    private void Place(int v, int position)
    {
        _ord[v] = position;
        _node[position] = v;
    }

    private int[] PathTo(int start, int target)
    {
        int length = 1;
        for (int v = target; v != start; v = _parent[v])
        {
            length++;
        }

        var path = new int[length];
        for (int v = target, i = length - 1; i >= 0; v = _parent[v], i--)
        {
            path[i] = v;
        }

        Debug.Assert(path[0] == start && path[^1] == target, "cycle path must run from the edge's head to its tail");
        return path;
    }

    private void NextStamp()
    {
        // Two stamps per search (forward, backward); on wrap-around clear the marks rather than alias old ones.
        _stamp += 2;
        if (_stamp >= int.MaxValue - 2)
        {
            Array.Clear(_mark);
            _stamp = 2;
        }
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _succ, capacity);
        Array.Resize(ref _pred, capacity);
        Array.Resize(ref _ord, capacity);
        Array.Resize(ref _node, capacity);
        Array.Resize(ref _mark, capacity);
        Array.Resize(ref _parent, capacity);
    }

    private void CheckNode(int node)
    {
        if ((uint)node >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(node), $"no node {node} among {_count} nodes");
        }
    }
}
