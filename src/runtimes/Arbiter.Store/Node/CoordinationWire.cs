using Arbiter.Store.Coordination;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Node;

/// <summary>The coordinator's live wait-for graph in the gateway's wire shape (<c>/arbiter/v1/locks/graph</c>).</summary>
public static class CoordinationWire
{
    /// <summary>The graph, with how many deadlocks were broken so far.</summary>
    public static WireGraphResponse ToWire(CoordinationGraph graph, long deadlocksBroken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new WireGraphResponse
        {
            Owners = [.. graph.Owners.Select(o => new WireGraphOwner { Lease = o.Lease, Name = o.Name, FirstSeen = o.FirstSeen, Victimized = o.Victimized })],
            Resources = [.. graph.Resources.Select(r => new WireGraphResource
            {
                Name = r.Name, Kind = r.Kind.ToString().ToLowerInvariant(), Capacity = r.Capacity, HeldUnits = r.HeldUnits, Waiting = r.Waiting,
            })],
            Holds = [.. graph.Holds.Select(h => new WireGraphEdge { Resource = h.Resource, Lease = h.Lease, Units = h.Units, Exclusive = h.Exclusive, Token = h.Token })],
            Waits = [.. graph.Waits.Select(w => new WireGraphEdge
            {
                Resource = w.Resource, Lease = w.Lease, Units = w.Units, Exclusive = w.Exclusive, Since = w.Since, Position = w.Position,
            })],
            WaitsFor = [.. graph.WaitsFor.Select(e => new WireWaitsFor { From = e.From, To = e.To, Resource = e.Resource, Reason = e.Reason.ToString().ToLowerInvariant() })],
            DeadlocksBroken = deadlocksBroken,
        };
    }
}
