using Arbiter.Core.Distributed.MutualExclusion;

namespace Arbiter.Core.Tests.Distributed.MutualExclusion;

public class RicartAgrawalaNodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Run_NoFaults_Exactly2NMinus1MessagesPerEntry(int n)
    {
        var network = MutexHarness.RicartAgrawala(n, MutexHarness.Default);
        MutexHarness.RunToCompletion(network, n * 4);

        var checker = MutexHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(n * 4, checker.Entries);
        // Known result (Ricart & Agrawala 1981): N−1 requests and N−1 replies per entry.
        Assert.Equal(2 * (n - 1) * checker.Entries, network.Sent.Count);
    }

    [Fact]
    public void Receive_EqualTimestamps_LowerIdEntersFirst()
    {
        // Both ask at the same instant with the same Lamport time 1: (1, 1) < (1, 2), so node 2 replies, node 1 defers.
        var workload = new MutexWorkload(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5));
        var one = new RicartAgrawalaNode(workload);
        var two = new RicartAgrawalaNode(workload);
        one.Start(new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(1, [1, 2]));
        two.Start(new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(2, [1, 2]));
        one.Fire(new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(1, [1, 2]), "mutex.want");
        two.Fire(new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(2, [1, 2]), "mutex.want");
        Assert.True(one.Waiting && two.Waiting);
        Assert.Equal(1, one.Clock);
        Assert.Equal(1, two.Clock);

        var first = new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(1, [1, 2]);
        one.Receive(first, 2, new RicartAgrawalaMessage.Request(1));
        Assert.Empty(first.Sent); // node 1 defers: its own request (1, 1) comes first

        var second = new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(2, [1, 2]);
        two.Receive(second, 1, new RicartAgrawalaMessage.Request(1));
        Assert.Equal([(1, (RicartAgrawalaMessage)new RicartAgrawalaMessage.Reply(1))], second.Sent);

        one.Receive(first, 2, new RicartAgrawalaMessage.Reply(1));
        Assert.True(one.InCriticalSection);
        Assert.False(two.InCriticalSection);
    }

    [Fact]
    public void Receive_StaleReply_DoesNotCount()
    {
        var node = new RicartAgrawalaNode(new MutexWorkload(2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)));
        var context = new SingleCallContext<RicartAgrawalaMessage, ClockReservation>(1, [1, 2]);
        node.Start(context);
        node.Fire(context, "mutex.want");

        node.Receive(context, 2, new RicartAgrawalaMessage.Reply(node.Clock - 1)); // a reply to an older request

        Assert.True(node.Waiting);
        Assert.False(node.InCriticalSection);
    }

    [Fact]
    public void Start_AfterCrash_ClockResumesAboveEverythingAnswered()
    {
        var network = MutexHarness.RicartAgrawala(3, MutexHarness.Default);
        network.StartAll();
        network.Run(0.2);
        long before = ((RicartAgrawalaNode)network.Node(2)).Clock;
        Assert.True(before > 0);

        network.Crash(2);
        network.Start(2);

        Assert.True(((RicartAgrawalaNode)network.Node(2)).Clock >= before);
    }

    [Fact]
    public void Run_DuplicatedMessages_StaysSafe()
    {
        for (int seed = 1; seed <= 30; seed++)
        {
            var random = new Random(seed);
            var network = MutexHarness.RicartAgrawala(4, MutexHarness.Default, seed);
            network.Fate = (_, _, _) => random.Next(3) == 0 ? 2 : 1;
            MutexHarness.RunToCompletion(network, 16);

            var checker = MutexHarness.Check(network);
            Assert.True(checker.Violations.Count == 0, $"seed {seed}: {string.Join("; ", checker.Violations)}");
            Assert.Equal(16, checker.Entries);
        }
    }
}
