namespace Arbiter.Core.Distributed.Consensus;

/// <summary>A Paxos proposal number: (round, proposer), totally ordered and unique to its proposer
/// ("Paxos Made Simple" §2.2: "different proposers choose their numbers from disjoint sets").</summary>
/// <param name="Round">The proposer's round, increasing.</param>
/// <param name="Proposer">The proposer's id (breaks ties between rounds).</param>
public readonly record struct Ballot(long Round, int Proposer) : IComparable<Ballot>
{
    /// <summary>Below every real ballot.</summary>
    public static Ballot Zero => default;

    /// <inheritdoc/>
    public int CompareTo(Ballot other) => Round != other.Round ? Round.CompareTo(other.Round) : Proposer.CompareTo(other.Proposer);

    /// <summary>Orders ballots.</summary>
    public static bool operator <(Ballot left, Ballot right) => left.CompareTo(right) < 0;

    /// <summary>Orders ballots.</summary>
    public static bool operator >(Ballot left, Ballot right) => left.CompareTo(right) > 0;

    /// <summary>Orders ballots.</summary>
    public static bool operator <=(Ballot left, Ballot right) => left.CompareTo(right) <= 0;

    /// <summary>Orders ballots.</summary>
    public static bool operator >=(Ballot left, Ballot right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public override string ToString() => $"{Round}.{Proposer}";
}
