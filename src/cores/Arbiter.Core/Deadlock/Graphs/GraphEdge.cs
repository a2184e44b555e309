namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>An edge of a resource-allocation or wait-for graph, shaped for a renderer.</summary>
/// <param name="Kind">Request, assignment or wait-for.</param>
/// <param name="From">Id of the source node.</param>
/// <param name="To">Id of the target node.</param>
/// <param name="Count">Request: instances requested. Assignment: instances held. Wait-for: how many instances
/// of the labelling resources the waited-for process holds.</param>
/// <param name="Resources">Ledger indices of the resource types behind the edge, ascending: the one resource of a
/// request or assignment edge, the label of a wait-for edge.</param>
/// <param name="OnCycle">Whether the edge lies on at least one cycle of the graph.</param>
public sealed record GraphEdge(GraphEdgeKind Kind, int From, int To, int Count, IReadOnlyList<int> Resources, bool OnCycle);
