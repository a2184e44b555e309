using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>What a mutual-exclusion run did.</summary>
/// <param name="Result">The simulation's result (violations, counters, trace).</param>
/// <param name="Entries">Entries into the critical section.</param>
/// <param name="Requests">Requests made.</param>
/// <param name="Messages">Messages sent in the run.</param>
/// <param name="MessagesPerEntry">Messages per entry.</param>
/// <param name="Theory">Messages per entry the theory predicts (NaN for the token ring: 1 to ∞).</param>
/// <param name="MaxWait">Longest time from a request to its entry.</param>
/// <param name="Regenerations">Tokens regenerated (token ring).</param>
public sealed record MutexReport(SimulationResult Result, int Entries, int Requests, long Messages, double MessagesPerEntry, double Theory, TimeSpan MaxWait, int Regenerations);
