using Arbiter.Core.Memory.Paging;
using Arbiter.Core.Memory.Replacement;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Memory;

public class ReplacementPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(3000);
    private static readonly ReplacementPolicyKind[] Kinds = Enum.GetValues<ReplacementPolicyKind>();

    [Fact]
    public void Access_EveryPolicyRandomTraces_SameHitsFramesAndEvictionsAsTheListReference()
    {
        Check.One(Config, Prop.ForAll(TraceGen.Traces(), c =>
        {
            foreach (var kind in Kinds)
            {
                var fast = ReplacementPolicies.Create(kind, c.Frames, c.Trace, c.Seed);
                var slow = new TextbookPolicy(kind, c.Frames, c.Trace, c.Seed);
                for (int i = 0; i < c.Trace.Length; i++)
                {
                    var f = fast.Access(c.Trace[i]);
                    var s = slow.Access(c.Trace[i]);
                    Assert.True(f == s, $"{kind}, {c.Frames} frames, reference {i} of [{string.Join(",", c.Trace)}]: fast {f}, list {s}");
                }

                Assert.Equal(slow.Frames(), fast.Frames());
            }
        }));
    }

    [Fact]
    public void Access_AdaptivePoliciesLongTraces_AgreeWithTheListReference()
    {
        // Longer strings over more pages reach ARC's ghost-list limits (|T1|+|B1| = c, total = 2c) and LFU's ties.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(TraceGen.Traces(maxLength: 400, maxPages: 40, maxFrames: 12), c =>
        {
            foreach (var kind in new[] { ReplacementPolicyKind.Arc, ReplacementPolicyKind.Lfu, ReplacementPolicyKind.Clock, ReplacementPolicyKind.Opt })
            {
                var fast = ReplacementPolicies.Create(kind, c.Frames, c.Trace, c.Seed);
                var slow = new TextbookPolicy(kind, c.Frames, c.Trace, c.Seed);
                foreach (long page in c.Trace)
                {
                    Assert.Equal(slow.Access(page), fast.Access(page));
                }
            }
        }));
    }

    [Fact]
    public void Access_AnyTrace_OptNeverFaultsMoreThanAnyPolicy()
    {
        Check.One(Config, Prop.ForAll(TraceGen.Traces(), c =>
        {
            long opt = PagingSimulator.CountMisses(new OptPolicy(c.Frames, c.Trace), c.Trace);
            foreach (var kind in Kinds)
            {
                Assert.True(opt <= PagingSimulator.CountMisses(ReplacementPolicies.Create(kind, c.Frames, c.Trace, c.Seed), c.Trace), kind.ToString());
            }
        }));
    }

    [Fact]
    public void Sweep_LruAndOpt_NeverShowBeladysAnomaly()
    {
        Check.One(Config, Prop.ForAll(TraceGen.Traces(maxLength: 80), c =>
        {
            foreach (var kind in new[] { ReplacementPolicyKind.Lru, ReplacementPolicyKind.Opt })
            {
                var points = FrameSweep.Run(kind, c.Trace, 1, 8);
                Assert.Empty(FrameSweep.Anomalies(points));
            }
        }));
    }

    [Fact]
    public void Access_AnyPolicy_InvariantsHold()
    {
        // Residency never exceeds capacity, a miss evicts only when full, the evicted page is gone and the new one is in
        // the frame reported, cold misses equal distinct pages while memory is not full.
        Check.One(Config, Prop.ForAll(TraceGen.Traces(), c =>
        {
            foreach (var kind in Kinds)
            {
                var policy = ReplacementPolicies.Create(kind, c.Frames, c.Trace, c.Seed);
                var resident = new HashSet<long>();
                foreach (long page in c.Trace)
                {
                    int before = policy.Count;
                    var r = policy.Access(page);
                    Assert.Equal(resident.Contains(page), r.Hit);
                    Assert.Equal(r.Evicted is not null, !r.Hit && before == c.Frames);
                    if (r.Evicted is { } gone)
                    {
                        Assert.True(resident.Remove(gone));
                        Assert.False(policy.Contains(gone));
                    }

                    resident.Add(page);
                    Assert.Equal(page, policy.PageInFrame(r.Frame));
                    Assert.Equal(resident.Count, policy.Count);
                    Assert.True(policy.Count <= c.Frames);
                }
            }
        }));
    }

    [Fact]
    public void Access_RandomRemovalsInterleaved_BookkeepingStaysConsistent()
    {
        // Removal (TLB invalidation) is not in the list reference: check it against a plain set instead.
        Check.One(Config, Prop.ForAll(TraceGen.Traces(), c =>
        {
            foreach (var kind in Kinds.Where(k => k != ReplacementPolicyKind.Opt))
            {
                var policy = ReplacementPolicies.Create(kind, c.Frames, default, c.Seed);
                var resident = new HashSet<long>();
                for (int i = 0; i < c.Trace.Length; i++)
                {
                    long page = c.Trace[i];
                    if (i % 3 == 2)
                    {
                        Assert.Equal(resident.Remove(page), policy.Remove(page));
                        continue;
                    }

                    var r = policy.Access(page);
                    Assert.Equal(resident.Contains(page), r.Hit);
                    if (r.Evicted is { } gone)
                    {
                        Assert.True(resident.Remove(gone));
                    }

                    resident.Add(page);
                    Assert.Equal(resident.Order(), policy.Frames().Where(f => f is not null).Select(f => f!.Value).Order());
                }
            }
        }));
    }
}
