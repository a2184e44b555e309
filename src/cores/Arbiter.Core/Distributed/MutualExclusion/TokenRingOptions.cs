namespace Arbiter.Core.Distributed.MutualExclusion;

/// <summary>Timing of the token ring's loss detection.</summary>
/// <param name="LostAfter">A node that has not seen the token for this long (local time) suspects it is lost.</param>
/// <param name="Retry">How often a regenerating node resends its invalidation to those that have not answered.</param>
public sealed record TokenRingOptions(TimeSpan LostAfter, TimeSpan Retry);
