// Source: Silberschatz, Galvin, Gagne, Operating System Concepts, §8.7.1 (the wait-for graph) and §18.5 / 10th ed.
// §19.5 (deadlock in distributed systems: a global wait-for graph), here kept by the one coordinator every client
// talks to, so it is exact and needs no probes; Pearce & Kelly (2006) for the incremental cycle check.
//
// Summary: the wait-for graph across all clients. Nodes are owners (lease ids); a waiter that heads a resource's FIFO
// queue has an edge to every holder of that resource, a waiter further back an edge to the waiter just ahead of it
// (FIFO grants that one first, so it truly waits on it). Reachability is the same as with edges from every waiter to
// every holder and every waiter ahead, at a cost of O(1) edges per waiter for a mutex. The edges live in
// Arbiter.Core's IncrementalCycleDetector, which keeps them acyclic: an edge it refuses (it would close a cycle) is
// "parked" beside it. A semaphore can have a cycle that is not a deadlock, so parked edges do occur; while any exist
// a wait also checks for a cycle through itself in the full graph (DAG + parked).
//
// Cost: an edge that agrees with the maintained order O(1); one that reorders O(‖δ‖ log ‖δ‖) (Pearce–Kelly); a
// cycle check O(owners reachable from the waiter), paid only when the detector refused an edge or edges are parked.
using System.Diagnostics;
using Arbiter.Core.Graphs;

namespace Arbiter.Store.Coordination;

/// <summary>The live cross-client wait-for graph (owners as nodes) over <see cref="IncrementalCycleDetector"/>.</summary>
internal sealed class WaitForTracker
{
    private readonly IncrementalCycleDetector _dag = new(64);
    private readonly List<OwnerState?> _ownerOf = [];
    private readonly Stack<int> _free = new();
    private readonly HashSet<(int From, int To)> _parked = [];

    /// <summary>Edges refused by the detector because they close a cycle (a multi-unit cycle that is no deadlock, or
    /// one about to be broken).</summary>
    public int ParkedCount => _parked.Count;

    /// <summary>Edges in the graph, parked ones included.</summary>
    public int EdgeCount => _dag.EdgeCount + _parked.Count;

    /// <summary>Replaces the out-edges of <paramref name="owner"/>; returns true if the detector refused any new edge
    /// (it would close a cycle, necessarily through <paramref name="owner"/>).</summary>
    public bool SetTargets(OwnerState owner, List<OwnerState> targets)
    {
        var old = owner.WaitsOn;
        if (old.Count == 0 && targets.Count == 0)
        {
            return false;
        }

        int u = EnsureNode(owner);
        foreach (var t in old)
        {
            if (!targets.Contains(t) && !_dag.RemoveEdge(u, t.Node))
            {
                bool wasParked = _parked.Remove((u, t.Node));
                Debug.Assert(wasParked, "an edge of the full graph is in the detector or parked");
            }
        }

        bool refused = false;
        foreach (var t in targets)
        {
            Debug.Assert(!ReferenceEquals(t, owner), "an owner never waits for itself");
            if (!old.Contains(t))
            {
                int v = EnsureNode(t);
                if (!_dag.TryAddEdge(u, v, out _))
                {
                    _parked.Add((u, v));
                    refused = true;
                }
            }
        }

        owner.WaitsOn = targets;
        return refused;
    }

    /// <summary>Tries to move parked edges back into the detector (they fit once the cycle they closed is gone).</summary>
    public void RetryParked()
    {
        if (_parked.Count == 0)
        {
            return;
        }

        foreach (var edge in _parked.ToArray())
        {
            if (_dag.TryAddEdge(edge.From, edge.To, out _))
            {
                _parked.Remove(edge);
            }
        }
    }

    /// <summary>Gives back the node of an owner that has gone (its lease ended); it must have no edges left.</summary>
    public void Forget(OwnerState owner)
    {
        if (owner.Node < 0)
        {
            return;
        }

        Debug.Assert(owner.WaitsOn.Count == 0, "a forgotten owner still waits");
        Debug.Assert(_dag.Predecessors(owner.Node).Count == 0 && _dag.Successors(owner.Node).Count == 0, "a forgotten owner still has edges");
        _ownerOf[owner.Node] = null;
        _free.Push(owner.Node);
        owner.Node = -1;
    }

    /// <summary>
    /// A shortest cycle through <paramref name="start"/> in the full graph (breadth-first over the owners' ordered
    /// out-edges, so the same state gives the same cycle on every replica, whatever the detector's internal order):
    /// [start, o1, …, ok] with ok waiting on start; null if there is none. <paramref name="within"/> restricts the
    /// owners the cycle may visit.
    /// </summary>
    public static List<OwnerState>? CycleThrough(OwnerState start, ISet<OwnerState>? within = null)
    {
        var parent = new Dictionary<OwnerState, OwnerState>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<OwnerState>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in v.WaitsOn)
            {
                if (ReferenceEquals(w, start))
                {
                    var path = new List<OwnerState>();
                    for (var x = v; !ReferenceEquals(x, start); x = parent[x])
                    {
                        path.Add(x);
                    }

                    path.Add(start);
                    path.Reverse();
                    return path;
                }

                if ((within is null || within.Contains(w)) && !parent.ContainsKey(w))
                {
                    parent[w] = v;
                    queue.Enqueue(w);
                }
            }
        }

        return null;
    }

    /// <summary>The owners on some cycle with <paramref name="start"/> (its strongly connected component in the full
    /// graph), ascending lease ids: those reachable from it that also reach it.</summary>
    public static List<OwnerState> StrongComponent(OwnerState start)
    {
        var reach = new HashSet<OwnerState>(ReferenceEqualityComparer.Instance) { start };
        var order = new List<OwnerState> { start };
        for (int i = 0; i < order.Count; i++)
        {
            foreach (var w in order[i].WaitsOn)
            {
                if (reach.Add(w))
                {
                    order.Add(w);
                }
            }
        }

        // Backward search from start over reversed edges, restricted to the forward-reachable set.
        var reverse = new Dictionary<OwnerState, List<OwnerState>>(ReferenceEqualityComparer.Instance);
        foreach (var v in order)
        {
            foreach (var w in v.WaitsOn)
            {
                if (!reverse.TryGetValue(w, out var list))
                {
                    reverse[w] = list = [];
                }

                list.Add(v);
            }
        }

        var component = new HashSet<OwnerState>(ReferenceEqualityComparer.Instance) { start };
        var stack = new Stack<OwnerState>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            if (reverse.TryGetValue(stack.Pop(), out var preds))
            {
                foreach (var p in preds)
                {
                    if (component.Add(p))
                    {
                        stack.Push(p);
                    }
                }
            }
        }

        return [.. component.OrderBy(o => o.Lease)];
    }

    private int EnsureNode(OwnerState owner)
    {
        if (owner.Node >= 0)
        {
            return owner.Node;
        }

        int id;
        if (_free.Count > 0)
        {
            id = _free.Pop();
            _ownerOf[id] = owner;
        }
        else
        {
            id = _dag.AddNode();
            _ownerOf.Add(owner);
        }

        owner.Node = id;
        return id;
    }
}
