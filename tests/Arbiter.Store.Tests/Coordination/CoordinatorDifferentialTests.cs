using Arbiter.Store.Coordination;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Coordination;

/// <summary>Thousands of random operation sequences against <see cref="ReferenceCoordinator"/>, plus invariants.</summary>
public class CoordinatorDifferentialTests
{
    /// <summary>Op kinds: 0 lock, 1 try-lock, 2 read, 3 write, 4 acquire, 5 try-acquire, 6 release, 7 lease end.</summary>
    public sealed record Op(int Kind, int Slot, int Resource, int Units);

    public sealed record Run(int Permits0, int Permits1, Op[] Ops);

    private static readonly string[] Mutexes = ["m0", "m1", "m2"];

    private static Arbitrary<Run> Runs(int maxOps) => Arb.From(
        from p0 in Gen.Choose(1, 3)
        from p1 in Gen.Choose(1, 4)
        from count in Gen.Choose(1, maxOps)
        from ops in Gen.ArrayOf(
            from kind in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)),
                (3, Gen.Constant(4)), (1, Gen.Constant(5)), (5, Gen.Constant(6)), (1, Gen.Constant(7)))
            from slot in Gen.Choose(0, 3)
            from res in Gen.Choose(0, 5)
            from units in Gen.Choose(1, 4)
            select new Op(kind, slot, res, units),
            count)
        select new Run(p0, p1, ops));

    [Fact]
    public void Apply_RandomSequences_SameResultsGrantsAndDeadlocksAsFullReductionReference()
    {
        Prop.ForAll(Runs(40), run => Check(run, CoordinatorOptions.Default, compare: true))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Apply_RandomSequencesFailCheapest_NoDeadlockEverSurvivesAndInvariantsHold()
    {
        Prop.ForAll(Runs(40), run => Check(run, new CoordinatorOptions(Policy: DeadlockPolicy.FailCheapest), compare: false))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Restore_SnapshotMidRun_RestoredCoordinatorBehavesIdentically()
    {
        Prop.ForAll(Runs(40), Gen.Choose(0, 40).ToArbitrary(), (run, cut) =>
        {
            var resources = Resources(run);
            var a = new Coordinator();
            var leases = new long[4];
            int k = Math.Min(cut, run.Ops.Length);
            for (int i = 0; i < k; i++)
            {
                Describe(Apply(a, run.Ops[i], resources, leases, i + 1));
            }

            var b = Coordinator.Restore(a.Snapshot());
            Assert.Equal(a.Snapshot(), b.Snapshot());
            var leasesB = (long[])leases.Clone();
            for (int i = k; i < run.Ops.Length; i++)
            {
                Assert.Equal(Describe(Apply(a, run.Ops[i], resources, leases, i + 1)), Describe(Apply(b, run.Ops[i], resources, leasesB, i + 1)));
                Assert.Equal(Describe(a.Graph()), Describe(b.Graph()));
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static Dictionary<string, (char Kind, int Capacity)> Resources(Run run) => new()
    {
        ["m0"] = ('m', 1), ["m1"] = ('m', 1), ["m2"] = ('m', 1), ["rw"] = ('r', 1), ["s0"] = ('s', run.Permits0), ["s1"] = ('s', run.Permits1),
    };

    private static bool Check(Run run, CoordinatorOptions options, bool compare)
    {
        var resources = Resources(run);
        var c = new Coordinator(options);
        var reference = new ReferenceCoordinator(resources);
        var leases = new long[4];
        var refLeases = new long[4];
        var lastToken = new Dictionary<string, long>();
        for (int i = 0; i < run.Ops.Length; i++)
        {
            long rev = i + 1;
            var op = run.Ops[i];
            var outcome = Apply(c, op, resources, leases, rev);
            var (refResult, refNotes, refStuck) = ApplyReference(reference, op, resources, refLeases, rev, c, outcome);
            string got = Describe(outcome);
            if (compare)
            {
                Assert.Equal(Describe(refResult, refNotes), got);
                if (outcome.Result is CoordinationError { Code: CoordinationErrorCode.Deadlock } e)
                {
                    Assert.Contains(e.Lease, refStuck);
                    Assert.Subset(refStuck.ToHashSet(), e.Deadlock!.Deadlocked.ToHashSet());
                }

                Assert.Equal(DescribeState(reference), DescribeState(c.Graph()));
            }

            CheckInvariants(c, resources, outcome, lastToken, rev);
        }

        return true;
    }

    /// <summary>Invariants on the coordinator alone: exclusion, capacity, increasing tokens, no deadlock left.</summary>
    private static void CheckInvariants(Coordinator c, Dictionary<string, (char Kind, int Capacity)> resources, CoordinationOutcome outcome, Dictionary<string, long> lastToken, long rev)
    {
        var g = c.Graph();
        foreach (var r in g.Resources)
        {
            var holds = g.Holds.Where(h => h.Resource == r.Name).ToList();
            switch (resources[r.Name].Kind)
            {
                case 'm':
                    Assert.True(holds.Count <= 1, $"two holders of mutex {r.Name}");
                    break;
                case 's':
                    Assert.True(holds.Sum(h => h.Units) <= resources[r.Name].Capacity, $"more than N permits of {r.Name}");
                    break;
                default:
                    Assert.True(holds.All(h => !h.Exclusive) || holds.Count == 1, "a writer shares the lock");
                    break;
            }

            // FIFO: queue positions are 0..n−1 in order of arrival.
            var waits = g.Waits.Where(w => w.Resource == r.Name).ToList();
            Assert.Equal(waits.OrderBy(w => w.Since).Select(w => w.Lease), waits.OrderBy(w => w.Position).Select(w => w.Lease));
        }

        var grants = outcome.Notifications.OfType<WaiterGranted>().Select(n => (n.Resource, n.Token)).ToList();
        if (outcome.Result is Granted gr)
        {
            grants.Add((gr.Resource, gr.Token));
        }

        foreach (var (res, token) in grants)
        {
            Assert.Equal(rev, token);
            Assert.True(!lastToken.TryGetValue(res, out long last) || token > last || token == rev, "tokens increase");
        }

        foreach (var (res, token) in grants)
        {
            lastToken[res] = token;
        }

        // No deadlock survives an operation: rebuild the state in a fresh reference and reduce it.
        var check = new ReferenceCoordinator(resources);
        foreach (var h in g.Holds)
        {
            check.Holders[h.Resource].Add(new ReferenceCoordinator.Holding(h.Lease, h.Units, h.Exclusive, h.Token));
        }

        foreach (var w in g.Waits.OrderBy(w => w.Position))
        {
            check.Queues[w.Resource].Add(new ReferenceCoordinator.Waiter(w.Lease, w.Units, w.Exclusive, w.Since));
        }

        Assert.Empty(check.Stuck());
    }

    private static CoordinationOutcome Apply(Coordinator c, Op op, Dictionary<string, (char Kind, int Capacity)> resources, long[] leases, long rev)
    {
        long lease = leases[op.Slot] * 10 + op.Slot + 1;
        string mutex = Mutexes[op.Resource % 3];
        string sem = op.Resource % 2 == 0 ? "s0" : "s1";
        int permits = resources[sem].Capacity;
        int units = Math.Min(op.Units, permits);
        string any = resources.Keys.Order(StringComparer.Ordinal).ElementAt(op.Resource);
        switch (op.Kind)
        {
            case 0: return c.Lock(mutex, lease, rev);
            case 1: return c.Lock(mutex, lease, rev, tryOnly: true);
            case 2: return c.ReadLock("rw", lease, rev);
            case 3: return c.WriteLock("rw", lease, rev);
            case 4: return c.Acquire(sem, permits, units, lease, rev);
            case 5: return c.Acquire(sem, permits, units, lease, rev, tryOnly: true);
            case 6: return c.Release(any, lease, rev);
            default:
                leases[op.Slot]++; // the slot's next session gets a fresh lease id
                return c.LeaseEnded(lease, rev);
        }
    }

    private static (string, List<string>, List<long>) ApplyReference(
        ReferenceCoordinator r, Op op, Dictionary<string, (char Kind, int Capacity)> resources, long[] leases, long rev, Coordinator _, CoordinationOutcome __)
    {
        long lease = leases[op.Slot] * 10 + op.Slot + 1;
        string mutex = Mutexes[op.Resource % 3];
        string sem = op.Resource % 2 == 0 ? "s0" : "s1";
        int units = Math.Min(op.Units, resources[sem].Capacity);
        string any = resources.Keys.Order(StringComparer.Ordinal).ElementAt(op.Resource);
        switch (op.Kind)
        {
            case 0: return r.Request(mutex, lease, 1, true, false, rev);
            case 1: return r.Request(mutex, lease, 1, true, true, rev);
            case 2: return r.Request("rw", lease, 1, false, false, rev);
            case 3: return r.Request("rw", lease, 1, true, false, rev);
            case 4: return r.Request(sem, lease, units, false, false, rev);
            case 5: return r.Request(sem, lease, units, false, true, rev);
            case 6:
                var (res, notes) = r.Release(any, lease, rev);
                return (res, notes, []);
            default:
                leases[op.Slot]++;
                var (cleared, n) = r.EndLease(lease, rev);
                return (cleared, n, []);
        }
    }

    private static string Describe(string result, List<string> notes) => result + (notes.Count > 0 ? " | " + string.Join("; ", notes) : "");

    private static string Describe(CoordinationOutcome o)
    {
        string result = o.Result switch
        {
            Granted g => $"Granted {g.Resource} {g.Lease} {g.Token}",
            Queued => "Queued",
            Busy => "Busy",
            Released r => $"Released {r.Resource} {r.Lease} {r.Units}",
            WaitCancelled w => $"Cancelled {w.Resource} {w.Lease}",
            LeaseCleared l => $"Cleared {l.Lease} {l.Released} {l.WaitsDropped}",
            CoordinationError e => $"Error {e.Code}",
            var x => x.ToString()!,
        };
        var notes = o.Notifications.Select(n => n switch
        {
            WaiterGranted g => $"G {g.Resource} {g.Lease} {g.Token} {g.Since}",
            var x => x.ToString()!,
        }).ToList();
        return Describe(result, notes);
    }

    private static string Describe(CoordinationGraph g) => string.Join("\n",
        g.Owners.Select(o => o.ToString()).Concat(g.Resources.Select(r => r.ToString())).Concat(g.Holds.Select(h => h.ToString()))
            .Concat(g.Waits.Select(w => w.ToString())).Concat(g.WaitsFor.Select(w => w.ToString())));

    private static string DescribeState(ReferenceCoordinator r) => string.Join("\n",
        r.Holders.Keys.Order(StringComparer.Ordinal).SelectMany(k => r.Holders[k].Select(h => $"H {k} {h.Lease} {h.Units} {h.Exclusive} {h.Token}"))
            .Concat(r.Queues.Keys.Order(StringComparer.Ordinal).SelectMany(k => r.Queues[k].Select(w => $"W {k} {w.Lease} {w.Units} {w.Exclusive} {w.Since}"))));

    private static string DescribeState(CoordinationGraph g) => string.Join("\n",
        g.Holds.Select(h => $"H {h.Resource} {h.Lease} {h.Units} {h.Exclusive} {h.Token}")
            .Concat(g.Waits.Select(w => $"W {w.Resource} {w.Lease} {w.Units} {w.Exclusive} {w.Since}")));
}
