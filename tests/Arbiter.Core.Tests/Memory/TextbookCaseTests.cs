using Arbiter.Core.Memory.Paging;
using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Core.Tests.Memory;

/// <summary>Reference strings worked by hand (the expected frames below were computed on paper, not by the code).</summary>
public class TextbookCaseTests
{
    // Silberschatz, Operating System Concepts, §10.4 (Figs. 10.12, 10.15, 10.16): 3 frames.
    private static readonly long[] Classic = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1];
    private static readonly long[] Belady = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

    private static PagingRun Run(ReplacementPolicyKind kind, int frames, long[] trace, ulong seed = 0) =>
        PagingSimulator.Run(kind, frames, trace, seed);

    private static string Frames(PageAccess a) => string.Join(",", a.Frames.Select(f => f?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));

    [Theory]
    [InlineData(ReplacementPolicyKind.Fifo, 15)]
    [InlineData(ReplacementPolicyKind.Lru, 12)]
    [InlineData(ReplacementPolicyKind.Opt, 9)]
    [InlineData(ReplacementPolicyKind.Clock, 14)]
    public void Access_ClassicStringThreeFrames_TextbookFaultCounts(ReplacementPolicyKind kind, int faults)
    {
        Assert.Equal(faults, Run(kind, 3, Classic).Misses);
    }

    [Fact]
    public void Access_ClassicStringFifo_FramesAsInTheTextbookFigure()
    {
        var run = Run(ReplacementPolicyKind.Fifo, 3, Classic);

        // Fig. 10.12: the columns after each fault (frames read top to bottom = frame 0, 1, 2).
        string[] afterFaults = run.Accesses.Where(a => !a.Hit).Select(Frames).ToArray();
        Assert.Equal(new[]
        {
            "7,-,-", "7,0,-", "7,0,1", "2,0,1", "2,3,1", "2,3,0", "4,3,0", "4,2,0", "4,2,3", "0,2,3",
            "0,1,3", "0,1,2", "7,1,2", "7,0,2", "7,0,1",
        }, afterFaults);
        Assert.Equal(new long?[] { null, null, null, 7, 0, 1, 2, 3, 0, 4, 2, 3, 0, 1, 2 }, run.Accesses.Where(a => !a.Hit).Select(a => a.Evicted));
    }

    [Fact]
    public void Access_ClassicStringLru_FramesAsInTheTextbookFigure()
    {
        var run = Run(ReplacementPolicyKind.Lru, 3, Classic);

        // Fig. 10.16.
        Assert.Equal(new[]
        {
            "7,-,-", "7,0,-", "7,0,1", "2,0,1", "2,0,3", "4,0,3", "4,0,2", "4,3,2", "0,3,2", "1,3,2", "1,0,2", "1,0,7",
        }, run.Accesses.Where(a => !a.Hit).Select(Frames));
    }

    [Fact]
    public void Access_ClassicStringOpt_FramesAsInTheTextbookFigure()
    {
        var run = Run(ReplacementPolicyKind.Opt, 3, Classic);

        // Fig. 10.15.
        Assert.Equal(new[] { "7,-,-", "7,0,-", "7,0,1", "2,0,1", "2,0,3", "2,4,3", "2,0,3", "2,0,1", "7,0,1" },
            run.Accesses.Where(a => !a.Hit).Select(Frames));
    }

    [Fact]
    public void Access_ClassicStringClock_SecondChanceSweepsAsWorkedByHand()
    {
        var clock = new ClockPolicy(3);
        var evicted = new List<long?>();
        foreach (long page in Classic)
        {
            var r = clock.Access(page);
            if (!r.Hit)
            {
                evicted.Add(r.Evicted);
            }
        }

        // Worked by hand with bits set on load and the hand stopping one past the replaced frame.
        Assert.Equal(new long?[] { null, null, null, 7, 1, 2, 0, 3, 4, 2, 0, 3, 1, 2 }, evicted);
        Assert.Equal(new long?[] { 0, 7, 1 }, clock.Frames());
        Assert.Equal(0, clock.Hand);
        Assert.True(clock.Referenced(0) && clock.Referenced(1) && clock.Referenced(2));
    }

    [Fact]
    public void Access_BeladyStringFifo_NineFaultsWithThreeFramesTenWithFour()
    {
        Assert.Equal(9, Run(ReplacementPolicyKind.Fifo, 3, Belady).Misses);
        Assert.Equal(10, Run(ReplacementPolicyKind.Fifo, 4, Belady).Misses);
        var anomaly = Assert.Single(FrameSweep.Anomalies(FrameSweep.Run(ReplacementPolicyKind.Fifo, Belady, 1, 8)));
        Assert.Equal(new BeladyAnomaly(4, 10, 3, 9), anomaly);
    }

    [Fact]
    public void Access_BeladyStringLruSweep_MissesNeverIncrease()
    {
        long[] misses = FrameSweep.Run(ReplacementPolicyKind.Lru, Belady, 1, 8).Select(p => p.Misses).ToArray();

        Assert.Equal(new long[] { 12, 12, 10, 8, 5, 5, 5, 5 }, misses);
        Assert.Empty(FrameSweep.Anomalies(FrameSweep.Run(ReplacementPolicyKind.Lru, Belady, 1, 8)));
    }

    [Fact]
    public void Access_LoopLargerThanMemory_MruKeepsTheLoopLruMissesEverything()
    {
        // 0,1,2,3 looped three times through 3 frames. LRU: every reference evicts the page needed next (12 misses).
        // MRU by hand: 0,1,2 miss; 3 evicts 2 → [0,1,3]; 0 hit, 1 hit, 2 evicts 1 → [0,2,3]; 3 hit; 0 hit;
        // 1 evicts 0 → [1,2,3]; 2 hit; 3 hit: 6 misses.
        long[] loop = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];

        Assert.Equal(12, Run(ReplacementPolicyKind.Lru, 3, loop).Misses);
        var mru = Run(ReplacementPolicyKind.Mru, 3, loop);
        Assert.Equal(6, mru.Misses);
        Assert.Equal(new long?[] { 2, 1, 0 }, mru.Accesses.Where(a => a.Evicted is not null).Select(a => a.Evicted));
        Assert.Equal("1,2,3", Frames(mru.Accesses[^1]));
    }

    [Fact]
    public void Access_LfuTie_EvictsLeastRecentlyUsedOfTheLeastFrequent()
    {
        // 1 is referenced 3 times; 2 and 3 once each, 2 longer ago: 4 evicts 2. Then 5: counts 1:3, 3:1, 4:1 → 3 (older).
        var run = Run(ReplacementPolicyKind.Lfu, 3, [1, 1, 2, 3, 1, 4, 5]);

        Assert.Equal(new long?[] { 2, 3 }, run.Accesses.Where(a => a.Evicted is not null).Select(a => a.Evicted));
        Assert.Equal("1,4,5", Frames(run.Accesses[^1]));
    }

    [Fact]
    public void Access_LfuFrequentPage_SurvivesWhereLruEvictsIt()
    {
        // 1 is hot early; then 2,3,4,2,3,4 cycle through. LRU (3 frames) evicts 1 at the first 4; LFU keeps 1 (count 3).
        long[] trace = [1, 1, 1, 2, 3, 4, 2, 3, 4, 1];

        Assert.Equal(1, Run(ReplacementPolicyKind.Lru, 3, trace).Accesses[5].Evicted);
        var lfu = Run(ReplacementPolicyKind.Lfu, 3, trace);
        Assert.True(lfu.Accesses[^1].Hit);
    }

    [Fact]
    public void Access_RandomSeedZero_VictimFromTheFirstSplitMixDraw()
    {
        // SplitMix64 seeded with 0 first yields 0xE220A8397B1DCDAF (the published reference vector). The victim frame is
        // ⌊0xE220A839 × 3 / 2^32⌋ = ⌊2.65⌋ = 2, so 4 replaces page 3 (frame 2).
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
        var run = Run(ReplacementPolicyKind.Random, 3, [1, 2, 3, 4], seed: 0);

        Assert.Equal((3L, 2), (run.Accesses[^1].Evicted!.Value, run.Accesses[^1].Frame));
    }

    [Fact]
    public void Access_RandomSameSeed_SameRunDifferentSeedCanDiffer()
    {
        long[] trace = [.. Enumerable.Range(0, 200).Select(i => (long)((i * 7) % 13))];

        var a = Run(ReplacementPolicyKind.Random, 4, trace, seed: 42);
        var b = Run(ReplacementPolicyKind.Random, 4, trace, seed: 42);
        Assert.Equal(a.Accesses.Select(x => x.Evicted), b.Accesses.Select(x => x.Evicted));
        Assert.Contains(Enumerable.Range(1, 10), s => !Run(ReplacementPolicyKind.Random, 4, trace, (ulong)s).Accesses.Select(x => x.Evicted)
            .SequenceEqual(a.Accesses.Select(x => x.Evicted)));
    }

    [Fact]
    public void Access_ArcScanAfterReuse_KeepsTheReusedPagesThatLruLoses()
    {
        // 1 and 2 are used twice (they reach T2); a scan of new pages 3..8 then passes through T1 only.
        // ARC evicts scan pages from T1 (|T1| > p = 0) and keeps 1 and 2; LRU has lost them by the time they return.
        long[] trace = [1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2];

        var arc = Run(ReplacementPolicyKind.Arc, 3, trace);
        Assert.True(arc.Accesses[^1].Hit && arc.Accesses[^2].Hit);
        var lru = Run(ReplacementPolicyKind.Lru, 3, trace);
        Assert.False(lru.Accesses[^1].Hit || lru.Accesses[^2].Hit);
    }

    [Fact]
    public void Access_ArcGhostHitInB1_RaisesTheTargetOfT1()
    {
        // c = 2. 1,2 fill T1. 3: L1 = c and T1 = c → 1 dropped (no ghost). 4: |T1|+|B1| = 2 = c, T1 = 2 → 2 dropped.
        // Use 3 twice → T2 = {3}, T1 = {4}. 5: REPLACE: T1 = 1 > p = 0 → 4 to B1. 4 again: ghost hit in B1, p: 0 → 1.
        var arc = new ArcPolicy(2);
        foreach (long page in new long[] { 1, 2, 3, 4, 3, 5 })
        {
            arc.Access(page);
        }

        Assert.Equal((1, 1, 1, 0), arc.Sizes);
        Assert.Equal(0, arc.Target);
        var r = arc.Access(4);
        Assert.False(r.Hit);
        Assert.Equal(1, arc.Target);
    }

    [Fact]
    public void Access_OptTieAmongPagesNeverUsedAgain_EvictsLowestFrame()
    {
        // 1,2,3 fill frames 0,1,2 and none is used again, so 4 replaces the lowest frame (page 1). At 5, page 4 is
        // used again, so the candidates never used again are 2 (frame 1) and 3 (frame 2): 2 goes.
        var run = Run(ReplacementPolicyKind.Opt, 3, [1, 2, 3, 4, 5, 4]);

        Assert.Equal(new long?[] { 1, 2 }, run.Accesses.Where(a => a.Evicted is not null).Select(a => a.Evicted));
        Assert.True(run.Accesses[^1].Hit);
    }

    [Fact]
    public void Remove_ResidentPage_FreesItsFrameWhichTheNextMissTakes()
    {
        foreach (string name in ReplacementPolicies.Names.Where(n => n != "opt"))
        {
            Assert.True(ReplacementPolicies.TryParse(name, out var kind));
            var policy = ReplacementPolicies.Create(kind, 3, default, seed: 5);
            policy.Access(10);
            policy.Access(11);
            policy.Access(12);
            Assert.True(policy.Remove(11));
            Assert.False(policy.Remove(11));
            Assert.Equal(2, policy.Count);
            var r = policy.Access(13);
            Assert.Equal((false, 1, (long?)null), (r.Hit, r.Frame, r.Evicted));
            Assert.Equal(new long?[] { 10, 13, 12 }, policy.Frames());
            var full = policy.Access(14);
            Assert.False(full.Hit);
            Assert.NotNull(full.Evicted);
            Assert.Equal(3, policy.Count);
        }
    }

    [Fact]
    public void Access_OptDrivenOffItsTrace_Throws()
    {
        var opt = new OptPolicy(2, [1, 2, 3]);
        opt.Access(1);

        Assert.Throws<InvalidOperationException>(() => opt.Access(3));
    }
}
