using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Distributed.Clocks;

public class LogicalClockPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1500);

    private static void ForAllHistories(Action<RandomHistory> check) =>
        Check.One(Config, Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed => check(new RandomHistory(seed))));

    [Fact]
    public void VectorCompare_RandomHistories_BeforeExactlyWhenHappenedBefore()
        => ForAllHistories(h =>
        {
            for (int a = 0; a < h.Events.Count; a++)
            {
                for (int b = 0; b < h.Events.Count; b++)
                {
                    Assert.Equal(h.Reach[a, b], h.Events[a].Vector.HappenedBefore(h.Events[b].Vector));
                    bool concurrent = a != b && !h.Reach[a, b] && !h.Reach[b, a];
                    Assert.Equal(concurrent, h.Events[a].Vector.ConcurrentWith(h.Events[b].Vector));
                }
            }
        });

    [Fact]
    public void Lamport_RandomHistories_HappenedBeforeImpliesSmallerTimestamp()
        => ForAllHistories(h =>
        {
            for (int a = 0; a < h.Events.Count; a++)
            {
                for (int b = 0; b < h.Events.Count; b++)
                {
                    Assert.True(!h.Reach[a, b] || h.Events[a].Lamport < h.Events[b].Lamport);
                }
            }
        });

    [Fact]
    public void Hlc_RandomHistories_HappenedBeforeImpliesSmallerAndWallNeverBehindPhysical()
        => ForAllHistories(h =>
        {
            long maxPhysical = 0;
            for (int a = 0; a < h.Events.Count; a++)
            {
                maxPhysical = Math.Max(maxPhysical, h.Events[a].Physical);
                Assert.True(h.Events[a].Hlc.Wall >= h.Events[a].Physical);
                // Kulkarni et al., Theorem 2: l never exceeds the largest physical time seen anywhere.
                Assert.True(h.Events[a].Hlc.Wall <= maxPhysical);
                for (int b = 0; b < h.Events.Count; b++)
                {
                    Assert.True(!h.Reach[a, b] || h.Events[a].Hlc < h.Events[b].Hlc);
                }
            }
        });
}
