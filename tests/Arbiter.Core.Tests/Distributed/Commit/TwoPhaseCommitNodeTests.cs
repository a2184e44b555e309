using Arbiter.Core.Distributed.Commit;

namespace Arbiter.Core.Tests.Distributed.Commit;

public class TwoPhaseCommitNodeTests
{
    private static readonly TwoPhaseOptions Options = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

    private static HandNetwork<TwoPhaseMessage, TwoPhaseRecord> Group(int participants, TwoPhaseOptions? options = null) =>
        new(participants + 1, _ => new TwoPhaseCommitNode(options ?? Options));

    private static AtomicityChecker Check(HandNetwork<TwoPhaseMessage, TwoPhaseRecord> network)
    {
        var checker = new AtomicityChecker();
        foreach (var (at, _, o) in network.Observations)
        {
            checker.Observe(at, o);
        }

        checker.CheckAllDecided(network.Members);
        return checker;
    }

    [Fact]
    public void Run_AllYes_CommitsWith4NMessages()
    {
        var network = Group(4);
        network.StartAll();
        network.Run(1.0);

        var checker = Check(network);
        Assert.Empty(checker.Violations);
        Assert.True(checker.Outcome);
        Assert.Equal(4 * 4, network.Sent.Count);
        Assert.Equal([TwoPhaseLogKind.Begin, TwoPhaseLogKind.Decision, TwoPhaseLogKind.End], network.Stored(1).Select(r => r.Kind));
    }

    [Fact]
    public void Run_OneVotesNo_EveryoneAborts()
    {
        var network = Group(3, Options with { VoteNo = new HashSet<int> { 3 } });
        network.StartAll();
        network.Run(1.0);

        var checker = Check(network);
        Assert.Empty(checker.Violations);
        Assert.False(checker.Outcome);
    }

    [Fact]
    public void Run_CoordinatorCrashesAfterPrepare_ParticipantsBlockUntilRecoveryAborts()
    {
        var network = Group(3);
        network.StartAll();
        network.Run(TimeSpan.FromMilliseconds(10.5)); // the prepares are out
        network.Crash(1);
        network.Run(0.5);

        // The blocking case: every participant voted yes and is stuck in the window of uncertainty.
        Assert.All(new[] { 2, 3, 4 }, p => Assert.True(((TwoPhaseCommitNode)network.Node(p)).Uncertain));
        Assert.Equal([2, 3, 4], network.Observed<ParticipantUncertain>().Select(u => u.Node).Distinct().Order());

        network.Start(1); // recovery: Begin logged, no decision: presumed abort
        network.Run(1.0);

        var checker = Check(network);
        Assert.Empty(checker.Violations);
        Assert.False(checker.Outcome);
        Assert.All(new[] { 2, 3, 4 }, p => Assert.False(((TwoPhaseCommitNode)network.Node(p)).Outcome));
    }

    [Fact]
    public void Run_CoordinatorCrashesAfterDecisionSentToNone_RecoveryResendsCommit()
    {
        var network = Group(2);
        // The commit decision is logged but every copy is lost: participants stay uncertain.
        network.Fate = (_, _, m) => m is TwoPhaseMessage.Decision ? 0 : 1;
        network.StartAll();
        network.Run(TimeSpan.FromMilliseconds(13));
        Assert.True(((TwoPhaseCommitNode)network.Node(1)).Outcome);
        network.Crash(1);
        network.Fate = (_, _, _) => 1;
        network.Run(0.3);
        network.Start(1);
        network.Run(1.0);

        var checker = Check(network);
        Assert.Empty(checker.Violations);
        Assert.True(checker.Outcome);
        Assert.All(new[] { 2, 3 }, p => Assert.True(((TwoPhaseCommitNode)network.Node(p)).Outcome));
    }

    [Fact]
    public void Observe_BrokenCommit_AtomicityViolationsFlagged()
    {
        var checker = new AtomicityChecker();
        checker.Observe(TimeSpan.Zero, new VoteCast(2, true));
        checker.Observe(TimeSpan.Zero, new VoteCast(3, false));
        checker.Observe(TimeSpan.FromMilliseconds(1), new TransactionDecided(1, true));
        checker.Observe(TimeSpan.FromMilliseconds(2), new TransactionDecided(3, false));

        Assert.Equal(2, checker.Violations.Count);
        Assert.Contains("AC2", checker.Violations[0], StringComparison.Ordinal);
        Assert.Contains("AC1", checker.Violations[1], StringComparison.Ordinal);
    }
}
