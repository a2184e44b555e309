using System.Text.Json.Serialization;

namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>The three messages of the centralised algorithm. Each carries the request's id, so a duplicated or late
/// message is recognised as belonging to an old request.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CentralMessage.Request), "request")]
[JsonDerivedType(typeof(CentralMessage.Grant), "grant")]
[JsonDerivedType(typeof(CentralMessage.Release), "release")]
public abstract record CentralMessage
{
    /// <summary>Client → coordinator: "may I enter?"</summary>
    /// <param name="Id">A random id for this request.</param>
    public sealed record Request(long Id) : CentralMessage;

    /// <summary>Coordinator → client: "enter".</summary>
    /// <param name="Id">The request being granted.</param>
    public sealed record Grant(long Id) : CentralMessage;

    /// <summary>Client → coordinator: "I left" (or "I did not ask for this grant": it is handed straight back).</summary>
    /// <param name="Id">The request whose grant is returned.</param>
    public sealed record Release(long Id) : CentralMessage;
}
