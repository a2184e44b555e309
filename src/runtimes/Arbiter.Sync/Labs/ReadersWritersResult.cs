namespace Arbiter.Sync.Labs;

/// <summary>What readers and writers got under one reader-writer policy.</summary>
/// <param name="Policy">"reader-preferring", "writer-preferring" or "phase-fair".</param>
/// <param name="Elapsed">How long the run lasted.</param>
/// <param name="Violations">Times a writer was seen inside with anyone else: must be 0.</param>
/// <param name="ThroughputPerSecond">Acquisitions of both roles per second.</param>
/// <param name="Readers">The readers' numbers.</param>
/// <param name="Writers">The writers' numbers.</param>
/// <param name="Starved">The roles with a request that waited at least the starvation fraction of the run ("readers", "writers").</param>
public sealed record ReadersWritersResult(
    string Policy,
    TimeSpan Elapsed,
    long Violations,
    double ThroughputPerSecond,
    FairnessRoleResult Readers,
    FairnessRoleResult Writers,
    IReadOnlyList<string> Starved);
