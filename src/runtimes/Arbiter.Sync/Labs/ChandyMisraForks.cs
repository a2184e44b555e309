// Source: K. M. Chandy and J. Misra, "The Drinking Philosophers Problem", ACM TOPLAS 6(4):632–646, 1984, §2.
//
// Summary: every fork has one owner and is clean or dirty. Initially each fork is dirty and held by the lower-
// numbered of its two philosophers, which makes the precedence graph acyclic. A hungry philosopher asks for the
// forks it lacks; an owner gives up a fork on request if it is dirty and the owner is not eating, cleaning it on
// the way; an owner keeps a clean fork until it has eaten. Eating makes both forks dirty. Because a philosopher that
// just ate loses precedence to its neighbours, the scheme is free of deadlock and of starvation.
//
// Here a request is the hungry philosopher waiting on the fork's monitor condition: the transfer the owner would do
// on receiving the message is done by the requester under the fork's monitor, with the owner's "eating" flag read
// there too, which is what the owner would consult.
using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Labs;

/// <summary>The forks of the Chandy–Misra solution, each guarded by a Mesa monitor.</summary>
internal sealed class ChandyMisraForks
{
    private readonly Fork[] _forks;
    private readonly int[] _eating;

    public ChandyMisraForks(int seats, LockTracker tracker)
    {
        _eating = new int[seats];
        _forks = [.. Enumerable.Range(0, seats).Select(f =>
        {
            var monitor = new MesaMonitor(new LockOptions { Name = $"fork {f}", Tracker = tracker });
            // Fork f lies between philosophers f and f+1; the lower-numbered one holds it first (dirty).
            return new Fork(monitor, monitor.NewCondition("changed"), Math.Min(f, (f + 1) % seats));
        })];
    }

    public bool PickUp(int me, CancellationToken stop)
    {
        int left = me, right = (me + 1) % _forks.Length;
        while (true)
        {
            if (!Obtain(_forks[left], me, stop) || !Obtain(_forks[right], me, stop))
            {
                return false;
            }

            // Declare eating, then check that neither fork was taken (as a dirty fork of a non-eater) meanwhile.
            // Once the flag is set, no neighbour will take a fork from us, so if we still own both we may eat.
            Interlocked.Exchange(ref _eating[me], 1);
            if (Owns(_forks[left], me) && Owns(_forks[right], me))
            {
                return true;
            }

            Interlocked.Exchange(ref _eating[me], 0);
            Notify(_forks[left]);
            Notify(_forks[right]);
        }
    }

    public void PutDown(int me)
    {
        Interlocked.Exchange(ref _eating[me], 0);
        foreach (var fork in new[] { _forks[me], _forks[(me + 1) % _forks.Length] })
        {
            fork.Monitor.Enter();
            fork.Dirty = true; // eaten with: the neighbour now has precedence
            fork.Changed.Broadcast();
            fork.Monitor.Exit();
        }
    }

    private bool Obtain(Fork fork, int me, CancellationToken stop)
    {
        // The monitor is only ever held for a few instructions, so entering it need not be cancellable.
        fork.Monitor.Enter(CancellationToken.None);
        try
        {
            while (fork.Owner != me)
            {
                if (fork.Dirty && Volatile.Read(ref _eating[fork.Owner]) == 0)
                {
                    fork.Owner = me;
                    fork.Dirty = false; // the owner cleans it before sending it
                    fork.Changed.Broadcast();
                    break;
                }

                if (stop.IsCancellationRequested)
                {
                    return false;
                }

                // Mesa semantics: re-check after every wake-up; the timeout bounds a wake-up missed because the
                // owner's eating flag changed without the monitor.
                fork.Changed.Wait(TimeSpan.FromMilliseconds(1), stop);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            fork.Monitor.Exit();
        }
    }

    private static bool Owns(Fork fork, int me)
    {
        fork.Monitor.Enter();
        bool owns = fork.Owner == me;
        fork.Monitor.Exit();
        return owns;
    }

    private static void Notify(Fork fork)
    {
        fork.Monitor.Enter();
        fork.Changed.Broadcast();
        fork.Monitor.Exit();
    }

    private sealed class Fork(MesaMonitor monitor, Condition changed, int owner)
    {
        public MesaMonitor Monitor { get; } = monitor;

        public Condition Changed { get; } = changed;

        public int Owner { get; set; } = owner;

        public bool Dirty { get; set; } = true;
    }
}
