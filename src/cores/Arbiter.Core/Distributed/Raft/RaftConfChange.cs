namespace Arbiter.Core.Distributed.Raft;

/// <summary>One single-server membership change (dissertation §4.1): what to do to which server.</summary>
/// <param name="Type">The change.</param>
/// <param name="Node">The server it concerns (a positive id).</param>
public sealed record RaftConfChange(RaftConfChangeType Type, int Node)
{
    /// <summary>
    /// What the group should remember about the server it adds, opaque to Raft (etcd's <c>ConfChange.Context</c>):
    /// the TCP runtime puts the new member's peer address here, so every host learns where to reach it from the
    /// configuration entry, and a restarted server from its own log or snapshot. Kept by an add
    /// (<see cref="RaftConfChangeType.AddVoter"/>, <see cref="RaftConfChangeType.AddLearner"/>); a promotion keeps
    /// the learner's, or replaces it when given; a removal drops it. Null: nothing to remember.
    /// </summary>
    public string? Context { get; init; }

    /// <summary>A short text such as "add learner 4".</summary>
    public override string ToString() => Type switch
    {
        RaftConfChangeType.AddVoter => $"add voter {Node}",
        RaftConfChangeType.AddLearner => $"add learner {Node}",
        RaftConfChangeType.PromoteLearner => $"promote {Node}",
        RaftConfChangeType.RemoveServer => $"remove {Node}",
        _ => $"{Type} {Node}",
    };
}
