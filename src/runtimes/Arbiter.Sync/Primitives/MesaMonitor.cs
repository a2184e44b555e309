// Source: B. W. Lampson and D. D. Redell, "Experience with Processes and Monitors in Mesa", CACM 23(2), 1980, §2.2
// (NOTIFY is a hint: the notified process re-acquires the monitor later and must re-check its condition), after
// C. A. R. Hoare, "Monitors: An Operating System Structuring Concept", CACM 17(10), 1974.
//
// Summary: a MutexLock (the monitor lock) plus named condition queues. Wait queues the caller on the condition
// while it still holds the lock (so no Signal between "decide to wait" and "sleep" can be lost), releases the lock,
// blocks, and re-acquires the lock before returning. Signal moves one waiter off the queue; it then competes for
// the lock like any thread.
//
// Cost: Enter/Exit as MutexLock; Wait = a release, one blocking wait, a re-acquire; Signal = O(1).
using System.Runtime.CompilerServices;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Primitives;

/// <summary>
/// A monitor with Mesa semantics: a lock and condition variables (<see cref="NewCondition"/>). Waiters must
/// re-check their predicate in a loop: <c>while (!ready) cond.Wait();</c>.
/// </summary>
/// <remarks>
/// <para><b>Why a loop.</b> <see cref="Condition.Signal"/> does not hand the monitor to the waiter (that would be
/// Hoare semantics); it only makes the waiter runnable. Between the signal and the waiter's re-acquisition another
/// thread may enter the monitor and falsify the predicate again (take the item, fill the slot), and a timed wait may
/// return with the predicate still false. So a returning <c>Wait</c> means "look again", never "it is true".</para>
/// <para><b>Guarantees.</b> Those of the monitor lock, a <see cref="MutexLock"/> with the same options (mutual
/// exclusion; bounded waiting for entry only with <see cref="LockOptions.FifoHandoff"/>). Each condition wakes its
/// waiters in FIFO order. A signal with nobody waiting is lost (Mesa conditions have no memory; that is what the
/// predicate is for).</para>
/// </remarks>
public sealed class MesaMonitor
{
    /// <summary>Creates a monitor.</summary>
    public MesaMonitor(LockOptions? options = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Lock = new MutexLock(options, LockKind.Monitor, file, line);

    /// <summary>The monitor's name for reports: its class name or creation site.</summary>
    public string Name => Lock.Name;

    /// <summary>True when the calling thread is inside the monitor.</summary>
    public bool IsHeldByCurrentThread => Lock.IsHeldByCurrentThread;

    internal MutexLock Lock { get; }

    /// <summary>Enters the monitor.</summary>
    public void Enter() => Lock.Enter();

    /// <summary>Enters the monitor unless cancelled first.</summary>
    public void Enter(CancellationToken cancellationToken) => Lock.Enter(cancellationToken);

    /// <summary>Enters if the monitor is free now.</summary>
    public bool TryEnter() => Lock.TryEnter();

    /// <summary>Enters, waiting at most <paramref name="timeout"/>. False: timed out.</summary>
    public bool TryEnter(TimeSpan timeout, CancellationToken cancellationToken = default) => Lock.TryEnter(timeout, cancellationToken);

    /// <summary>Leaves the monitor.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread is not inside.</exception>
    public void Exit() => Lock.Exit();

    /// <summary>Enters; the scope's <c>Dispose</c> leaves.</summary>
    public MutexLock.Scope EnterScope() => Lock.EnterScope();

    /// <summary>Enters asynchronously; the releaser leaves and is the holder's identity for <see cref="Condition.WaitAsync(Releaser, CancellationToken)"/>.</summary>
    public ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken = default) => Lock.LockAsync(cancellationToken);

    /// <summary>Enters asynchronously, waiting at most <paramref name="timeout"/>; null when it timed out.</summary>
    public ValueTask<Releaser?> TryEnterAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Lock.TryLockAsync(timeout, cancellationToken);

    /// <summary>A new condition variable of this monitor.</summary>
    public Condition NewCondition(string name) => new(this, name);
}
