using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

public class LockOrderValidatorTests
{
    private static LockTracker NewTracker(InversionPolicy policy = InversionPolicy.Report, List<LockOrderReport>? sink = null) =>
        new(new LockTrackerOptions { OnInversion = policy, InversionReported = sink is null ? null : r => { lock (sink) { sink.Add(r); } } });

    private static void Nested(HookedLock outer, HookedLock inner, int innerSubclass = 0)
    {
        outer.Enter();
        inner.Enter(innerSubclass);
        inner.Exit();
        outer.Exit();
    }

    [Fact]
    public void Validate_ConsistentOrderOnManyThreads_ReportsNothing()
    {
        using var tracker = NewTracker();
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");
        var c = new HookedLock(tracker, "C");
        Run.InParallel(10_000, [.. Enumerable.Range(0, 4).Select(i => ($"worker {i}", (Action)(() =>
        {
            for (int k = 0; k < 1000; k++)
            {
                a.Enter();
                b.Enter();
                c.Enter();
                c.Exit();
                b.Exit();
                a.Exit();
                Nested(a, c);
            }
        })))]);

        Assert.Empty(tracker.Validator!.Reports);
        Assert.Equal(3, tracker.Validator.Edges.Count); // A→B, B→C, A→C
    }

    [Fact]
    public void Validate_InversionOfTwoWithoutDeadlock_ReportedOnceWithBothEdges()
    {
        var seen = new List<LockOrderReport>();
        using var tracker = NewTracker(sink: seen);
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");

        // The two orders happen at different times: this run cannot deadlock, yet the inversion is found.
        Run.OnThread("first", () => Nested(a, b));
        Run.OnThread("second", () => { Nested(b, a); Nested(b, a); });
        Run.OnThread("third", () => Nested(b, a));

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Single(seen);
        Assert.Equal(LockOrderProblem.Inversion, report.Problem);
        Assert.Equal(["A", "B", "A"], report.Cycle);
        Assert.Equal(2, report.Edges.Count);
        Assert.Equal(("A", "B", "first"), (report.Edges[0].From, report.Edges[0].To, report.Edges[0].ThreadName));
        Assert.Equal(("B", "A", "second"), (report.Edges[1].From, report.Edges[1].To, report.Edges[1].ThreadName));
        Assert.Contains("lock-order inversion: A → B → A", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InversionOfThree_ReportedOnceWithTheClosingEdgeLast()
    {
        using var tracker = NewTracker();
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");
        var c = new HookedLock(tracker, "C");

        Run.OnThread("t1", () => Nested(a, b));
        Run.OnThread("t2", () => Nested(b, c));
        Assert.Empty(tracker.Validator!.Reports);
        Run.OnThread("t3", () => { Nested(c, a); Nested(c, a); });

        var report = Assert.Single(tracker.Validator.Reports);
        Assert.Equal(["A", "B", "C", "A"], report.Cycle);
        Assert.Equal(["t1", "t2", "t3"], report.Edges.Select(e => e.ThreadName));
        Assert.Equal(("C", "A"), (report.Edges[2].From, report.Edges[2].To));
    }

    [Fact]
    public void Validate_SameClassNestedWithoutAnnotation_ReportsRecursiveLocking()
    {
        using var tracker = NewTracker();
        var from = new HookedLock(tracker, "account");
        var to = new HookedLock(tracker, "account");

        Nested(from, to);

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Equal(LockOrderProblem.RecursiveLocking, report.Problem);
        Assert.Equal(["account", "account"], report.Cycle);
    }

    [Fact]
    public void Validate_SameClassNestedWithSubclass_ReportsNothing()
    {
        using var tracker = NewTracker();
        var from = new HookedLock(tracker, "account");
        var to = new HookedLock(tracker, "account");

        Nested(from, to, innerSubclass: 1);
        Nested(to, from, innerSubclass: 1);

        Assert.Empty(tracker.Validator!.Reports);
        Assert.Equal("account → account/1", tracker.Validator.Edges.Single().From + " → " + tracker.Validator.Edges.Single().To);
    }

    [Fact]
    public void Validate_TryAcquireOutOfOrder_AddsNoEdge()
    {
        using var tracker = NewTracker();
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");

        Nested(a, b);
        b.Enter();
        Assert.True(a.TryEnter()); // B then try A: cannot deadlock, so not an inversion
        a.Exit();
        b.Exit();

        Assert.Empty(tracker.Validator!.Reports);
    }

    [Fact]
    public void Validate_ThrowPolicy_ThrowsEveryTimeBeforeWaiting()
    {
        using var tracker = NewTracker(InversionPolicy.Throw);
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");
        Nested(a, b);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            b.Enter();
            var e = Assert.Throws<LockOrderViolationException>(() => a.Enter());
            Assert.Equal(["A", "B", "A"], e.Report!.Cycle);
            Assert.True(a.TryEnter(), "the refused acquisition must not have taken A");
            a.Exit();
            b.Exit();
        }

        Assert.Single(tracker.Validator!.Reports);
    }

    [Fact]
    public void Validate_CapturesTheStackOfTheFirstAcquisition()
    {
        using var tracker = NewTracker();
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");

        TakeAThenB(a, b);
        Nested(b, a);

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Contains(nameof(TakeAThenB), report.Edges[0].Stack, StringComparison.Ordinal);
        Assert.Contains(nameof(Validate_CapturesTheStackOfTheFirstAcquisition), report.Edges[1].Stack, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SteadyState_HitsTheChainCache()
    {
        using var tracker = NewTracker();
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");

        for (int i = 0; i < 100; i++)
        {
            Nested(a, b);
        }

        Assert.Equal(2, tracker.Validator!.ValidatedChains); // [A] and [A, B], validated once each
    }

    private static void TakeAThenB(HookedLock a, HookedLock b) => Nested(a, b);
}
