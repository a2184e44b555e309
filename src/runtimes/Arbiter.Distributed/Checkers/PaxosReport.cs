using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>What a Paxos run did.</summary>
/// <param name="Result">The simulation's result.</param>
/// <param name="Chosen">The value chosen (null: none).</param>
/// <param name="ChosenAt">When the first learner learned it.</param>
/// <param name="Decisions">Learner decisions (restarted learners decide again).</param>
/// <param name="Messages">Messages sent.</param>
/// <param name="Theory">Messages of one uncontested attempt: (3 + P)·A.</param>
public sealed record PaxosReport(SimulationResult Result, string? Chosen, TimeSpan? ChosenAt, int Decisions, long Messages, long Theory);
