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
/// </remarks>
internal sealed class RaceCounter
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    /// <summary>Read, add one, write back: two threads that read the same value both write value + 1, and one increment is lost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementNonAtomically()
    {
        long read = Volatile.Read(ref _value);
        Volatile.Write(ref _value, read + 1);
    }
}
