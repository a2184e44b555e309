namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>The four single-key operations of a key-value history (the <c>"op"</c> field).</summary>
public enum KvOperationKind
{
    /// <summary>Reads the key: the output is the value read, or null when the key is absent.</summary>
    Get,

    /// <summary>Sets the key to <see cref="HistoryOperation.Value"/>.</summary>
    Put,

    /// <summary>
    /// Compare-and-set: if the current value equals <see cref="HistoryOperation.Expected"/> (null expected means
    /// "the key is absent") the key is set to <see cref="HistoryOperation.Value"/>; the output says whether the
    /// compare succeeded.
    /// </summary>
    Cas,

    /// <summary>Deletes the key: it becomes absent.</summary>
    Del,
}
