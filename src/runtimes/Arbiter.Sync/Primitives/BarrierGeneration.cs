namespace Arbiter.Sync.Primitives;

/// <summary>One round of a <see cref="CyclicBarrier"/>: its number, its arrivals and its outcome.</summary>
internal sealed class BarrierGeneration(long number)
{
    // Continuations of async waiters never run on the thread that trips or breaks the barrier.
    private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Number { get; } = number;

    /// <summary>Participants arrived so far (under the barrier's gate).</summary>
    public int Arrived { get; set; }

    /// <summary>Completes true when everyone arrived, false when the generation broke.</summary>
    public Task<bool> Outcome => _outcome.Task;

    public bool IsDecided => _outcome.Task.IsCompleted;

    public bool IsBroken => _outcome.Task.IsCompletedSuccessfully && !_outcome.Task.Result;

    /// <summary>Releases the waiters (true) or breaks the generation (false); the first decision stands.</summary>
    public void Decide(bool tripped) => _outcome.TrySetResult(tripped);
}
