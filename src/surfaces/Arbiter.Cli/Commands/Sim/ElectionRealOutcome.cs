namespace Arbiter.Cli.Commands.Sim;

/// <summary>What <c>sim election --real</c> saw (JSON: the <c>real</c> object).</summary>
internal sealed record ElectionRealOutcome(int Processes, bool Finished, int? FirstLeader, int? Leader, bool Agreement, int ElectionsStarted,
    double? ElectedAfterCrashMs, long Messages, int Violations, string[] ViolationDetails, IReadOnlyList<object> LeadersByTerm, double WallMs,
    bool SameOutcomeAsSimulator, string[] Errors);
