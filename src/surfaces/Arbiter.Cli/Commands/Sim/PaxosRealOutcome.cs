namespace Arbiter.Cli.Commands.Sim;

/// <summary>What <c>sim paxos --real</c> saw (JSON: the <c>real</c> object).</summary>
internal sealed record PaxosRealOutcome(int Processes, bool Finished, string? Chosen, int Decisions, long Messages, int Violations, string[] ViolationDetails,
    double WallMs, bool SameOutcomeAsSimulator, string[] Errors);
