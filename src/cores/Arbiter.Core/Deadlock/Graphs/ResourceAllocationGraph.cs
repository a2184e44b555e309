// Source: R. C. Holt, "Some Deadlock Properties of Computer Systems", ACM Computing Surveys 4(3), 1972 (the
// general resource graph); Silberschatz, Galvin, Gagne, Operating System Concepts, §8.3.2 (resource-allocation
// graph) — seed week 3, "Resource Allocation Graph (RAG)".
//
// Summary: process nodes, resource nodes with their instance counts, a request edge P→R per outstanding request
// and an assignment edge R→P per allocation, read off one ResourceLedger. Which nodes and edges lie on a cycle
// comes from strongly connected components (exact, whatever the listing limit); the cycles themselves from
// Johnson's enumeration. With single-instance resources a cycle means deadlock; with several instances it is only
// a necessary condition (the reduction in Deadlock.Reduction decides).
//
// Cost: building O(n·m); cycle membership O(n + m + e); listing O((n + m + e)(c + 1)) for c cycles listed.
using Arbiter.Core.Graphs;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>
/// The resource-allocation graph of a resource state. Node ids: processes 0..n−1 in ledger order, then resources
/// n..n+m−1. Edges are ordered by source node, then target node.
/// </summary>
public sealed class ResourceAllocationGraph
{
    private readonly IReadOnlyList<int>[] _successors;

    private ResourceAllocationGraph(int processCount, int resourceCount, GraphNode[] nodes, GraphEdge[] edges, IReadOnlyList<int>[] successors)
    {
        ProcessCount = processCount;
        ResourceCount = resourceCount;
        Nodes = nodes;
        Edges = edges;
        _successors = successors;
    }

    /// <summary>Number of process nodes (ids 0..ProcessCount−1).</summary>
    public int ProcessCount { get; }

    /// <summary>Number of resource nodes (ids ProcessCount..ProcessCount+ResourceCount−1).</summary>
    public int ResourceCount { get; }

    /// <summary>All nodes, indexed by id.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>All edges: request edges P→R, then assignment edges R→P.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>Whether the graph has any cycle.</summary>
    public bool HasCycle => Nodes.Any(n => n.OnCycle);

    /// <summary>Node id of process <paramref name="p"/>.</summary>
    public int ProcessNode(int p) => (uint)p < (uint)ProcessCount ? p : throw new ArgumentOutOfRangeException(nameof(p));

    /// <summary>Node id of resource type <paramref name="r"/>.</summary>
    public int ResourceNode(int r) => (uint)r < (uint)ResourceCount ? ProcessCount + r : throw new ArgumentOutOfRangeException(nameof(r));

    /// <summary>Successor node ids of node <paramref name="id"/>, ascending.</summary>
    public IReadOnlyList<int> Successors(int id) => _successors[id];

    /// <summary>Builds the graph of <paramref name="ledger"/>'s current allocations and outstanding requests.</summary>
    public static ResourceAllocationGraph From(ResourceLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        int n = ledger.ProcessCount, m = ledger.ResourceCount;
        var succ = new List<int>[n + m];
        for (int v = 0; v < succ.Length; v++)
        {
            succ[v] = [];
        }

        var raw = new List<(GraphEdgeKind Kind, int From, int To, int Count, int Resource)>();
        for (int p = 0; p < n; p++)
        {
            var request = ledger.Request(p);
            for (int r = 0; r < m; r++)
            {
                if (request[r] > 0)
                {
                    raw.Add((GraphEdgeKind.Request, p, n + r, request[r], r));
                    succ[p].Add(n + r);
                }
            }
        }

        for (int r = 0; r < m; r++)
        {
            for (int p = 0; p < n; p++)
            {
                int held = ledger.Allocation(p)[r];
                if (held > 0)
                {
                    raw.Add((GraphEdgeKind.Assignment, n + r, p, held, r));
                    succ[n + r].Add(p);
                }
            }
        }

        IReadOnlyList<int>[] successors = succ;
        bool[] onCycle = StronglyConnectedComponents.NodesOnCycles(successors, out int[] component);
        var nodes = new GraphNode[n + m];
        for (int p = 0; p < n; p++)
        {
            nodes[p] = new GraphNode(p, GraphNodeKind.Process, p, ledger.ProcessName(p), 0, 0, onCycle[p]);
        }

        for (int r = 0; r < m; r++)
        {
            nodes[n + r] = new GraphNode(n + r, GraphNodeKind.Resource, r, ledger.ResourceNames[r],
                ledger.Total[r], ledger.Available[r], onCycle[n + r]);
        }

        // The graph is bipartite (no self-loops), so an edge is on a cycle exactly when both ends share a component.
        var edges = raw.Select(e => new GraphEdge(e.Kind, e.From, e.To, e.Count, [e.Resource], component[e.From] == component[e.To]))
            .ToArray();
        return new ResourceAllocationGraph(n, m, nodes, edges, successors);
    }

    /// <summary>
    /// The elementary cycles, at most <paramref name="limit"/>, each a node-id sequence alternating process and
    /// resource and starting at its lowest-numbered process, e.g. P1 → R1 → P2 → R2 (→ back to P1); in
    /// lexicographic order of the ids.
    /// </summary>
    public CycleListing Cycles(int limit = 1000) => ElementaryCycles.Find(_successors, limit);

    /// <summary>A cycle as text, closed back to its start: "P1 → R1 → P2 → R2 → P1".</summary>
    public string Describe(IReadOnlyList<int> cycle) => CycleText.Describe(Nodes, cycle);
}
