namespace Arbiter.Sync.Labs;

/// <summary>Counts the thread-model lab's completions down and opens <see cref="Done"/> at zero, without a lock.</summary>
internal sealed class ThreadModelCountdown(int count)
{
    private int _remaining = count;
    private int _signals;

    public ManualResetEventSlim Done { get; } = new(false);

    public int Signals => Volatile.Read(ref _signals);

    /// <summary>Records one completion; true for the last one.</summary>
    public bool Signal()
    {
        Interlocked.Increment(ref _signals);
        if (Interlocked.Decrement(ref _remaining) != 0)
        {
            return false;
        }

        Done.Set();
        return true;
    }
}
