using Arbiter.Core.Distributed.Election;

namespace Arbiter.Core.Tests.Distributed.Election;

public class RingElectionNodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void Run_InitiatorFollowsTheHighest_Exactly3NMinus1RingMessages(int n)
    {
        // Node 1 is the successor of the highest (n): the worst case of Chang and Roberts from one initiator —
        // n−1 hops to reach n, n for n's id to go round, n for Elected.
        var timing = ElectionHarness.Timing with { Detectors = new HashSet<int> { 1 } };
        var network = ElectionHarness.Ring(n, timing);
        network.StartAll();
        network.Run(TimeSpan.FromSeconds(1), () => network.Observed<LeaderElected>().Any());

        Assert.Equal(n, Assert.Single(network.Observed<LeaderElected>()).Leader);
        int ring = network.Count(m => m is RingElectionMessage.Election or RingElectionMessage.Elected);
        Assert.Equal(3 * n - 1, ring);
    }

    [Fact]
    public void Run_AnySingleInitiator_AtMost3NMinus1RingMessages()
    {
        for (int initiator = 1; initiator <= 6; initiator++)
        {
            var timing = ElectionHarness.Timing with { Detectors = new HashSet<int> { initiator } };
            var network = ElectionHarness.Ring(6, timing);
            network.StartAll();
            network.Run(TimeSpan.FromSeconds(1), () => network.Observed<LeaderElected>().Any());

            Assert.Equal(6, Assert.Single(network.Observed<LeaderElected>()).Leader);
            Assert.InRange(network.Count(m => m is RingElectionMessage.Election or RingElectionMessage.Elected), 2 * 6, 3 * 6 - 1);
        }
    }

    [Fact]
    public void Run_ConcurrentInitiators_OnlyTheHighestCompletes()
    {
        var timing = ElectionHarness.Timing with { Detectors = new HashSet<int> { 1, 2, 3, 4 } };
        var network = ElectionHarness.Ring(6, timing);
        network.StartAll();
        network.Run(1.0);

        var checker = ElectionHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(6, Assert.Single(network.Observed<LeaderElected>()).Leader);
        Assert.Equal(4, network.Observed<ElectionStarted>().Count());
    }

    [Fact]
    public void Run_LeaderCrashesThenNodeDiesDuringElection_SkippedAndHighestLiveLeads()
    {
        var network = ElectionHarness.Ring(6);
        network.StartAll();
        network.Run(0.5);
        network.Crash(6);
        // Wait until an election is under way, then kill the node that would win it.
        network.Run(TimeSpan.FromSeconds(2), () => network.Observed<ElectionStarted>().Any(e => e.Term > 1));
        network.Crash(5);
        network.Run(2.0);

        var checker = ElectionHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(4, ((IElectionNode)network.Node(1)).Leader);
    }

    [Fact]
    public void Run_LossAndDuplicationSweep_OneLeaderPerTermAndAgreement()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            var network = ElectionHarness.Ring(5, seed: seed);
            network.Fate = (_, _, _) => random.Next(10) switch { 0 => 0, 1 => 2, _ => 1 };
            network.StartAll();
            network.Run(0.3);
            network.Crash(5);
            network.Run(1.0);
            network.Fate = (_, _, _) => 1;
            network.Run(2.5);

            var checker = ElectionHarness.Check(network);
            // Agreement on a live leader (checked above); under loss it need not be the highest: a ring election
            // elects the highest node its message met, and a node skipped as dead is only heard of later.
            Assert.True(checker.Violations.Count == 0, $"seed {seed}: {string.Join("; ", checker.Violations)}");
        }
    }
}
