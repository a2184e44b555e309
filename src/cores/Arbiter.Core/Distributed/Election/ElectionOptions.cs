namespace Arbiter.Core.Distributed.Election;

/// <summary>Timing of an election node (all in the node's local time).</summary>
/// <param name="Heartbeat">How often the leader says it is alive.</param>
/// <param name="LeaderTimeout">A follower that hears nothing from its leader this long (plus up to half again,
/// at random, so detections spread out) suspects it failed and starts an election.</param>
/// <param name="ReplyTimeout">How long to wait for an answer, an acknowledgement or the announcement (≥ a round trip).</param>
public sealed record ElectionOptions(TimeSpan Heartbeat, TimeSpan LeaderTimeout, TimeSpan ReplyTimeout)
{
    /// <summary>
    /// Nodes that detect a failure promptly; the others wait four times longer. Null: everyone, with random jitter.
    /// With K detectors and no jitter, K elections start concurrently (<c>--concurrent K</c>).
    /// </summary>
    public IReadOnlySet<int>? Detectors { get; init; }

    /// <summary>Defaults for a network of up to about <paramref name="maxLatency"/> per message.</summary>
    public static ElectionOptions For(TimeSpan maxLatency) =>
        new(TimeSpan.FromTicks(maxLatency.Ticks * 5), TimeSpan.FromTicks(maxLatency.Ticks * 20), TimeSpan.FromTicks(maxLatency.Ticks * 3));
}
