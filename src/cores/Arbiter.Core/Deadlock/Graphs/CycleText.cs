namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>Cycles of the deadlock graphs as text.</summary>
internal static class CycleText
{
    /// <summary>The node names joined by arrows, closed back to the first: "P1 → P2 → P1".</summary>
    public static string Describe(IReadOnlyList<GraphNode> nodes, IReadOnlyList<int> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle.Count == 0 ? "" : string.Join(" → ", cycle.Append(cycle[0]).Select(id => nodes[id].Name));
    }
}
