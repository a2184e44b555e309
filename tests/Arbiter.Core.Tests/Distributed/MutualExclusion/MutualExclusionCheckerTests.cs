using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.MutualExclusion;

namespace Arbiter.Core.Tests.Distributed.MutualExclusion;

public class MutualExclusionCheckerTests
{
    /// <summary>A deliberately broken mutex: it enters as soon as it wants, asking nobody.</summary>
    private sealed class Reckless(MutexWorkload workload) : MutexNode<int, NoRecord>(workload)
    {
        public override void Receive(INodeContext<int, NoRecord> context, int from, int message)
        {
        }

        protected override void Acquire(INodeContext<int, NoRecord> context) => Enter(context);

        protected override void Release(INodeContext<int, NoRecord> context)
        {
        }
    }

    [Fact]
    public void Check_BrokenMutex_Flagged()
    {
        var network = new HandNetwork<int, NoRecord>(3, _ => new Reckless(new MutexWorkload(5, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5))));
        MutexHarness.RunToCompletion(network, 15);

        var checker = MutexHarness.Check(network);

        Assert.NotEmpty(checker.Violations);
        Assert.Contains("while node", checker.Violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_HandWrittenOverlap_OneViolationAndWaits()
    {
        var checker = new MutualExclusionChecker();
        checker.Observe(TimeSpan.FromMilliseconds(0), 1, new CriticalSectionRequested(1, 1));
        checker.Observe(TimeSpan.FromMilliseconds(2), 2, new CriticalSectionRequested(2, 1));
        checker.Observe(TimeSpan.FromMilliseconds(3), 1, new CriticalSectionEntered(1, 1));
        checker.Observe(TimeSpan.FromMilliseconds(9), 2, new CriticalSectionEntered(2, 1));
        checker.Observe(TimeSpan.FromMilliseconds(10), 1, new CriticalSectionExited(1, 1));

        Assert.Single(checker.Violations);
        Assert.Equal(2, checker.Entries);
        Assert.Equal(TimeSpan.FromMilliseconds(7), checker.MaxWait);
    }

    [Fact]
    public void Crashed_NodeInside_LeavesTheSection()
    {
        var checker = new MutualExclusionChecker();
        checker.Observe(TimeSpan.Zero, 1, new CriticalSectionEntered(1, 1));
        checker.Crashed(1);
        checker.Observe(TimeSpan.FromMilliseconds(1), 2, new CriticalSectionEntered(2, 1));

        Assert.Empty(checker.Violations);
    }

    [Fact]
    public void CheckAllServed_RequestNeverServed_Flagged()
    {
        var checker = new MutualExclusionChecker();
        checker.Observe(TimeSpan.Zero, 3, new CriticalSectionRequested(3, 1));
        checker.CheckAllServed(TimeSpan.FromSeconds(1));

        Assert.Equal(["node 3 asked at 0 ms and was still waiting at 1000 ms"], checker.Violations);
    }
}
