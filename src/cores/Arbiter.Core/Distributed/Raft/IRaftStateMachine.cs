namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// The state machine a Raft group replicates (Ongaro &amp; Ousterhout 2014, §2 "replicated state machines"): it must be
/// deterministic, so every server that applies the same commands in the same order reaches the same state.
/// </summary>
public interface IRaftStateMachine
{
    /// <summary>Applies the committed command <paramref name="data"/> at log index <paramref name="index"/>; returns the result for the client.</summary>
    byte[] Apply(long index, byte[] data);

    /// <summary>The whole state as bytes (§7: a snapshot replaces the log before it).</summary>
    byte[] Snapshot();

    /// <summary>Replaces the whole state with a snapshot taken by <see cref="Snapshot"/> (possibly on another server).</summary>
    void Restore(byte[] snapshot);

    /// <summary>Answers a read without changing the state.</summary>
    byte[] Query(byte[] query);
}
