namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>A node of a resource-allocation or wait-for graph, shaped for a renderer (DOT, SVG, tables).</summary>
/// <param name="Id">Node id in its graph (the ids used by edges and cycles).</param>
/// <param name="Kind">Process or resource.</param>
/// <param name="Index">Index of the process or resource type in the ledger.</param>
/// <param name="Name">Process or resource name from the ledger.</param>
/// <param name="Instances">For a resource, its total instances (the dots); 0 for a process.</param>
/// <param name="Available">For a resource, its free instances; 0 for a process.</param>
/// <param name="OnCycle">Whether the node lies on at least one cycle of the graph (independent of any limit on
/// how many cycles are listed).</param>
public sealed record GraphNode(int Id, GraphNodeKind Kind, int Index, string Name, int Instances, int Available, bool OnCycle);
