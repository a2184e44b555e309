namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// The sequential specification an object must appear to follow: a deterministic state machine. The checker asks
/// whether some order of the operations, consistent with real time, is a run of this machine. Ship models for a
/// register (<see cref="KvRegisterModel"/>); a queue or a lock is one more implementation.
/// </summary>
/// <typeparam name="TState">An immutable state (the checker keeps old states to backtrack to).</typeparam>
/// <typeparam name="TInput">What the operation asked for.</typeparam>
/// <typeparam name="TOutput">What it answered (possibly "unknown").</typeparam>
public interface ISequentialModel<TState, TInput, TOutput>
{
    /// <summary>The state before any operation.</summary>
    TState Init();

    /// <summary>
    /// Applies one operation at <paramref name="state"/>: true and the state after it when the machine could give
    /// <paramref name="output"/> there, false when it could not.
    /// </summary>
    bool TryStep(TState state, TInput input, TOutput output, out TState after);

    /// <summary>Equality and hashing of states, for the memo cache.</summary>
    IEqualityComparer<TState> StateComparer { get; }

    /// <summary>The state as people read it.</summary>
    string DescribeState(TState state);
}
