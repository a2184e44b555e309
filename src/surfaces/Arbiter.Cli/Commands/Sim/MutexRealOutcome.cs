namespace Arbiter.Cli.Commands.Sim;

/// <summary>What <c>sim mutex --real</c> saw (JSON: the <c>real</c> object).</summary>
internal sealed record MutexRealOutcome(int Processes, bool Finished, int Entries, int Requests, long Messages, double MessagesPerEntry, double MaxWaitMs,
    int Violations, string[] ViolationDetails, double WallMs, bool SameOutcomeAsSimulator, string[] Errors);
