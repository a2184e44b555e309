using System.Diagnostics;

namespace Arbiter.Ipc.SharedMemory;

/// <summary>
/// How a side of the shared-memory ring waits for its peer (ring empty for the reader, full for the writer):
/// spin for the first 50 µs, then <see cref="Thread.Yield"/> until 1 ms, then sleep 1 ms at a time.
/// <para>
/// Why polling and not a doorbell: a pipe, eventfd or futex on the shared counter would let an idle side sleep in
/// the kernel and be woken at once, but costs a system call on every message that finds the peer asleep and another
/// kernel object both processes must share. Polling keeps the fast path free of system calls — a ping-pong answered
/// within microseconds never leaves the spin phase — at two prices, both visible in the lab: a waiting side burns a
/// core for up to 1 ms before it sleeps (on a 2-core machine the two processes each take one), and once asleep it
/// notices its peer up to ~1 ms late.
/// </para>
/// </summary>
internal struct BackoffWaiter
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 µs
    private static readonly long YieldTicks = Stopwatch.Frequency / 1_000; // 1 ms

    private long _start;

    /// <summary>Waits a little (how long depends on how long this waiter has been waiting); call again until the condition holds.</summary>
    public void Wait(CancellationToken cancel)
    {
        long now = Stopwatch.GetTimestamp();
        if (_start == 0)
        {
            _start = now;
        }

        long waited = now - _start;
        if (waited < SpinTicks)
        {
            Thread.SpinWait(10);
            return;
        }

        cancel.ThrowIfCancellationRequested();
        if (waited < YieldTicks)
        {
            Thread.Yield();
            return;
        }

        Thread.Sleep(1);
    }
}
