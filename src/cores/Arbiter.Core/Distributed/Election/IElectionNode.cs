namespace Arbiter.Core.Distributed.Election;

/// <summary>What a checker reads from any election node.</summary>
public interface IElectionNode
{
    /// <summary>The highest term this node knows.</summary>
    long Term { get; }

    /// <summary>The leader this node follows (itself when it leads); null while it knows none.</summary>
    int? Leader { get; }

    /// <summary>True while this node is the leader of <see cref="Term"/>.</summary>
    bool IsLeader { get; }
}
