using Arbiter.Store.Coordination;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Node;

/// <summary>What <see cref="StoreNode.Applied"/> hands to same-process callers for each applied log entry.</summary>
/// <param name="index">The log index applied.</param>
/// <param name="result">The state machine's full result.</param>
/// <param name="notifications">Coordination notifications the entry caused (grants to waiters, deadlock victims,
/// barrier releases, election leader changes), in order.</param>
public sealed class StoreNodeAppliedEventArgs(long index, StoreResult result, IReadOnlyList<CoordinationNotification> notifications) : EventArgs
{
    /// <summary>The log index applied.</summary>
    public long Index { get; } = index;

    /// <summary>The state machine's full result.</summary>
    public StoreResult Result { get; } = result;

    /// <summary>The coordination notifications it caused.</summary>
    public IReadOnlyList<CoordinationNotification> Notifications { get; } = notifications;
}
