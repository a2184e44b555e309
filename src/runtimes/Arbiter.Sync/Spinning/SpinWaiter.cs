using System.Runtime.CompilerServices;

namespace Arbiter.Sync.Spinning;

/// <summary>
/// How the teaching locks busy-wait: one <c>pause</c> per probe (<see cref="Thread.SpinWait(int)"/> with 1) for the
/// first <see cref="ProbesBeforeYield"/> probes, then <see cref="Thread.Yield"/> (sched_yield on Linux) at every probe.
/// </summary>
/// <remarks>
/// Why yield at all: a kernel spinlock disables preemption, so its holder always runs; a user-space spinner cannot,
/// and when there are more threads than cores the holder may be preempted while others spin for a whole time slice
/// (milliseconds). Yielding after a short budget lets the holder run, so an oversubscribed run still finishes,
/// but every probe past the budget is a system call: that is the cost of spinning the benchmarks show.
/// Why a constant single pause rather than <see cref="SpinWait"/>: SpinWait grows its pause exponentially, which is
/// already a backoff; the textbook TAS, TTAS and ticket locks probe at a steady rate, and only
/// <see cref="CasSpinLock"/> adds (bounded, randomised) exponential backoff, so the difference is measurable.
/// </remarks>
internal struct SpinWaiter
{
    /// <summary>Probes spent spinning before each further probe yields (a few microseconds of pauses).</summary>
    public const int ProbesBeforeYield = 128;

    private int _probes;

    /// <summary>Waits once between two probes of the lock word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SpinOnce()
    {
        if (_probes < ProbesBeforeYield)
        {
            _probes++;
            Thread.SpinWait(1);
        }
        else
        {
            Thread.Yield();
        }
    }
}
