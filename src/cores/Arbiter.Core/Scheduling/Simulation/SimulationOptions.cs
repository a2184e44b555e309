namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>How to run a simulation.</summary>
/// <param name="Cpus">Number of CPUs sharing one set of ready queues (≥ 1).</param>
/// <param name="RecordTimeline">Whether to keep every run and I/O segment (pictures need them; large runs may not).</param>
public sealed record SimulationOptions(int Cpus = 1, bool RecordTimeline = true);
