using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>What a two-phase commit run did.</summary>
/// <param name="Result">The simulation's result.</param>
/// <param name="Outcome">Commit (true), abort (false) or none.</param>
/// <param name="Blocked">Participants that reported being stuck in the window of uncertainty.</param>
/// <param name="LongestUncertainty">The longest time a participant spent between voting yes and learning the outcome.</param>
/// <param name="Messages">Messages sent.</param>
/// <param name="CoordinatorLog">The coordinator's log at the end, oldest first.</param>
public sealed record TwoPhaseReport(SimulationResult Result, bool? Outcome, IReadOnlyList<int> Blocked, TimeSpan LongestUncertainty, long Messages, IReadOnlyList<string> CoordinatorLog);
