using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>What an election run did.</summary>
/// <param name="Result">The simulation's result.</param>
/// <param name="Leader">The leader every running node follows at the end (null: no agreement).</param>
/// <param name="Messages">Election messages sent from the crash on (heartbeats and hop acknowledgements excluded).</param>
/// <param name="Acks">Hop acknowledgements sent from the crash on (ring only).</param>
/// <param name="ElectedAt">True time of the first election won after the crash, if any.</param>
/// <param name="Elections">Elections started from the crash on (by detection, concurrency or recovery).</param>
/// <param name="Leaders">Every leader, by term.</param>
public sealed record ElectionReport(SimulationResult Result, int? Leader, long Messages, long Acks, TimeSpan? ElectedAt, int Elections, IReadOnlyDictionary<long, int> Leaders);
