namespace Arbiter.Store.Coordination;

public sealed partial class Coordinator
{
    /// <summary>The live graph (owners, resources, holds, waits, wait-for edges), sorted, for display.</summary>
    public CoordinationGraph Graph()
    {
        var owners = _owners.Values.OrderBy(o => o.Lease)
            .Select(o => new GraphOwner(o.Lease, o.DisplayName, o.FirstSeen, o.Victimized)).ToArray();
        var resources = _resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        var holds = new List<HoldEdge>();
        var waits = new List<WaitEdge>();
        var waitsFor = new List<WaitsForEdge>();
        foreach (var r in resources)
        {
            holds.AddRange(r.Holders.Select(h => new HoldEdge(r.Name, h.Owner.Lease, h.Units, h.Exclusive, h.Token)));
            for (int i = 0; i < r.Queue.Count; i++)
            {
                var w = r.Queue[i];
                waits.Add(new WaitEdge(r.Name, w.Owner.Lease, w.Units, w.Exclusive, w.Since, i));
                if (r.InGraph)
                {
                    var reason = i == 0 ? WaitReason.Holds : WaitReason.QueuedAhead;
                    waitsFor.AddRange(TargetsOf(r, i).Select(t => new WaitsForEdge(w.Owner.Lease, t.Lease, r.Name, reason)));
                }
            }
        }

        return new CoordinationGraph(
            _revision,
            owners,
            [.. resources.Select(r => new GraphResource(r.Name, r.Kind, r.Capacity, r.HeldUnits, r.Queue.Count))],
            holds,
            waits,
            waitsFor);
    }
}
