using System.Diagnostics;

namespace Arbiter.Store.Coordination;

/// <summary>One named resource: its kind and capacity (1, N permits, N parties), its holders in grant order, its FIFO
/// queue (for a barrier: the arrivals of the current generation), and for an election the observed history.</summary>
internal sealed class ResourceState(string name, ResourceKind kind, int capacity)
{
    public string Name { get; } = name;

    public ResourceKind Kind { get; } = kind;

    /// <summary>1 for a mutex, a reader-writer lock and an election; permits of a semaphore; parties of a barrier.</summary>
    public int Capacity { get; } = capacity;

    public List<Hold> Holders { get; } = [];

    public List<WaitEntry> Queue { get; } = [];

    /// <summary>Barrier generation (0, 1, …).</summary>
    public long Generation { get; set; }

    /// <summary>Election: every leadership change, in order (what <c>observe</c> replays).</summary>
    public List<LeaderChanged> History { get; } = [];

    /// <summary>Units held (semaphore permits in use; for the others, the number of holders).</summary>
    public int HeldUnits { get; private set; }

    /// <summary>Multi-unit: a cycle through its waiters is necessary but not sufficient for deadlock.</summary>
    public bool IsMultiUnit => Kind == ResourceKind.Semaphore;

    /// <summary>Whether it takes part in the wait-for graph (barriers do not: their other parties are unknown).</summary>
    public bool InGraph => Kind != ResourceKind.Barrier;

    /// <summary>Kept when idle: an election keeps its history, a barrier its generation.</summary>
    public bool Persistent => Kind is ResourceKind.Election or ResourceKind.Barrier;

    public bool Idle => Holders.Count == 0 && Queue.Count == 0;

    /// <summary>Whether a request of <paramref name="units"/> (exclusive or not) fits what is held now; FIFO order is
    /// the caller's business (only the head, or a request with an empty queue, may be granted).</summary>
    public bool Fits(int units, bool exclusive) => Kind switch
    {
        ResourceKind.Semaphore => HeldUnits + units <= Capacity,
        ResourceKind.ReadWrite => exclusive ? Holders.Count == 0 : !Holders.Exists(h => h.Exclusive),
        _ => Holders.Count == 0,
    };

    public void AddHolder(Hold hold)
    {
        Holders.Add(hold);
        HeldUnits += hold.Units;
        Debug.Assert(Kind != ResourceKind.Semaphore || HeldUnits <= Capacity, "never more than N permits");
        Debug.Assert(Kind is not (ResourceKind.Mutex or ResourceKind.Election) || Holders.Count == 1, "never two holders of a mutex");
    }

    public void RemoveHolder(Hold hold)
    {
        bool removed = Holders.Remove(hold);
        Debug.Assert(removed, "removing a hold that is not there");
        HeldUnits -= hold.Units;
    }

    public Hold? HoldOf(OwnerState owner) => Holders.Find(h => ReferenceEquals(h.Owner, owner));
}
