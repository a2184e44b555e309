using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.Election;

/// <summary>The messages of the ring election.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RingElectionMessage.Election), "election")]
[JsonDerivedType(typeof(RingElectionMessage.Elected), "elected")]
[JsonDerivedType(typeof(RingElectionMessage.HopAck), "hop_ack")]
[JsonDerivedType(typeof(RingElectionMessage.Heartbeat), "heartbeat")]
public abstract record RingElectionMessage
{
    /// <summary>Travels the ring carrying the highest candidate so far.</summary>
    /// <param name="Term">The election's term.</param>
    /// <param name="Candidate">The highest id this message has met.</param>
    /// <param name="Hop">Sender's sequence number, echoed by <see cref="HopAck"/>.</param>
    public sealed record Election(long Term, int Candidate, long Hop) : RingElectionMessage;

    /// <summary>Travels the ring once from the winner, collecting votes; back at the winner it decides.</summary>
    /// <param name="Term">The term.</param>
    /// <param name="Leader">The winner.</param>
    /// <param name="Votes">How many nodes (the winner included) have backed it so far.</param>
    /// <param name="Hop">Sender's sequence number, echoed by <see cref="HopAck"/>.</param>
    public sealed record Elected(long Term, int Leader, int Votes, long Hop) : RingElectionMessage;

    /// <summary>"Got it" to the predecessor, which otherwise skips this node as dead.</summary>
    /// <param name="Hop">The acknowledged hop.</param>
    public sealed record HopAck(long Hop) : RingElectionMessage;

    /// <summary>The leader's "still alive" (sent directly, not around the ring).</summary>
    /// <param name="Term">The leader's term.</param>
    public sealed record Heartbeat(long Term) : RingElectionMessage;
}
