namespace Arbiter.Core.Distributed.Raft;

/// <summary>The configuration of a Raft group, shared by its servers (timing in ticks, etcd style).</summary>
public sealed record RaftOptions
{
    /// <summary>
    /// The voting servers' ids (positive, distinct) of the group's <em>initial</em> configuration: a server whose log
    /// and snapshot hold no configuration uses it (unless it <see cref="Join"/>s). Later configurations come from the
    /// log (dissertation §4.1, <see cref="RaftCore.ProposeConfChange"/>); the runtime's member list is only the
    /// address book. Other nodes (clients) never count toward a quorum.
    /// </summary>
    public required IReadOnlyList<int> Voters { get; init; }

    /// <summary>
    /// True for a server added to a running group: it starts with an <em>empty</em> configuration, so it neither
    /// votes nor campaigns until the leader's log or snapshot tells it what it is (etcd starts a joining member
    /// without peers in the same way). Its <see cref="Voters"/> are then ignored by Raft; set them to the
    /// configuration it will learn, for the record. Why not start it with that list as its configuration: with an empty log it could campaign in a
    /// configuration the group has not adopted and win a majority of it, disjoint from the real group's majority —
    /// two leaders in one term.
    /// </summary>
    public bool Join { get; init; }

    /// <summary>The leader promotes a learner only when its match index is at least the leader's last index minus
    /// this (dissertation §4.2.1: a new server must catch up before it counts toward a quorum). Default 8.</summary>
    public int LearnerCatchUpGap { get; init; } = 8;

    /// <summary>
    /// What the initial configuration remembers about its voters (<see cref="RaftConfChange.Context"/>; the TCP runtime:
    /// their peer addresses from the command line). It rides along in the first configuration entry a leader
    /// appends, so after one membership change every server's log holds every member's address. Not part of the
    /// agreement on who votes: servers whose lists differ here still agree on <see cref="Voters"/>. Null: none.
    /// </summary>
    public IReadOnlyDictionary<int, string>? InitialContexts { get; init; }

    /// <summary>The configuration a server with no configuration in its log starts with: <see cref="Voters"/> (with
    /// <see cref="InitialContexts"/>), or none when it <see cref="Join"/>s.</summary>
    public RaftConfiguration InitialConfiguration => Join ? RaftConfiguration.Empty : new RaftConfiguration(Voters, [], InitialContexts);

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

    /// <summary>
    /// Dissertation §10.2.1: the leader writes new entries to its own disk in parallel with sending them to the
    /// followers, instead of before. Its own copy then counts toward a majority only once it is durable (the core
    /// sends itself an acknowledgement that the driver delivers after persisting, as etcd's raft does with
    /// asynchronous storage writes), so an entry is committed only when a majority has it on disk, the leader's
    /// disk or not. Appends go early (<see cref="RaftEnvelope.Early"/>) only once the leader's term is durable: a
    /// leader that lost its term in a crash could lead the same term twice. Off: the textbook order, persist then
    /// send, with the leader counting its entries at once.
    /// </summary>
    public bool LeaderWritesInParallel { get; init; }

    /// <summary>Storage-loss guard: a server whose storage was truncated neither votes nor campaigns until a leader
    /// has given it an entry of the leader's term. Off only to demonstrate what breaks without it.</summary>
    public bool GuardTruncatedStorage { get; init; } = true;

    /// <summary>The votes that make a majority of the initial <see cref="Voters"/> (the core uses its current configuration's).</summary>
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

        if (LearnerCatchUpGap < 0)
        {
            throw new ArgumentException("the learner catch-up gap must not be negative");
        }

        if (MaxEntriesPerMessage < 1 || MaxBytesPerMessage < 1 || MaxInflight < 1)
        {
            throw new ArgumentException("message limits and the inflight window must be at least 1");
        }
    }
}
