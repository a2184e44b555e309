// Source: Silberschatz, Galvin, Gagne, Operating System Concepts, §8.7.1 (wait-for graph, obtained from the
// resource-allocation graph by collapsing resource nodes) — seed weeks 3–5, "Wait-for Graph".
//
// Summary: an edge P→Q when P has an outstanding request for some resource type that Q holds instances of,
// labelled with those resource types. With single-instance resources a cycle means deadlock. With several
// instances a cycle is necessary but not sufficient: every deadlocked set of processes contains a cycle (each
// deadlocked process waits on a resource some other deadlocked process holds), not conversely. A process that
// requests more of a type it already holds gets no self-edge: it never waits for itself.
//
// Cost: building O(n·m + e); cycle membership O(n + e); listing O((n + e)(c + 1)) for c cycles listed.
using Arbiter.Core.Graphs;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>The wait-for graph of a resource state: node ids are the ledger's process indices.</summary>
public sealed class WaitForGraph
{
    private readonly IReadOnlyList<int>[] _successors;

    private WaitForGraph(GraphNode[] nodes, GraphEdge[] edges, IReadOnlyList<int>[] successors)
    {
        Nodes = nodes;
        Edges = edges;
        _successors = successors;
    }

    /// <summary>All nodes (processes), indexed by id.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>All edges, ordered by waiting process, then waited-for process.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>Whether the graph has any cycle.</summary>
    public bool HasCycle => Nodes.Any(n => n.OnCycle);

    /// <summary>Successor ids of process <paramref name="p"/> (whom it waits for), ascending.</summary>
    public IReadOnlyList<int> Successors(int p) => _successors[p];

    /// <summary>Builds the wait-for graph of <paramref name="ledger"/>'s allocations and outstanding requests.</summary>
    public static WaitForGraph From(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        int n = ledger.ProcessCount, m = ledger.ResourceCount;
        var holders = new List<int>[m];
        for (int r = 0; r < m; r++)
        {
            holders[r] = [];
            for (int q = 0; q < n; q++)
            {
                if (ledger.Allocation(q)[r] > 0)
                {
                    holders[r].Add(q);
                }
            }
        }

        var succ = new IReadOnlyList<int>[n];
        var raw = new List<(int From, int To, int Count, List<int> Resources)>();
        var labels = new SortedDictionary<int, (int Count, List<int> Resources)>();
        for (int p = 0; p < n; p++)
        {
            labels.Clear();
            var request = ledger.Request(p);
            for (int r = 0; r < m; r++)
            {
                if (request[r] == 0)
                {
                    continue;
                }

                foreach (int q in holders[r])
                {
                    if (q == p)
                    {
                        continue;
                    }

                    if (!labels.TryGetValue(q, out var label))
                    {
                        label = (0, []);
                    }

                    label.Resources.Add(r);
                    labels[q] = (label.Count + ledger.Allocation(q)[r], label.Resources);
                }
            }

            succ[p] = labels.Keys.ToArray();
            raw.AddRange(labels.Select(kv => (p, kv.Key, kv.Value.Count, kv.Value.Resources)));
        }

        bool[] onCycle = StronglyConnectedComponents.NodesOnCycles(succ, out int[] component);
        var nodes = new GraphNode[n];
        for (int p = 0; p < n; p++)
        {
            nodes[p] = new GraphNode(p, GraphNodeKind.Process, p, ledger.ProcessName(p), 0, 0, onCycle[p]);
        }

        // No self-loops, so an edge is on a cycle exactly when both ends share a component.
        var edges = raw.Select(e => new GraphEdge(GraphEdgeKind.WaitFor, e.From, e.To, e.Count, e.Resources.ToArray(),
            component[e.From] == component[e.To])).ToArray();
        return new WaitForGraph(nodes, edges, succ);
    }

    /// <summary>The elementary cycles, at most <paramref name="limit"/>, each a sequence of process ids starting at
    /// its lowest-numbered process, in lexicographic order.</summary>
    public CycleListing Cycles(int limit = 1000) => ElementaryCycles.Find(_successors, limit);

    /// <summary>A cycle as text, closed back to its start: "P1 → P2 → P3 → P1".</summary>
    public string Describe(IReadOnlyList<int> cycle) => CycleText.Describe(Nodes, cycle);
}
