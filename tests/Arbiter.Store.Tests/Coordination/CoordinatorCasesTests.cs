using Arbiter.Store.Coordination;

namespace Arbiter.Store.Tests.Coordination;

/// <summary>Hand-worked cases: each expected value is worked out on paper from the semantics, not copied from output.</summary>
public class CoordinatorCasesTests
{
    [Fact]
    public void Lock_TwoClientsTwoLocksOppositeOrder_SecondCrossingWaitFailsWithDeadlock()
    {
        var c = new Coordinator();
        Assert.IsType<Granted>(c.Lock("m1", 1, 10, "A").Result);
        Assert.IsType<Granted>(c.Lock("m2", 2, 11, "B").Result);
        Assert.IsType<Queued>(c.Lock("m2", 1, 12).Result);      // A waits for B
        var outcome = c.Lock("m1", 2, 13);                        // B waits for A: closes A → B → A
        var error = Assert.IsType<CoordinationError>(outcome.Result);
        Assert.Equal(CoordinationErrorCode.Deadlock, error.Code);
        var report = error.Deadlock!;
        Assert.Equal(2, report.Victim);
        Assert.Equal([1L, 2L], report.Deadlocked);
        Assert.Equal(13, report.Revision);
        Assert.False(report.ConfirmedByReduction);
        Assert.Equal(2, report.Cycle.Count);
        Assert.Equal(new DeadlockStep(2, "B", "m1", 1, 13, 1, WaitReason.Holds), report.Cycle[0]);
        Assert.Equal(new DeadlockStep(1, "A", "m2", 1, 12, 2, WaitReason.Holds), report.Cycle[1]);

        // B's wait is gone, so B can release m2 and A is granted with the release's revision as token.
        var release = c.Release("m2", 2, 14);
        Assert.Equal([new WaiterGranted("m2", 1, 14, 12)], release.Notifications);
    }

    [Fact]
    public void Lock_ThreeWayCycle_ReportsAllThreeInOrder()
    {
        var c = new Coordinator();
        c.Lock("a", 1, 1);
        c.Lock("b", 2, 2);
        c.Lock("c", 3, 3);
        Assert.IsType<Queued>(c.Lock("b", 1, 4).Result);
        Assert.IsType<Queued>(c.Lock("c", 2, 5).Result);
        var error = Assert.IsType<CoordinationError>(c.Lock("a", 3, 6).Result);
        Assert.Equal([3L, 1L, 2L], error.Deadlock!.Cycle.Select(s => s.Lease));
        Assert.Equal(["a", "b", "c"], error.Deadlock.Cycle.Select(s => s.Resource));
        Assert.Equal([6L, 4L, 5L], error.Deadlock.Cycle.Select(s => s.Since));
    }

    [Fact]
    public void Acquire_SemaphoreCycleWithAnOutsideHolder_IsNotADeadlock()
    {
        // s has 2 permits held by A and C; B holds mutex m and queues for 1 permit; A then waits for m.
        // B → A (A holds s) and A → B (B holds m) is a cycle, but C waits for nothing: once C releases, B gets the
        // permit, releases m, and A proceeds. The multi-unit reduction must not call this a deadlock.
        var c = new Coordinator();
        c.Acquire("s", 2, 1, 1, 1, "A");
        c.Acquire("s", 2, 1, 3, 2, "C");
        c.Lock("m", 2, 3, "B");
        Assert.IsType<Queued>(c.Acquire("s", 2, 1, 2, 4).Result);
        var wait = c.Lock("m", 1, 5);
        Assert.IsType<Queued>(wait.Result);
        Assert.Empty(wait.Notifications);
        Assert.Equal(0, c.DeadlocksBroken);

        var release = c.Release("s", 3, 6);
        Assert.Equal([new WaiterGranted("s", 2, 6, 4)], release.Notifications);
        Assert.Equal([new WaiterGranted("m", 1, 7, 5)], c.Release("m", 2, 7).Notifications);
    }

    [Fact]
    public void Acquire_SemaphoreCycleWithoutEscape_IsADeadlockConfirmedByReduction()
    {
        // s has 2 permits held by A and C; both then queue for mutex m held by B; B queues for 1 permit.
        // Every permit holder waits for B, so no permit can come back: a deadlock, and the reduction says so.
        var c = new Coordinator();
        c.Acquire("s", 2, 1, 1, 1, "A");
        c.Acquire("s", 2, 1, 3, 2, "C");
        c.Lock("m", 2, 3, "B");
        Assert.IsType<Queued>(c.Lock("m", 1, 4).Result);
        Assert.IsType<Queued>(c.Lock("m", 3, 5).Result);
        var error = Assert.IsType<CoordinationError>(c.Acquire("s", 2, 1, 2, 6).Result);
        Assert.Equal(CoordinationErrorCode.Deadlock, error.Code);
        Assert.True(error.Deadlock!.ConfirmedByReduction);
        Assert.Equal([1L, 2L, 3L], error.Deadlock.Deadlocked);
        Assert.Equal(2, error.Deadlock.Victim);
        Assert.Equal([2L, 1L], error.Deadlock.Cycle.Select(s => s.Lease)); // shortest cycle through B: B → A → B
    }

    [Fact]
    public void Acquire_FifoQueueAloneDeadlocks_DetectedThroughQueuedAheadEdge()
    {
        // s: 3 permits, A holds 1. B queues for 3 (head, waits for A). C, holding mutex m2, queues for 1 permit
        // behind B (2 permits are free, but no barging); then A waits for m2:
        // A → C (m2), C → B (queued ahead), B → A (holds s). The plain ledger would let C take the free permit; FIFO does not.
        var c = new Coordinator();
        c.Acquire("s", 3, 1, 1, 1, "A");
        c.Lock("m2", 3, 2, "C");
        Assert.IsType<Queued>(c.Acquire("s", 3, 3, 2, 3, "B").Result);
        Assert.IsType<Queued>(c.Acquire("s", 3, 1, 3, 4).Result);
        var error = Assert.IsType<CoordinationError>(c.Lock("m2", 1, 5).Result);
        Assert.Equal(CoordinationErrorCode.Deadlock, error.Code);
        Assert.True(error.Deadlock!.ConfirmedByReduction);
        Assert.Equal([1L, 2L, 3L], error.Deadlock.Deadlocked);
        Assert.Contains(error.Deadlock.Cycle, s => s.Reason == WaitReason.QueuedAhead && s.Lease == 3 && s.BlockedBy == 2);
    }

    [Fact]
    public void LeaseEnded_HolderExpires_LockGoesToNextWaiterWithTheExpiryRevisionAsToken()
    {
        var c = new Coordinator();
        c.Lock("m", 1, 5);
        c.Lock("m", 2, 6);
        c.Lock("m", 3, 7);
        var end = c.LeaseEnded(1, 9);
        Assert.Equal(new LeaseCleared(1, 1, 0), end.Result);
        Assert.Equal([new WaiterGranted("m", 2, 9, 6)], end.Notifications);
        Assert.Equal(new HolderConfirmed("m", 2, 9), c.CheckHolder("m", 2));
    }

    [Fact]
    public void CheckHolder_ExpiredLeaseKeepsActingAsHolder_RefusedLikeEtcdIssue11456()
    {
        // etcd issue 11456: client A's session lease expired while it believed it held the lock; B acquired it, and A
        // went on acting as holder. Here every act of A is refused, and A's old token is rejected by the resource.
        var c = new Coordinator();
        long tokenA = Assert.IsType<Granted>(c.Lock("job", 100, 20, "A").Result).Token;
        Assert.IsType<Queued>(c.Lock("job", 200, 21, "B").Result);
        var expiry = c.LeaseEnded(100, 30);                                 // A's lease expires (decided by the leader)
        long tokenB = Assert.Single(expiry.Notifications.OfType<WaiterGranted>()).Token;
        Assert.True(tokenB > tokenA);

        Assert.Equal(CoordinationErrorCode.LeaseExpired, Assert.IsType<CoordinationError>(c.CheckHolder("job", 100)).Code);
        Assert.Equal(CoordinationErrorCode.LeaseExpired, Assert.IsType<CoordinationError>(c.Release("job", 100, 31).Result).Code);
        Assert.Equal(CoordinationErrorCode.LeaseExpired, Assert.IsType<CoordinationError>(c.Lock("job", 100, 32).Result).Code);
        Assert.False(c.Validate("job", tokenA));   // the protected resource rejects A's stale write
        Assert.True(c.Validate("job", tokenB));
        Assert.Equal(new HolderConfirmed("job", 200, 30), c.CheckHolder("job", 200));
    }

    [Fact]
    public void WriteLock_WaitingWriter_BlocksLaterReaders()
    {
        var c = new Coordinator();
        Assert.IsType<Granted>(c.ReadLock("rw", 1, 1).Result);
        Assert.IsType<Granted>(c.ReadLock("rw", 2, 2).Result);
        Assert.IsType<Queued>(c.WriteLock("rw", 3, 3).Result);
        Assert.IsType<Queued>(c.ReadLock("rw", 4, 4).Result);        // behind the writer
        Assert.IsType<Busy>(c.ReadLock("rw", 5, 5, tryOnly: true).Result);
        Assert.Empty(c.Release("rw", 1, 6).Notifications);
        Assert.Equal([new WaiterGranted("rw", 3, 7, 3)], c.Release("rw", 2, 7).Notifications);
        Assert.Equal([new WaiterGranted("rw", 4, 8, 4)], c.Release("rw", 3, 8).Notifications);
    }

    [Fact]
    public void Acquire_NoBargingPastTheHead_SmallRequestWaitsBehindLargeOne()
    {
        var c = new Coordinator();
        c.Acquire("s", 3, 2, 1, 1);
        Assert.IsType<Queued>(c.Acquire("s", 3, 2, 2, 2).Result);    // 1 free, wants 2
        Assert.IsType<Queued>(c.Acquire("s", 3, 1, 3, 3).Result);    // 1 free, fits, but the head comes first
        Assert.IsType<Busy>(c.Acquire("s", 3, 1, 4, 4, tryOnly: true).Result);
        var release = c.Release("s", 1, 5);
        Assert.Equal([new WaiterGranted("s", 2, 5, 2), new WaiterGranted("s", 3, 5, 3)], release.Notifications);
    }

    [Fact]
    public void Campaign_LeaderResignsAndProclaims_ObserverSeesOrderedChanges()
    {
        var c = new Coordinator();
        Assert.IsType<Granted>(c.Campaign("e", "a:1", 1, 1).Result);
        Assert.IsType<Queued>(c.Campaign("e", "b:1", 2, 2).Result);
        Assert.Equal(CoordinationErrorCode.NotHolder, Assert.IsType<CoordinationError>(c.Proclaim("e", "b:2", 2, 3).Result).Code);
        Assert.IsType<Proclaimed>(c.Proclaim("e", "a:2", 1, 4).Result);
        c.Resign("e", 1, 5);
        c.LeaseEnded(2, 6);
        Assert.Equal(
            [new LeaderChanged("e", 1, "a:1", 1, 1), new LeaderChanged("e", 1, "a:2", 1, 4), new LeaderChanged("e", 2, "b:1", 5, 5), new LeaderChanged("e", null, null, 0, 6)],
            c.Observe("e"));
        Assert.Null(c.Leader("e"));
        Assert.Equal([new LeaderChanged("e", 2, "b:1", 5, 5), new LeaderChanged("e", null, null, 0, 6)], c.Observe("e", 5));
    }

    [Fact]
    public void Arrive_ThirdOfThreeParties_ReleasesGenerationAndBarrierIsReusable()
    {
        var c = new Coordinator();
        Assert.Equal(new BarrierWaiting("b", 1, 0, 1, 3), c.Arrive("b", 3, 1, 1).Result);
        Assert.Equal(new BarrierWaiting("b", 2, 0, 2, 3), c.Arrive("b", 3, 2, 2).Result);
        var pass = c.Arrive("b", 3, 3, 3);
        Assert.Equal(new BarrierPassed("b", 3, 0), pass.Result);
        var released = Assert.IsType<BarrierReleased>(Assert.Single(pass.Notifications));
        Assert.Equal([1L, 2L, 3L], released.Parties);
        Assert.Equal(new BarrierWaiting("b", 1, 1, 1, 3), c.Arrive("b", 3, 1, 4).Result);
        Assert.Equal(CoordinationErrorCode.InvalidArgument, Assert.IsType<CoordinationError>(c.Arrive("b", 4, 2, 5).Result).Code);
    }

    [Fact]
    public void Lock_BadUses_TypedErrors()
    {
        var c = new Coordinator();
        c.Lock("m", 1, 1);
        Assert.Equal(CoordinationErrorCode.AlreadyHeld, ((CoordinationError)c.Lock("m", 1, 2).Result).Code);
        Assert.Equal(CoordinationErrorCode.WrongKind, ((CoordinationError)c.Acquire("m", 2, 1, 2, 3).Result).Code);
        Assert.Equal(CoordinationErrorCode.InvalidArgument, ((CoordinationError)c.Acquire("s", 2, 3, 2, 4).Result).Code);
        Assert.Equal(CoordinationErrorCode.InvalidArgument, ((CoordinationError)c.Lock("", 2, 5).Result).Code);
        Assert.Equal(CoordinationErrorCode.NotHolder, ((CoordinationError)c.Release("m", 2, 6).Result).Code);
        c.Lock("m", 2, 7);
        Assert.Equal(CoordinationErrorCode.AlreadyWaiting, ((CoordinationError)c.Lock("x", 2, 8, tryOnly: true).Result).Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Lock("y", 3, 7));
    }

    [Fact]
    public void Lock_FailCheapestPolicy_FailsTheYoungestLightestWaiterNotTheNewest()
    {
        // Default weights: cost = 1·age − 1·held − 1·needed (no priority, no earlier victimisation).
        var c = new Coordinator(new CoordinatorOptions(Policy: DeadlockPolicy.FailCheapest));
        c.Lock("m2", 2, 1, "B");          // B is old (age 59 at revision 60)
        c.Lock("m1", 1, 50, "A");         // A is young (age 10)
        c.Lock("m1", 2, 55);              // B waits for A
        var outcome = c.Lock("m2", 1, 60); // A closes the cycle; cheapest is A (10−1−1 = 8 < 59−1−1 = 57)
        var error = Assert.IsType<CoordinationError>(outcome.Result);
        Assert.Equal(1, error.Deadlock!.Victim);

        var c2 = new Coordinator(new CoordinatorOptions(Policy: DeadlockPolicy.FailCheapest));
        c2.Lock("m1", 1, 1, "A");          // A old
        c2.Lock("m2", 2, 50, "B");         // B young
        c2.Lock("m2", 1, 55);              // A waits for B
        var o2 = c2.Lock("m1", 2, 60);     // B closes; B cheapest (8 < 57) — same as newest
        Assert.Equal(2, Assert.IsType<CoordinationError>(o2.Result).Deadlock!.Victim);

        var c4 = new Coordinator(new CoordinatorOptions(Policy: DeadlockPolicy.FailCheapest));
        c4.Lock("m1", 1, 1, "A");          // A old (age 59)
        c4.Lock("m2", 2, 40, "B");         // B young (age 20)
        c4.Lock("m1", 2, 45);              // B waits for A
        var o4 = c4.Lock("m2", 1, 60);     // A closes the cycle but B is cheaper: B's wait fails, A keeps waiting
        Assert.IsType<Queued>(o4.Result);
        var failed = Assert.IsType<WaitFailed>(Assert.Single(o4.Notifications));
        Assert.Equal(2, failed.Lease);
        Assert.Equal(CoordinationErrorCode.Deadlock, failed.Error.Code);
    }
}
