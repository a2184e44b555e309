using System.Net;
using Arbiter.Store.Coordination;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Node;

/// <summary>How a <see cref="RaftStoreBackend"/> runs its member: who it is, its peers, its disk and its clocks.</summary>
public sealed record RaftStoreBackendOptions
{
    /// <summary>This member's id (positive, one of <see cref="Peers"/>).</summary>
    public required int Id { get; init; }

    /// <summary>Every voter's Raft (peer) address, this member's included; one entry: a single embedded node.</summary>
    public required IReadOnlyDictionary<int, IPEndPoint> Peers { get; init; }

    /// <summary>Where the Raft log and snapshots are fsync'd (null: in memory only, lost on stop).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>One Raft tick (heartbeat interval).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Election timeout in ticks (randomised up to twice that).</summary>
    public int ElectionTicks { get; init; } = 10;

    /// <summary>Snapshot and compact the log every this many applied entries (0: never).</summary>
    public int SnapshotEvery { get; init; } = 10_000;

    /// <summary>
    /// The leader writes new entries to its disk while it sends them to the followers (dissertation §10.2.1;
    /// <see cref="Arbiter.Core.Distributed.Raft.RaftOptions.LeaderWritesInParallel"/>), so a put waits for about one
    /// fsync and one round trip instead of two fsyncs and a round trip. Default true; false is the textbook order.
    /// </summary>
    public bool LeaderWritesInParallel { get; init; } = true;

    /// <summary>How long a request may wait to be committed or read before it fails with etcd's "request timed out" (code 4, outcome unknown).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock of the node's timers and leases.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Store settings every member must share.</summary>
    public StoreOptions? Store { get; init; }

    /// <summary>Coordination settings every member must share (deadlock policy).</summary>
    public CoordinatorOptions? Coordination { get; init; }

    /// <summary>
    /// True for a member added to a running store (<c>arbiter store serve --join</c>): it starts with no configuration
    /// and waits until the leader's log makes it a learner or voter (<see cref="Arbiter.Core.Distributed.Raft.RaftOptions.Join"/>).
    /// <see cref="Peers"/> then lists where to reach the existing members (and this one).
    /// </summary>
    public bool Join { get; init; }

    /// <summary>This member's client URL (http://IP:PORT of its gateway), shown as its clientURLs by the cluster API; null: not shown.</summary>
    public string? ClientUrl { get; init; }

    /// <summary>Called on the node's thread with each observation (a <see cref="StoreLeaderChanged"/>, Raft events).</summary>
    public Action<object>? Observer { get; init; }
}
