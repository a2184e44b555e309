using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Election;

namespace Arbiter.Core.Tests.Distributed.Election;

public class ElectionCheckerTests
{
    /// <summary>A deliberately broken election: every node that misses a leader declares itself leader of term 1.</summary>
    private sealed class SelfCrowning : INode<int, NoRecord>
    {
        public void Start(INodeContext<int, NoRecord> context) => context.SetTimer("watch", TimeSpan.FromMilliseconds(10));

        public void Receive(INodeContext<int, NoRecord> context, int from, int message)
        {
        }

        public void Fire(INodeContext<int, NoRecord> context, string timer) => context.Observe(new LeaderElected(context.Self, 1));
    }

    [Fact]
    public void Observe_BrokenElection_Flagged()
    {
        var network = new HandNetwork<int, NoRecord>(3, _ => new SelfCrowning());
        network.StartAll();
        network.Run(1.0);

        var checker = new ElectionChecker();
        foreach (var (at, _, observation) in network.Observations)
        {
            checker.Observe(at, observation);
        }

        Assert.Equal(2, checker.Violations.Count);
        Assert.Contains("which node 1 already leads", checker.Violations[0], StringComparison.Ordinal);
    }

    private sealed record State(int? Leader) : IElectionNode
    {
        public long Term => 1;

        public bool IsLeader => false;
    }

    [Fact]
    public void CheckAgreement_SplitFollowers_Flagged()
    {
        var checker = new ElectionChecker();
        Assert.Null(checker.CheckAgreement([(1, new State(3)), (2, new State(2)), (3, new State(3))]));
        Assert.Equal(3, new ElectionChecker().CheckAgreement([(1, new State(3)), (3, new State(3))]));
        Assert.Null(new ElectionChecker().CheckAgreement([(1, new State(3)), (2, new State(3))])); // leader 3 is down
    }
}
