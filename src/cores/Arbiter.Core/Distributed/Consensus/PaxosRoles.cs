namespace Arbiter.Core.Distributed.Consensus;

/// <summary>Who plays which role in a Paxos group. A node may play several; learners here are the proposers.</summary>
/// <param name="Proposers">The proposers' ids; each also learns.</param>
/// <param name="Acceptors">The acceptors' ids; a majority of them is a quorum.</param>
/// <param name="Retry">A proposer that has not seen its value chosen after about this long retries with a higher ballot.</param>
public sealed record PaxosRoles(IReadOnlyList<int> Proposers, IReadOnlyList<int> Acceptors, TimeSpan Retry)
{
    /// <summary>Proposers 1..P, acceptors P+1..P+A.</summary>
    public static PaxosRoles Split(int proposers, int acceptors, TimeSpan retry) =>
        new([.. Enumerable.Range(1, proposers)], [.. Enumerable.Range(proposers + 1, acceptors)], retry);

    /// <summary>Acceptors needed for a quorum.</summary>
    public int Quorum => Acceptors.Count / 2 + 1;
}
