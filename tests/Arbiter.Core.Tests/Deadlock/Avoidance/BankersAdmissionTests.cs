using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Resources;
using Arbiter.Core.Tests.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Avoidance;

public class BankersAdmissionTests
{
    // A scripted workload: each step is (request?, process, amounts); releases are clamped to what is held.
    private static readonly Gen<(ResourceLedger Ledger, (bool Request, int Process, int[] Amount)[] Steps)> Workloads =
        from ledger in StateGenerators.Ledger(1, 8)
        from steps in Gen.ArrayOf(
            from isRequest in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from process in Gen.Choose(0, ledger.ProcessCount - 1)
            from amount in Gen.ArrayOf(Gen.Choose(0, 3), ledger.ResourceCount)
            select (isRequest, process, amount))
        select (ledger, steps);

    [Fact]
    public void TryRequest_RandomWorkloads_DecidesLikeBankerAndGrantsExactlyTheSafeRequests()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(800), Prop.ForAll(Workloads.ToArbitrary(), w =>
        {
            ResourceLedger shadow = w.Ledger.Clone(); // changed by hand, independently of the controller
            var admission = new BankersAdmission(w.Ledger);
            foreach (var (isRequest, p, amount) in w.Steps)
            {
                if (isRequest)
                {
                    RequestOutcome expected = Banker.Request(shadow, p, amount).Outcome;
                    if (admission.Evaluate(p, amount) != expected || admission.TryRequest(p, amount) != expected)
                    {
                        return false;
                    }

                    if (expected == RequestOutcome.Granted)
                    {
                        shadow.Grant(p, amount);
                    }
                }
                else
                {
                    int[] release = amount.Select((x, r) => Math.Min(x, shadow.Allocation(p)[r])).ToArray();
                    admission.Release(p, release);
                    shadow.Release(p, release);
                }

                bool safeNow = Banker.CheckSafety(shadow).Safe;
                if (!w.Ledger.Available.SequenceEqual(shadow.Available)
                    || !w.Ledger.AllocationMatrix.SequenceEqual(shadow.AllocationMatrix)
                    || (admission.IsSafe && (!safeNow || !Oracles.ReplaysSafely(shadow, admission.SafeOrder.ToArray()))))
                {
                    return false;
                }
            }

            return true;
        }));

    [Fact]
    public void TryRequest_CachedOrderStillSafe_SettledByReplay()
    {
        // Silberschatz's state; the cached canonical order is P1, P3, P4, P0, P2 and stays safe with P1's request
        // (1,0,2) applied (worked in SeedExampleTests), so no full reduction is needed.
        var admission = new BankersAdmission(SeedExampleTests.Silberschatz());

        Assert.Equal(RequestOutcome.Granted, admission.TryRequest(1, [1, 0, 2]));
        Assert.Equal(1, admission.ReplayHits);
        Assert.Equal(0, admission.FullReductions);
        Assert.Equal([2, 3, 0], admission.Ledger.Available.ToArray());
    }

    [Fact]
    public void TryRequest_CachedOrderFailsButAnotherIsSafe_FallsBackAndCachesTheNewOrder()
    {
        // One type, total 8. P0 holds 1 of max 4 (Need 3); P1 holds 4 of max 6 (Need 2); Available 3.
        // Cached order: P0 (3 ≤ 3, Work 4), P1 (2 ≤ 4, Work 8) → [0, 1].
        // P1 requests 2: Available 1, P1 holds 6, Need 0. Replaying [0, 1]: P0 needs 3 > 1 — fails. But the full
        // reduction finds P1 (0 ≤ 1, Work 7) then P0 (3 ≤ 7): safe, order [1, 0].
        var admission = new BankersAdmission(Oracles.SingleType(8, (1, 4), (4, 6)));
        Assert.Equal([0, 1], admission.SafeOrder.ToArray());

        Assert.Equal(RequestOutcome.Granted, admission.TryRequest(1, [2]));
        Assert.Equal(0, admission.ReplayHits);
        Assert.Equal(1, admission.FullReductions);
        Assert.Equal([1, 0], admission.SafeOrder.ToArray());

        // P0 requests 1: Available 0, P0 holds 2, Need 2. Replay [1, 0]: P1 needs 0 (Work 6), P0 needs 2 ≤ 6. Hit.
        Assert.Equal(RequestOutcome.Granted, admission.TryRequest(0, [1]));
        Assert.Equal(1, admission.ReplayHits);
    }

    [Fact]
    public void TryRequest_Unsafe_LeavesLedgerUnchanged()
    {
        var admission = new BankersAdmission(SeedExampleTests.Silberschatz());
        Assert.Equal(RequestOutcome.Granted, admission.TryRequest(1, [1, 0, 2]));
        int[] before = admission.Ledger.AllocationMatrix.ToArray();

        Assert.Equal(RequestOutcome.Unsafe, admission.TryRequest(0, [0, 2, 0]));

        Assert.Equal(before, admission.Ledger.AllocationMatrix.ToArray());
        Assert.Equal([2, 3, 0], admission.Ledger.Available.ToArray());
        Assert.True(admission.IsSafe);
    }

    [Fact]
    public void Evaluate_ReplayHitOnLargeState_AllocatesNothing()
    {
        // 2,000 processes × 8 types, each holding 1 of every type with Need 1, Available 2 per type: safe in
        // index order. A request of 1 by the last process leaves Available 1, still enough for P0, so the cached
        // order replays successfully.
        const int n = 2000, m = 8;
        var processes = Enumerable.Range(0, n).Select(p => new ProcessSpec($"p{p}", Enumerable.Repeat(1, m).ToArray(), Enumerable.Repeat(2, m).ToArray())).ToArray();
        var ledger = ResourceLedger.FromSpec(new LedgerSpec(Enumerable.Range(0, m).Select(r => $"r{r}").ToArray(), Enumerable.Repeat(n + 2, m).ToArray(), null, processes));
        var admission = new BankersAdmission(ledger);
        int[] request = Enumerable.Repeat(1, m).ToArray();
        Assert.Equal(RequestOutcome.Granted, admission.Evaluate(n - 1, request)); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            _ = admission.Evaluate(n - 1, request);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(51, admission.ReplayHits);
    }

    [Fact]
    public void Release_AfterGrants_KeepsCachedOrderSafeWithoutRecomputing()
    {
        var admission = new BankersAdmission(SeedExampleTests.Silberschatz());
        int[] cached = admission.SafeOrder.ToArray();

        admission.Release(2, [3, 0, 0]);
        admission.ReleaseAll(4);

        Assert.Equal(cached, admission.SafeOrder.ToArray());
        Assert.True(Oracles.ReplaysSafely(admission.Ledger, cached));
        Assert.Equal(0, admission.FullReductions);
    }
}
