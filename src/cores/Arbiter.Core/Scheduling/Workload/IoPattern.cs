namespace Arbiter.Core.Scheduling.Workload;

/// <summary>
/// A job's I/O habit: after every <see cref="Every"/> ticks of CPU it issues an I/O and is blocked (neither ready
/// nor running) for <see cref="Duration"/> ticks. A job whose CPU work ends exactly at a multiple of
/// <see cref="Every"/> completes instead of issuing one more I/O.
/// </summary>
/// <param name="Every">Ticks of CPU between two I/O requests (≥ 1).</param>
/// <param name="Duration">Ticks each I/O keeps the job blocked (≥ 1).</param>
public readonly record struct IoPattern(long Every, long Duration)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Every}/{Duration}";
}
