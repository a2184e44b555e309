namespace Arbiter.Core.Memory.Paging;

/// <summary>An instance of Belady's anomaly: one more frame, more faults.</summary>
/// <param name="Frames">The larger frame count.</param>
/// <param name="Misses">Its misses.</param>
/// <param name="FewerFrames">The smaller frame count (Frames − 1).</param>
/// <param name="FewerMisses">Its misses, fewer than <paramref name="Misses"/>.</param>
public sealed record BeladyAnomaly(int Frames, long Misses, int FewerFrames, long FewerMisses);
