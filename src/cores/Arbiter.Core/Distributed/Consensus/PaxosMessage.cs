using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.Consensus;

/// <summary>The messages of single-decree Paxos ("Paxos Made Simple" §2.2–2.3).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PaxosMessage.Prepare), "prepare")]
[JsonDerivedType(typeof(PaxosMessage.Promise), "promise")]
[JsonDerivedType(typeof(PaxosMessage.Accept), "accept")]
[JsonDerivedType(typeof(PaxosMessage.Accepted), "accepted")]
[JsonDerivedType(typeof(PaxosMessage.Nack), "nack")]
public abstract record PaxosMessage
{
    /// <summary>Phase 1a, proposer → acceptors: "promise not to accept below <paramref name="Ballot"/>".</summary>
    /// <param name="Ballot">The proposal number.</param>
    public sealed record Prepare(Ballot Ballot) : PaxosMessage;

    /// <summary>Phase 1b, acceptor → proposer: the promise, with the highest-numbered proposal it accepted, if any.</summary>
    /// <param name="Ballot">The ballot promised.</param>
    /// <param name="AcceptedBallot">The ballot of the proposal it accepted (<see cref="Ballot.Zero"/>: none).</param>
    /// <param name="Value">That proposal's value.</param>
    public sealed record Promise(Ballot Ballot, Ballot AcceptedBallot, string? Value) : PaxosMessage;

    /// <summary>Phase 2a, proposer → acceptors: "accept <paramref name="Value"/> as proposal <paramref name="Ballot"/>".</summary>
    /// <param name="Ballot">The proposal number.</param>
    /// <param name="Value">The value.</param>
    public sealed record Accept(Ballot Ballot, string Value) : PaxosMessage;

    /// <summary>Phase 2b, acceptor → learners: "I accepted proposal <paramref name="Ballot"/>".</summary>
    /// <param name="Ballot">The proposal number.</param>
    /// <param name="Value">Its value.</param>
    public sealed record Accepted(Ballot Ballot, string Value) : PaxosMessage;

    /// <summary>Acceptor → proposer: "I promised <paramref name="Promised"/>, higher than yours" (an optimisation, §2.3).</summary>
    /// <param name="Promised">The acceptor's promise.</param>
    public sealed record Nack(Ballot Promised) : PaxosMessage;
}
