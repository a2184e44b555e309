namespace Arbiter.Store.Coordination;

/// <summary>The live graph across all clients, for <c>arbiter store locks --graph</c>: owners and resources as nodes,
/// holds (resource → owner) and waits (owner → resource) as edges, and the owner → owner wait-for edges the deadlock
/// detection runs on. Everything is sorted (owners by lease, resources by name, edges by resource then position) so
/// every replica renders the same picture.</summary>
/// <param name="Revision">Revision of the last operation applied.</param>
/// <param name="Owners">Owner nodes.</param>
/// <param name="Resources">Resource nodes.</param>
/// <param name="Holds">Hold edges.</param>
/// <param name="Waits">Wait edges.</param>
/// <param name="WaitsFor">Wait-for edges between owners (a head waiter → each holder, any other waiter → the one ahead).</param>
public sealed record CoordinationGraph(
    long Revision,
    IReadOnlyList<GraphOwner> Owners,
    IReadOnlyList<GraphResource> Resources,
    IReadOnlyList<HoldEdge> Holds,
    IReadOnlyList<WaitEdge> Waits,
    IReadOnlyList<WaitsForEdge> WaitsFor);
