namespace Arbiter.Store.Coordination;

/// <summary>What a coordination resource is; fixed when the name is first used and kept while anyone holds or waits.</summary>
public enum ResourceKind
{
    /// <summary>A mutex: one holder, FIFO waiters (etcd's concurrency.Mutex).</summary>
    Mutex,

    /// <summary>A reader-writer lock: readers share, a writer excludes all; FIFO, so a waiting writer blocks later readers.</summary>
    ReadWrite,

    /// <summary>A counting semaphore of N permits; an acquire takes k ≤ N at once; FIFO, no barging past the head.</summary>
    Semaphore,

    /// <summary>A barrier of N parties: the N-th arrival releases the generation.</summary>
    Barrier,

    /// <summary>A leader election: FIFO candidates, the holder is the leader and carries a value.</summary>
    Election,
}
