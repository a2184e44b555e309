namespace Arbiter.Cli.Commands.Sim;

/// <summary>What <c>sim 2pc --real</c> saw (JSON: the <c>real</c> object).</summary>
internal sealed record TwoPhaseRealOutcome(int Processes, bool Finished, string Outcome, long Messages, int Violations, string[] ViolationDetails,
    double WallMs, bool SameOutcomeAsSimulator, string[] Errors);
