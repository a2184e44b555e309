namespace Arbiter.Sync.Labs;

/// <summary>What one contending thread does: acquire (cancellable), release, and which role it plays.</summary>
/// <param name="Name">Role name for the results: "all", "readers", "writers".</param>
/// <param name="Role">The safety check made while inside.</param>
/// <param name="Limit">For <see cref="FairnessRole.Exclusive"/>: how many may be inside at once.</param>
/// <param name="Acquire">The production primitive's blocking acquire.</param>
/// <param name="Release">Its release.</param>
internal sealed record FairnessContender(string Name, FairnessRole Role, int Limit, Action<CancellationToken> Acquire, Action Release);
