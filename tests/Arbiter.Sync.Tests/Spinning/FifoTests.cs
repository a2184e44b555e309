using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Tests.Spinning;

/// <summary>
/// First-come-first-served: while the lock is held, waiters arrive one at a time (each finishes its doorway before
/// the next starts); on release they must enter in arrival order. TAS-style locks promise nothing of the kind.
/// </summary>
public class FifoTests
{
    private const int Waiters = 4;

    [Fact]
    public void TicketLock_WaitersArriveOneByOne_EnterInArrivalOrder()
    {
        var sut = new TicketLock();
        var order = RunQueue(sut, arrival: [1, 2, 3, 4], hasArrived: (_, arrived) => sut.TicketsDrawn == 1 + arrived);

        Assert.Equal(new[] { 1, 2, 3, 4 }, order);
    }

    [Fact]
    public void BakeryLock_HighIndicesArriveFirst_EnterInArrivalOrderNotIndexOrder()
    {
        // Arrival order opposite to index order, so the index tie-break alone would give the wrong answer.
        var sut = new BakeryLock(Waiters + 1);
        var order = RunQueue(sut, arrival: [4, 3, 2, 1], hasArrived: (thread, _) => sut.HasTicket(thread));

        Assert.Equal(new[] { 4, 3, 2, 1 }, order);
    }

    [Fact]
    public void PetersonLock_HolderReentersWhileOtherWaits_OtherGoesFirst()
    {
        // Bounded waiting of 1: once thread 1 waits, thread 0 cannot enter twice in a row.
        var sut = new PetersonLock();
        var log = new List<string>();
        WithTimeout.Run(() =>
        {
            sut.Enter(0);
            var other = new Thread(() =>
            {
                sut.Enter(1);
                lock (log)
                {
                    log.Add("1 in");
                }

                sut.Exit(1);
            });
            other.Start();
            SpinUntil(() => sut.HasYielded(1));
            sut.Exit(0);
            sut.Enter(0);
            lock (log)
            {
                log.Add("0 in again");
            }

            sut.Exit(0);
            other.Join();
        });

        Assert.Equal(new[] { "1 in", "0 in again" }, log);
    }

    /// <summary>Thread 0 holds the lock while the others arrive in <paramref name="arrival"/> order; returns the entry order.</summary>
    private static List<int> RunQueue(ICriticalSectionLock sut, int[] arrival, Func<int, int, bool> hasArrived)
    {
        var order = new List<int>();
        return WithTimeout.Run(() =>
        {
            sut.Enter(0);
            var threads = new List<Thread>();
            for (int k = 0; k < arrival.Length; k++)
            {
                int thread = arrival[k];
                var waiter = new Thread(() =>
                {
                    sut.Enter(thread);
                    order.Add(thread); // inside the critical section: no other lock needed
                    sut.Exit(thread);
                });
                waiter.Start();
                threads.Add(waiter);
                int arrived = k + 1;
                SpinUntil(() => hasArrived(thread, arrived));
            }

            sut.Exit(0);
            threads.ForEach(t => t.Join());
            return order;
        });
    }

    private static void SpinUntil(Func<bool> condition)
    {
        while (!condition())
        {
            Thread.Yield();
        }
    }
}
