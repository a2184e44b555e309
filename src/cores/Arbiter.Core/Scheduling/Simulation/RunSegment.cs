namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>
/// A stretch of time during which <see cref="Job"/> ran on <see cref="Cpu"/>: [<see cref="Start"/>, <see cref="End"/>).
/// Back-to-back dispatches of the same job on the same CPU (a quantum ended and the job was picked again at once)
/// form one segment.
/// </summary>
/// <param name="Job">Index of the job in its workload.</param>
/// <param name="Cpu">The CPU (0-based).</param>
/// <param name="Start">First tick.</param>
/// <param name="End">Tick after the last one.</param>
public readonly record struct RunSegment(int Job, int Cpu, long Start, long End)
{
    /// <summary>Ticks in the segment.</summary>
    public long Length => End - Start;
}
