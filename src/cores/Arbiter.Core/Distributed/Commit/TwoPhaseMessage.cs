using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.Commit;

/// <summary>The messages of two-phase commit (one transaction).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TwoPhaseMessage.Prepare), "prepare")]
[JsonDerivedType(typeof(TwoPhaseMessage.Vote), "vote")]
[JsonDerivedType(typeof(TwoPhaseMessage.Decision), "decision")]
[JsonDerivedType(typeof(TwoPhaseMessage.Ack), "ack")]
[JsonDerivedType(typeof(TwoPhaseMessage.Inquire), "inquire")]
public abstract record TwoPhaseMessage
{
    /// <summary>Phase 1, coordinator → participants: "can you commit?"</summary>
    public sealed record Prepare : TwoPhaseMessage;

    /// <summary>Participant → coordinator: yes (prepared: it can commit whatever happens next) or no.</summary>
    /// <param name="Yes">The vote.</param>
    public sealed record Vote(bool Yes) : TwoPhaseMessage;

    /// <summary>Phase 2, coordinator → participants: the outcome.</summary>
    /// <param name="Commit">True to commit, false to abort.</param>
    public sealed record Decision(bool Commit) : TwoPhaseMessage;

    /// <summary>Participant → coordinator: "decision applied" (lets the coordinator forget the transaction).</summary>
    public sealed record Ack : TwoPhaseMessage;

    /// <summary>An uncertain participant → coordinator: "what was decided?" (it may not decide alone).</summary>
    public sealed record Inquire : TwoPhaseMessage;
}
