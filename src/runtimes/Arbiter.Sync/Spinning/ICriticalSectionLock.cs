using System.Diagnostics.CodeAnalysis;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// A lock that guards a critical section, as the seed's critical-section problem states it: a thread calls
/// <see cref="Enter"/> (the entry section), runs its critical section, then calls <see cref="Exit"/> (the exit
/// section). The race lab and the benchmarks drive every teaching lock through this one shape.
/// </summary>
/// <remarks>
/// <para>
/// The thread index matters only to the software algorithms (<see cref="PetersonLock"/>, <see cref="BakeryLock"/>),
/// which give each participant its own slot; the hardware locks ignore it. Indices run from 0 to
/// <see cref="MaxThreads"/> − 1 and each index belongs to one thread at a time.
/// </para>
/// <para>
/// Memory ordering: <see cref="Enter"/> has acquire semantics and <see cref="Exit"/> release semantics (ECMA-335
/// §I.12.6.5 and the .NET memory model), so whatever a thread wrote inside the critical section is visible to the
/// next thread that enters. Each implementation says which fence gives it that.
/// </para>
/// <para>
/// The implementations mark Enter and Exit <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>:
/// the race lab runs for milliseconds in a fresh process, and tiered compilation would otherwise time unoptimized
/// tier-0 code (it waits at least 100 ms before optimizing), which exaggerates the cost of every lock.
/// </para>
/// <para>
/// None of these locks is re-entrant, and none records its owner; a teaching lock checks only the misuse it can
/// see for free (an exit from a lock nobody holds, an index out of range).
/// </para>
/// </remarks>
public interface ICriticalSectionLock
{
    /// <summary>How many threads may share the lock: 2 for Peterson, n for Bakery, <see cref="int.MaxValue"/> for the rest.</summary>
    int MaxThreads { get; }

    /// <summary>The entry section: returns once the calling thread may run its critical section.</summary>
    /// <param name="thread">The caller's index, 0 ≤ thread &lt; <see cref="MaxThreads"/>.</param>
    void Enter(int thread);

    /// <summary>The exit section: lets the next thread in.</summary>
    /// <param name="thread">The same index the caller entered with.</param>
    [SuppressMessage("Naming", "CA1716", Justification = "Entry and exit sections are the seed's terms, and Monitor.Enter/Exit the .NET precedent.")]
    void Exit(int thread);
}
