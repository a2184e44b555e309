namespace Arbiter.Core.Deadlock.Graphs;

/// <summary>What an edge of a resource-allocation or wait-for graph stands for.</summary>
public enum GraphEdgeKind
{
    /// <summary>Request edge P → R: the process waits for instances of the resource.</summary>
    Request,

    /// <summary>Assignment edge R → P: instances of the resource are held by the process.</summary>
    Assignment,

    /// <summary>Wait-for edge P → Q: P requests a resource that Q holds.</summary>
    WaitFor,
}
