namespace Arbiter.Core.Distributed.Raft;

/// <summary>One single-server membership change (dissertation §4.1): what to do to which server.</summary>
/// <param name="Type">The change.</param>
/// <param name="Node">The server it concerns (a positive id).</param>
public sealed record RaftConfChange(RaftConfChangeType Type, int Node)
{
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
