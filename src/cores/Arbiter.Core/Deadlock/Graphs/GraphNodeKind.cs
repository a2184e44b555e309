namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>What a node of a resource-allocation or wait-for graph stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>A process (drawn as a circle).</summary>
    Process,

    /// <summary>A resource type (drawn as a square with one dot per instance).</summary>
    Resource,
}
