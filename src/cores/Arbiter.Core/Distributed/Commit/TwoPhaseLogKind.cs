namespace Arbiter.Core.Distributed.Commit;

/// <summary>Kinds of 2PC log entries.</summary>
public enum TwoPhaseLogKind
{
    /// <summary>Coordinator: the transaction began (prepares are going out).</summary>
    Begin,

    /// <summary>Participant: it voted (yes: prepared, bound to obey the coordinator).</summary>
    Voted,

    /// <summary>Either: the outcome is known (coordinator decided, or participant learned it).</summary>
    Decision,

    /// <summary>Coordinator: every participant acknowledged; the transaction may be forgotten.</summary>
    End,
}
