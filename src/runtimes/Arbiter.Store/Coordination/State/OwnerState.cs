namespace Arbiter.Store.Coordination;

/// <summary>A client session, identified by its lease id: what it holds (by resource name, ordinal order so that a
/// lease end releases in the same order on every replica), its one outstanding wait, and its wait-for graph node.</summary>
internal sealed class OwnerState(long lease, string? name, long firstSeen)
{
    public long Lease { get; } = lease;

    public string? Name { get; set; } = name;

    /// <summary>Revision of its first operation: its age, a victim-cost term.</summary>
    public long FirstSeen { get; } = firstSeen;

    /// <summary>Times its wait was failed to break a deadlock (the victim cost's "rollbacks": no owner starves).</summary>
    public int Victimized { get; set; }

    public SortedDictionary<string, Hold> Holds { get; } = new(StringComparer.Ordinal);

    public WaitEntry? Waiting { get; set; }

    /// <summary>Node id in the wait-for graph, −1 when it has none.</summary>
    public int Node { get; set; } = -1;

    /// <summary>Full wait-for graph out-edges while it waits (see <see cref="WaitForTracker"/>): the holders when it
    /// heads the queue, else the waiter just ahead.</summary>
    public List<OwnerState> WaitsOn { get; set; } = [];

    public string DisplayName => Name ?? $"lease {Lease}";
}
