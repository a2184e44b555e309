using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Labs;

/// <summary>
/// The shared variable of the race: <c>counter++</c> as the seed writes it, a read, an add and a separate write,
/// which is not atomic.
/// </summary>
/// <remarks>
/// Why Volatile here: not to make the increment safe (it stays a plain load and a plain store on x86 and Arm, with
/// the race window between them) but to stop the JIT from keeping the value in a register across loop iterations
/// or folding the loop into one addition, which would hide the race the lab exists to show. The value lives in a
/// field of a heap object that every thread shares, exactly like the seed's global <c>int counter</c>.
/// The counter also notes which thread incremented last, to count hand-offs: how often the critical section
/// passed from one thread to another, which is what shows whether a lock is fair. That bookkeeping is as unprotected
/// as the counter, so it is exact under a lock and meaningless without one.
/// </remarks>
internal sealed class RaceCounter
{
    private long _value;
    private int _lastThread = -1;
    private long _handOffs;

    public long Value => Volatile.Read(ref _value);

    /// <summary>How many times the next increment came from a different thread than the one before.</summary>
    public long HandOffs => Volatile.Read(ref _handOffs);

    /// <summary>Read, add one, write back: two threads that read the same value both write value + 1, and one increment is lost.</summary>
    /// <param name="thread">The caller's index, for counting hand-offs.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementNonAtomically(int thread)
    {
        long read = Volatile.Read(ref _value);
        Volatile.Write(ref _value, read + 1);
        int last = Volatile.Read(ref _lastThread);
        if (last != thread)
        {
            Volatile.Write(ref _lastThread, thread);
            if (last >= 0)
            {
                Volatile.Write(ref _handOffs, Volatile.Read(ref _handOffs) + 1);
            }
        }
    }
}
