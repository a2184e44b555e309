namespace Arbiter.Core.Distributed.Raft;

/// <summary>The configuration of a Raft group, shared by its servers (timing in ticks, etcd style).</summary>
public sealed record RaftOptions
{
    /// <summary>The voting servers' ids (positive, distinct). Other nodes (clients) never count toward a quorum.</summary>
    public required IReadOnlyList<int> Voters { get; init; }

    /// <summary>Ticks without hearing from a leader before a follower campaigns; the actual timeout is drawn
    /// uniformly from [this, 2·this) at every reset (§5.2: randomised timeouts make split votes rare).</summary>
    public int ElectionTicks { get; init; } = 10;

    /// <summary>Ticks between a leader's heartbeats; well below <see cref="ElectionTicks"/> (§5.6: broadcastTime ≪ electionTimeout).</summary>
    public int HeartbeatTicks { get; init; } = 1;

    /// <summary>Pre-vote (dissertation §9.6): a server first asks whether it could win, so a partitioned server
    /// that returns with a raised term does not depose a working leader.</summary>
    public bool PreVote { get; init; } = true;

    /// <summary>Check-quorum (dissertation §6.2): a leader that has not heard from a quorum within an election
    /// timeout steps down, and voters ignore elections while they hear from a leader (the lease).</summary>
    public bool CheckQuorum { get; init; } = true;

    /// <summary>At most this many entries per append message (1 turns batching off).</summary>
    public int MaxEntriesPerMessage { get; init; } = int.MaxValue;

    /// <summary>At most about this many bytes of entries per append message (at least one entry is always sent).</summary>
    public int MaxBytesPerMessage { get; init; } = 1 << 20;

    /// <summary>The pipelining window: appends in flight to one follower before the leader waits for acks.</summary>
    public int MaxInflight { get; init; } = 256;

    /// <summary>Storage-loss guard: a server whose storage was truncated neither votes nor campaigns until a leader
    /// has given it an entry of the leader's term. Off only to demonstrate what breaks without it.</summary>
    public bool GuardTruncatedStorage { get; init; } = true;

    /// <summary>The votes that make a majority of <see cref="Voters"/>.</summary>
    public int Quorum => (Voters.Count / 2) + 1;

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Voters);
        if (Voters.Count == 0 || Voters.Any(v => v <= 0) || Voters.Distinct().Count() != Voters.Count)
        {
            throw new ArgumentException("voters must be positive, distinct and at least one");
        }

        if (HeartbeatTicks < 1 || ElectionTicks <= HeartbeatTicks)
        {
            throw new ArgumentException("heartbeat ticks must be at least 1 and below election ticks");
        }

        if (MaxEntriesPerMessage < 1 || MaxBytesPerMessage < 1 || MaxInflight < 1)
        {
            throw new ArgumentException("message limits and the inflight window must be at least 1");
        }
    }
}
