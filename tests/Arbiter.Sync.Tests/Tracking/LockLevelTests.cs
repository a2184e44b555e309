using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

public class LockLevelTests
{
    [Fact]
    public void Enter_IncreasingLevels_Succeeds()
    {
        var low = new HookedLock(null, "levels-ok-low", level: 1);
        var high = new HookedLock(null, "levels-ok-high", level: 2);

        low.Enter();
        high.Enter();
        high.Exit();
        low.Exit();
    }

    [Fact]
    public void Enter_LowerLevelWhileHoldingHigher_ThrowsBeforeWaiting()
    {
        var low = new HookedLock(null, "levels-bad-low", level: 1);
        var high = new HookedLock(null, "levels-bad-high", level: 2);

        high.Enter();
        var e = Assert.Throws<LockHierarchyViolationException>(() => low.Enter());
        high.Exit();

        Assert.Contains("'levels-bad-low' (level 1) while holding 'levels-bad-high' (level 2)", e.Message, StringComparison.Ordinal);
        low.Enter(); // nothing was taken by the refused attempt, and nothing is held now
        low.Exit();
    }

    [Fact]
    public void Enter_EqualLevel_Throws()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { ValidateOrder = false });
        var first = new HookedLock(tracker, "levels-equal-a", level: 3);
        var second = new HookedLock(tracker, "levels-equal-b", level: 3);

        first.Enter();
        Assert.Throws<LockHierarchyViolationException>(() => second.Enter());
        first.Exit();
    }

    [Fact]
    public void Exit_OutOfOrder_RecomputesTheHighestHeldLevel()
    {
        using var tracker = new LockTracker();
        var one = new HookedLock(tracker, "one", level: 1);
        var two = new HookedLock(tracker, "two", level: 2);
        var three = new HookedLock(tracker, "three", level: 3);

        one.Enter();
        two.Enter();
        two.Exit();   // now only level 1 is held …
        var again = new HookedLock(tracker, "two", level: 2);
        again.Enter(); // … so level 2 is allowed again
        three.Enter();
        three.Exit();
        again.Exit();
        one.Exit();
        Assert.Empty(tracker.Validator!.Reports);
    }

    [Fact]
    public void Create_NoTrackerAndNoLevel_IsUntracked()
    {
        var untracked = TrackedLock.Create(new LockOptions { Name = "free" }, LockKind.Mutex, 1, "", 0);

        Assert.Null(untracked);
    }

    [Fact]
    public void ClassFor_SameNameDifferentLevel_Throws()
    {
        using var tracker = new LockTracker();
        _ = new HookedLock(tracker, "x", level: 1);

        Assert.Throws<ArgumentException>(() => new HookedLock(tracker, "x", level: 2));
    }
}
