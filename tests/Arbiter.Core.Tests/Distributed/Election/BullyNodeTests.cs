using Arbiter.Core.Distributed.Election;

namespace Arbiter.Core.Tests.Distributed.Election;

public class BullyNodeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Run_NoFaults_HighestIdLeads(int n)
    {
        var network = ElectionHarness.Bully(n);
        network.StartAll();
        network.Run(0.5);

        var checker = ElectionHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(n, ((IElectionNode)network.Node(1)).Leader);
    }

    [Fact]
    public void Run_LeaderCrashes_HighestLiveIdElected()
    {
        var network = ElectionHarness.Bully(5);
        network.StartAll();
        network.Run(0.5);
        network.Crash(5);
        network.Run(1.0);
        network.Crash(4);
        network.Run(1.5);

        var checker = ElectionHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(3, ((IElectionNode)network.Node(1)).Leader);
        Assert.Equal([5, 4, 3], checker.Leaders.OrderBy(l => l.Key).Select(l => l.Value).Distinct());
    }

    [Fact]
    public void Run_LowestDetectsAlone_ElectionAnsweredByEveryHigherNode()
    {
        var timing = ElectionHarness.Timing with { Detectors = new HashSet<int> { 1 } };
        var network = ElectionHarness.Bully(5, timing);
        network.StartAll();
        network.Run(0.5);

        Assert.Single(network.Observed<LeaderElected>());
        // Node 1 starts; 2, 3, 4 take over in turn: elections from i reach the 5 − i higher ids.
        int elections = network.Count(m => m is BullyMessage.Election);
        Assert.InRange(elections, 4, 4 + 3 + 2 + 1);
        Assert.Equal(4, network.Count(m => m is BullyMessage.Coordinator));
    }

    [Fact]
    public void Run_RecoveredHighestNode_BulliesItsWayBack()
    {
        var network = ElectionHarness.Bully(4);
        network.StartAll();
        network.Run(0.5);
        network.Crash(4);
        network.Run(1.0);
        Assert.Equal(3, ((IElectionNode)network.Node(1)).Leader);

        network.Start(4);
        network.Run(1.5);

        var checker = ElectionHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(4, ((IElectionNode)network.Node(1)).Leader);
    }

    [Fact]
    public void Run_ConcurrentDetectorsAndLossSweep_OneLeaderPerTerm()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            var timing = ElectionHarness.Timing with { Detectors = new HashSet<int> { 1, 2, 3 } };
            var network = ElectionHarness.Bully(5, timing, seed);
            network.Fate = (_, _, _) => random.Next(10) switch { 0 => 0, 1 => 2, _ => 1 };
            network.StartAll();
            network.Run(0.3);
            network.Crash(5);
            network.Run(1.0);
            network.Fate = (_, _, _) => 1; // healthy again: the election must terminate
            network.Run(2.0);

            var checker = ElectionHarness.Check(network);
            Assert.True(checker.Violations.Count == 0, $"seed {seed}: {string.Join("; ", checker.Violations)}");
            Assert.Equal(4, ((IElectionNode)network.Node(1)).Leader);
        }
    }
}
