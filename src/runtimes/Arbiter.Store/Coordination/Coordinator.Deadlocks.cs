// Source: Silberschatz §8.7 (detection: a cycle in the wait-for graph means deadlock when every resource has one
// unit; with several units, the detection algorithm decides) and §8.8 (recovery: choose a victim by cost);
// Coffman, Elphick, Shoshani 1971 and Holt 1972 (a cycle is necessary but not sufficient with multi-unit resources).
//
// Summary: run after a wait is queued. Only a new wait can create a deadlock (a release, a grant, a lease end or a
// withdrawn wait only lets owners proceed), and the deadlock it creates contains the new waiter W. So the question is
// "is W on a cycle, and is that cycle a deadlock?":
//   1. The incremental detector answers "no cycle through W" in O(1) in the common case (no refused edge, nothing
//      parked). Otherwise a breadth-first search of the full graph finds a shortest cycle through W, if any.
//   2. If no owner in W's strongly connected component waits for a semaphore, every edge there is an AND-wait
//      (a mutex, a writer, a reader behind a writer, a candidate: each needs the other to let go), so the cycle is a
//      deadlock and the component is the deadlocked set.
//   3. Otherwise it may not be one: a semaphore waiter needs *some* holders to give back units, not all. E.g. a
//      semaphore of 2 permits held by A and C, B queued for 1 permit, A waiting for a mutex B holds: B → A → B is a
//      cycle, but C is not waiting, will release, B gets C's permit, releases the mutex, and A proceeds. So the
//      component is written as a ledger (FifoLedger, FIFO order included) and Arbiter.Core's multi-instance
//      DeadlockDetector decides; only the owners it leaves stuck are deadlocked.
//   4. The policy picks a victim among them; its wait fails with a Deadlock error carrying the cycle. Failing a wait
//      lets owners proceed, so repeat until W is no longer on a deadlock (one victim almost always suffices).
// Everything reported is computed from the state in a fixed order, never from the detector's internal order, so
// replicas (and a replica restored from a snapshot) report the same cycle and choose the same victim.
using Arbiter.Core.Deadlock.Recovery;

namespace Arbiter.Store.Coordination;

public sealed partial class Coordinator
{
    /// <summary>Breaks every deadlock the new wait of <paramref name="waiter"/> closed; returns the caller's error if
    /// its own wait was the victim, else null (other victims are reported as <see cref="WaitFailed"/>).</summary>
    private CoordinationError? BreakDeadlocks(OwnerState waiter, bool refused, long revision, List<CoordinationNotification> notes)
    {
        var graph = _graph!;
        while (waiter.Waiting is not null)
        {
            if (!refused && graph.ParkedCount == 0)
            {
                return null; // every edge is in the acyclic detector: no cycle anywhere
            }

            graph.RetryParked();
            var cycle = WaitForTracker.CycleThrough(waiter);
            if (cycle is null)
            {
                return null;
            }

            var component = WaitForTracker.StrongComponent(waiter);
            bool multiUnit = component.Exists(o => o.Waiting!.Resource.IsMultiUnit);
            List<OwnerState> deadlocked = multiUnit ? FifoLedger.Deadlocked(component, revision) : component;
            if (deadlocked.Count == 0)
            {
                return null; // a cycle through semaphores that reduction shows will resolve: not a deadlock
            }

            if (multiUnit)
            {
                // The stuck set contains the waiter (a new deadlock always does); report a cycle inside it.
                var stuck = new HashSet<OwnerState>(deadlocked, ReferenceEqualityComparer.Instance);
                System.Diagnostics.Debug.Assert(stuck.Contains(waiter), "a deadlock closed by a wait contains the waiter");
                cycle = WaitForTracker.CycleThrough(waiter, stuck) ?? cycle;
            }

            var victim = Options.Policy == DeadlockPolicy.FailCheapest ? Cheapest(deadlocked, revision) : waiter;
            var report = new DeadlockReport(
                revision, [.. Steps(cycle)], [.. deadlocked.Select(o => o.Lease).Order()], victim.Lease, Options.Policy, multiUnit);
            var wait = victim.Waiting!;
            var error = new CoordinationError(CoordinationErrorCode.Deadlock, wait.Resource.Name, victim.Lease,
                $"deadlock: {report.Describe()}; the wait of {victim.DisplayName} for {wait.Resource.Name} is failed", report);
            DeadlocksBroken++;
            victim.Victimized++;
            if (ReferenceEquals(victim, waiter))
            {
                DropWait(victim, revision, notes);
                return error;
            }

            notes.Add(new WaitFailed(wait.Resource.Name, victim.Lease, error));
            DropWait(victim, revision, notes);
            refused = true; // look again: the waiter may still be on another deadlock
        }

        return null;
    }

    /// <summary>The deadlocked owner with the lowest victim cost (ties: lowest lease id). The cost is Arbiter.Core's
    /// <see cref="VictimCost"/>: age as CPU time (older sessions did more work), units held, units still wanted, and
    /// earlier victimisations as rollbacks (so the same client is not failed every time).</summary>
    private OwnerState Cheapest(List<OwnerState> deadlocked, long revision)
    {
        var weights = Options.EffectiveWeights;
        OwnerState best = deadlocked[0];
        double bestCost = double.PositiveInfinity;
        for (int i = 0; i < deadlocked.Count; i++)
        {
            var o = deadlocked[i];
            int held = o.Holds.Values.Sum(h => h.Units);
            var cost = new VictimCost(i, o.DisplayName, 0, revision - o.FirstSeen, held, o.Waiting!.Units, o.Victimized, weights);
            if (cost.Total < bestCost)
            {
                best = o;
                bestCost = cost.Total;
            }
        }

        return best;
    }

    private static IEnumerable<DeadlockStep> Steps(List<OwnerState> cycle)
    {
        for (int i = 0; i < cycle.Count; i++)
        {
            var o = cycle[i];
            var next = cycle[(i + 1) % cycle.Count];
            var w = o.Waiting!;
            var reason = w.Resource.HoldOf(next) is not null ? WaitReason.Holds : WaitReason.QueuedAhead;
            yield return new DeadlockStep(o.Lease, o.DisplayName, w.Resource.Name, w.Units, w.Since, next.Lease, reason);
        }
    }
}
