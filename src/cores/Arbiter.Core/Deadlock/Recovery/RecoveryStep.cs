namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>One step of a recovery: a victim chosen, what was done to it and what it changed.</summary>
/// <param name="Number">1-based step number.</param>
/// <param name="Action">Terminated or preempted.</param>
/// <param name="Victim">Index of the victim in the caller's ledger.</param>
/// <param name="VictimName">Name of the victim.</param>
/// <param name="Cost">The victim's cost, term by term.</param>
/// <param name="Candidates">Every process considered for this step with its cost (deadlocked ones; for a
/// preemption only those with something to give), in process order.</param>
/// <param name="Released">Instances per resource given back to available.</param>
/// <param name="DeadlockedBefore">Deadlocked processes (caller's indices) just before the step.</param>
/// <param name="DeadlockedAfter">Deadlocked processes just after the step, by re-running detection.</param>
public sealed record RecoveryStep(
    int Number,
    RecoveryAction Action,
    int Victim,
    string VictimName,
    VictimCost Cost,
    IReadOnlyList<VictimCost> Candidates,
    IReadOnlyList<int> Released,
    IReadOnlyList<int> DeadlockedBefore,
    IReadOnlyList<int> DeadlockedAfter);
