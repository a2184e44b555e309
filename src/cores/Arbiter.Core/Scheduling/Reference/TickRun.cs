using Arbiter.Core.Scheduling.Simulation;

namespace Arbiter.Core.Scheduling.Reference;

/// <summary>What <see cref="TickSimulator"/> observed: per job first run and completion, the merged timeline and the context switches.</summary>
/// <param name="FirstRun">Tick each job first ran, by job index.</param>
/// <param name="Completion">Tick each job finished, by job index.</param>
/// <param name="Timeline">Run segments (consecutive ticks of one job on one CPU merged), ordered by start, then CPU.</param>
/// <param name="ContextSwitches">Ticks at which a CPU began running a job different from the one it ran last.</param>
/// <param name="Ticks">Ticks simulated.</param>
public sealed record TickRun(long[] FirstRun, long[] Completion, IReadOnlyList<RunSegment> Timeline, long ContextSwitches, long Ticks);
