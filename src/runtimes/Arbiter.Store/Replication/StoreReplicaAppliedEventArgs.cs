using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Replication;

/// <summary>What <see cref="StoreReplica.Applied"/> hands to same-process callers for each applied log entry.</summary>
/// <param name="index">The log index applied.</param>
/// <param name="result">Everything the state machine did (response, events for the watches, ended leases, coordination outcome).</param>
/// <param name="reply">The compact reply the entry's client is sent.</param>
public sealed class StoreReplicaAppliedEventArgs(long index, StoreResult result, StoreReply reply) : EventArgs
{
    /// <summary>The log index applied.</summary>
    public long Index { get; } = index;

    /// <summary>The state machine's full result (the HTTP server answers from it; watches take its events).</summary>
    public StoreResult Result { get; } = result;

    /// <summary>The compact reply Raft sends to the client that proposed the entry.</summary>
    public StoreReply Reply { get; } = reply;
}
