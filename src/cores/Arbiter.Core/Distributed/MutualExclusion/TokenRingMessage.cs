using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>The messages of the token ring: the token itself, and the two of its regeneration.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TokenRingMessage.Token), "token")]
[JsonDerivedType(typeof(TokenRingMessage.Invalidate), "invalidate")]
[JsonDerivedType(typeof(TokenRingMessage.InvalidateAck), "invalidate_ack")]
public abstract record TokenRingMessage
{
    /// <summary>The token, on its way to the next node of the ring.</summary>
    /// <param name="Epoch">Which token this is; tokens of an older epoch are dead.</param>
    /// <param name="Hop">How many times this token has been passed; each hop is accepted at most once.</param>
    public sealed record Token(TokenEpoch Epoch, long Hop) : TokenRingMessage;

    /// <summary>"The token is lost; stop accepting any token older than <paramref name="Epoch"/>."</summary>
    /// <param name="Epoch">The epoch of the token the sender will create.</param>
    public sealed record Invalidate(TokenEpoch Epoch) : TokenRingMessage;

    /// <summary>"I will accept no token older than <paramref name="Epoch"/>, and I hold none."</summary>
    /// <param name="Epoch">The epoch acknowledged.</param>
    public sealed record InvalidateAck(TokenEpoch Epoch) : TokenRingMessage;
}
