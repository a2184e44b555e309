namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>What one recovery step did to its victim.</summary>
public enum RecoveryAction
{
    /// <summary>The victim was terminated: everything it held was released and it leaves the ledger.</summary>
    Terminate,

    /// <summary>The victim was rolled back to its checkpoint: what it held beyond it was released and re-requested.</summary>
    Preempt,
}
