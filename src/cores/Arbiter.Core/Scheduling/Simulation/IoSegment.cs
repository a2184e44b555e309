namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>A stretch of time during which <see cref="Job"/> was blocked on I/O: [<see cref="Start"/>, <see cref="End"/>).</summary>
/// <param name="Job">Index of the job in its workload.</param>
/// <param name="Start">Tick the I/O was issued.</param>
/// <param name="End">Tick the job was ready again.</param>
public readonly record struct IoSegment(int Job, long Start, long End);
