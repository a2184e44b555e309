// Source: the cyclic barrier of java.util.concurrent.CyclicBarrier (D. Lea), "all-or-none breakage model"; barrier
// synchronisation in general: Mellor-Crummey & Scott, ACM TOCS 9(1), 1991, §3.
//
// Summary: participants arrive; the last arrival of a generation trips it, releasing everyone, and a new generation
// starts (the barrier is reusable). If a participant gives up (timeout, cancellation) or the barrier is reset, the
// generation breaks: every participant waiting in it, and every later arrival, fails with
// BarrierBrokenException until Reset — all or none, so that no thread waits forever for one that left.
//
// Cost: O(1) per arrival under a small gate; one task per generation (shared by its waiters).
namespace Arbiter.Sync.Primitives;

/// <summary>
/// A reusable barrier for a fixed number of participants, with timeouts, cancellation, async waits and the
/// all-or-none breakage model.
/// </summary>
/// <remarks>
/// <para><b>Guarantee.</b> No participant passes generation g before all <see cref="Participants"/> have arrived at
/// g, or g is broken. A participant that times out returns false (and breaks g); one that is cancelled throws
/// <see cref="OperationCanceledException"/> (and breaks g); the others throw <see cref="BarrierBrokenException"/>.
/// If the last participant arrives before the give-up takes effect, the generation trips and everyone passes.</para>
/// <para>A barrier is not a lock: it holds nothing, so it takes no <see cref="LockOptions"/> and is not tracked.</para>
/// </remarks>
public sealed class CyclicBarrier
{
    private readonly Lock _gate = new();
    private BarrierGeneration _current = new(0);

    /// <summary>Creates a barrier for <paramref name="participants"/> threads or tasks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="participants"/> is not positive.</exception>
    public CyclicBarrier(int participants)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(participants);
        Participants = participants;
    }

    /// <summary>How many arrivals trip a generation.</summary>
    public int Participants { get; }

    /// <summary>The current generation's number (0, 1, … one per trip or reset).</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _current.Number;
            }
        }
    }

    /// <summary>Participants waiting in the current generation.</summary>
    public int ArrivedCount
    {
        get
        {
            lock (_gate)
            {
                return _current.Arrived;
            }
        }
    }

    /// <summary>True when the current generation is broken (until <see cref="Reset"/>).</summary>
    public bool IsBroken
    {
        get
        {
            lock (_gate)
            {
                return _current.IsBroken;
            }
        }
    }

    /// <summary>Arrives and waits for the others.</summary>
    /// <exception cref="BarrierBrokenException">The generation broke.</exception>
    public void SignalAndWait() => SignalAndWait(Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>Arrives and waits for the others unless cancelled first (which breaks the generation).</summary>
    public void SignalAndWait(CancellationToken cancellationToken) => SignalAndWait(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Arrives and waits at most <paramref name="timeout"/>. True: everyone arrived. False: timed out (the generation is broken).</summary>
    /// <exception cref="BarrierBrokenException">Another participant broke the generation.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the generation is broken).</exception>
    public bool SignalAndWait(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.Start(timeout);
        var generation = Arrive(cancellationToken);
        if (generation is null)
        {
            return true;
        }

        bool decided;
        try
        {
            decided = generation.Outcome.Wait(deadline.RemainingMilliseconds(), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (Break(generation))
            {
                throw;
            }

            decided = true;
        }

        return decided || !Break(generation) ? Passed(generation) : false;
    }

    /// <summary>Arrives and waits asynchronously.</summary>
    public async ValueTask SignalAndWaitAsync(CancellationToken cancellationToken = default) =>
        await SignalAndWaitAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);

    /// <summary>Arrives and waits asynchronously at most <paramref name="timeout"/>. False: timed out (the generation is broken).</summary>
    public ValueTask<bool> SignalAndWaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline.Start(timeout);
        var generation = Arrive(cancellationToken);
        return generation is null ? new ValueTask<bool>(true) : WaitAsync(generation, deadline, cancellationToken);
    }

    /// <summary>Breaks the current generation (its waiters throw <see cref="BarrierBrokenException"/>) and starts a fresh one.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            var old = _current;
            _current = new BarrierGeneration(old.Number + 1);
            old.Decide(false);
        }
    }

    /// <summary>Counts the arrival. Null: this arrival tripped the generation (nobody to wait for).</summary>
    private BarrierGeneration? Arrive(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BarrierGeneration generation;
        lock (_gate)
        {
            generation = _current;
            if (generation.IsBroken)
            {
                throw new BarrierBrokenException(generation.Number);
            }

            if (++generation.Arrived < Participants)
            {
                return generation;
            }

            // Decide under the gate, so that a participant giving up (Break) sees the trip and does not break a
            // generation that already passed. No user code runs here: continuations are asynchronous.
            _current = new BarrierGeneration(generation.Number + 1);
            generation.Decide(true);
        }

        return null;
    }

    private async ValueTask<bool> WaitAsync(BarrierGeneration generation, Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            await generation.Outcome.WaitAsync(deadline.Remaining(), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (Break(generation))
            {
                return false;
            }
        }
        catch (OperationCanceledException)
        {
            if (Break(generation))
            {
                throw;
            }
        }

        return Passed(generation);
    }

    /// <summary>A participant gives up: breaks the generation unless it was decided first. True: this call broke it.</summary>
    private bool Break(BarrierGeneration generation)
    {
        lock (_gate)
        {
            if (generation.IsDecided)
            {
                return false;
            }

            // Deciding under the gate keeps "undecided → broken" atomic against the last arrival's trip.
            generation.Decide(false);
            return true;
        }
    }

    private static bool Passed(BarrierGeneration generation) =>
        generation.Outcome.Result ? true : throw new BarrierBrokenException(generation.Number);
}
