using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Store.Replication.Sim;

/// <summary>The workload and patience of one <see cref="SimStoreClient"/>.</summary>
public sealed record SimStoreClientOptions
{
    /// <summary>The Raft servers (voters) the client may talk to, ascending.</summary>
    public required IReadOnlyList<int> Servers { get; init; }

    /// <summary>How many operations the client issues, one at a time.</summary>
    public int Operations { get; init; } = 100;

    /// <summary>How many keys the workload touches (k0, k1, …): few keys, many conflicts.</summary>
    public int Keys { get; init; } = 3;

    /// <summary>How strong a get is (linearizable by default; serializable to show the checker a stale read).</summary>
    public RaftReadMode ReadMode { get; init; } = RaftReadMode.Linearizable;

    /// <summary>
    /// Tag writes with this client's id and the operation's number (<see cref="StoreReplicaSession"/>), so the
    /// replicas apply each at most once: a duplicated proposal is harmless, and a write answered Failed may be
    /// re-sent. Off: a Failed write is recorded as fail, and a duplicating network can apply a write twice.
    /// </summary>
    public bool Sessions { get; init; } = true;

    /// <summary>An operation not answered by then has an unknown outcome; the client moves on to a new operation.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A get unanswered this long is sent to the next server (safe: a read has no effect).</summary>
    public TimeSpan ReadRetry { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause before retrying after NotLeader.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The client thinks up to this long between operations (drawn uniformly).</summary>
    public TimeSpan MaxThink { get; init; } = TimeSpan.FromMilliseconds(10);
}
