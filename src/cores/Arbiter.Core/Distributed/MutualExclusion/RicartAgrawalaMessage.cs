using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>The two messages of Ricart–Agrawala.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RicartAgrawalaMessage.Request), "request")]
[JsonDerivedType(typeof(RicartAgrawalaMessage.Reply), "reply")]
public abstract record RicartAgrawalaMessage
{
    /// <summary>"May I enter?", stamped with the requester's Lamport clock at the time of asking.</summary>
    /// <param name="Timestamp">The request's Lamport timestamp; with the sender's id it orders all requests.</param>
    public sealed record Request(long Timestamp) : RicartAgrawalaMessage;

    /// <summary>"OK" to the request stamped <paramref name="Timestamp"/> (echoed so a stale or duplicated reply is recognised).</summary>
    /// <param name="Timestamp">The timestamp of the request this answers.</param>
    public sealed record Reply(long Timestamp) : RicartAgrawalaMessage;
}
