using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.Election;

/// <summary>The messages of the Bully algorithm (with the majority acknowledgement of the coordinator).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(BullyMessage.Election), "election")]
[JsonDerivedType(typeof(BullyMessage.Answer), "answer")]
[JsonDerivedType(typeof(BullyMessage.Coordinator), "coordinator")]
[JsonDerivedType(typeof(BullyMessage.CoordinatorAck), "coordinator_ack")]
[JsonDerivedType(typeof(BullyMessage.Heartbeat), "heartbeat")]
public abstract record BullyMessage
{
    /// <summary>To every higher id: "I am holding an election in <paramref name="Term"/>."</summary>
    /// <param name="Term">The election's term.</param>
    public sealed record Election(long Term) : BullyMessage;

    /// <summary>From a higher id: "I am alive and take over."</summary>
    /// <param name="Term">The election answered.</param>
    public sealed record Answer(long Term) : BullyMessage;

    /// <summary>To everyone: "I am the coordinator of <paramref name="Term"/>."</summary>
    /// <param name="Term">The term claimed.</param>
    public sealed record Coordinator(long Term) : BullyMessage;

    /// <summary>"I back you in <paramref name="Term"/>" (persisted vote).</summary>
    /// <param name="Term">The term acknowledged.</param>
    public sealed record CoordinatorAck(long Term) : BullyMessage;

    /// <summary>The leader's "still alive".</summary>
    /// <param name="Term">The leader's term.</param>
    public sealed record Heartbeat(long Term) : BullyMessage;
}
