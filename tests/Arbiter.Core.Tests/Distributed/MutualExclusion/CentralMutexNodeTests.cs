using Arbiter.Core.Distributed.MutualExclusion;

namespace Arbiter.Core.Tests.Distributed.MutualExclusion;

public class CentralMutexNodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Run_NoFaults_ThreeMessagesPerEntry(int n)
    {
        var network = MutexHarness.Central(n, MutexHarness.Default);
        int total = (n - 1) * 4; // the coordinator makes no requests
        MutexHarness.RunToCompletion(network, total);

        var checker = MutexHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(total, checker.Entries);
        Assert.Equal(3 * total, network.Sent.Count);
    }

    [Fact]
    public void Receive_TwoRequests_GrantsInArrivalOrderOneAtATime()
    {
        var coordinator = new CentralMutexNode(MutexHarness.Default);
        var context = new SingleCallContext<CentralMessage, CentralRecord>(1, [1, 2, 3]);
        coordinator.Start(context);

        coordinator.Receive(context, 3, new CentralMessage.Request(30));
        coordinator.Receive(context, 2, new CentralMessage.Request(20));
        Assert.Equal([(3, (CentralMessage)new CentralMessage.Grant(30))], context.Sent);

        coordinator.Receive(context, 3, new CentralMessage.Release(30));
        Assert.Equal((2, (CentralMessage)new CentralMessage.Grant(20)), context.Sent[^1]);
        Assert.Equal(new CentralRecord(2, 20), context.Persisted[^1]);
    }

    [Fact]
    public void Receive_DuplicatedQueuedRequest_NotGrantedTwice()
    {
        var coordinator = new CentralMutexNode(MutexHarness.Default);
        var context = new SingleCallContext<CentralMessage, CentralRecord>(1, [1, 2, 3]);
        coordinator.Start(context);

        coordinator.Receive(context, 2, new CentralMessage.Request(7));
        coordinator.Receive(context, 3, new CentralMessage.Request(8));
        coordinator.Receive(context, 3, new CentralMessage.Request(8)); // duplicate while queued
        coordinator.Receive(context, 3, new CentralMessage.Release(99)); // stale release from a non-holder
        coordinator.Receive(context, 2, new CentralMessage.Release(7));
        coordinator.Receive(context, 3, new CentralMessage.Release(8));

        Assert.Equal([(2, (CentralMessage)new CentralMessage.Grant(7)), (3, new CentralMessage.Grant(8))], context.Sent);
    }

    [Fact]
    public void Receive_RequestResentByHolder_GrantResent()
    {
        var coordinator = new CentralMutexNode(MutexHarness.Default);
        var context = new SingleCallContext<CentralMessage, CentralRecord>(1, [1, 2]);
        coordinator.Start(context);

        coordinator.Receive(context, 2, new CentralMessage.Request(7));
        coordinator.Receive(context, 2, new CentralMessage.Request(7)); // the grant was lost

        Assert.Equal(2, context.Sent.Count(s => s.Message is CentralMessage.Grant { Id: 7 }));
    }

    [Fact]
    public void Start_CoordinatorRestartedAfterGrant_StillKnowsTheHolder()
    {
        var restarted = new CentralMutexNode(MutexHarness.Default);
        var context = new SingleCallContext<CentralMessage, CentralRecord>(1, [1, 2, 3], [new CentralRecord(2, 20)]);
        restarted.Start(context);

        restarted.Receive(context, 3, new CentralMessage.Request(30));
        Assert.Empty(context.Sent); // node 2 still holds it

        restarted.Receive(context, 2, new CentralMessage.Release(20));
        Assert.Equal([(3, (CentralMessage)new CentralMessage.Grant(30))], context.Sent);
    }

    [Fact]
    public void Run_DuplicatedMessages_StaysSafeAndServesAll()
    {
        for (int seed = 1; seed <= 30; seed++)
        {
            var random = new Random(seed);
            var network = MutexHarness.Central(4, MutexHarness.Default, seed);
            network.Fate = (_, _, _) => random.Next(3) == 0 ? 2 : 1;
            MutexHarness.RunToCompletion(network, 12);

            var checker = MutexHarness.Check(network);
            Assert.True(checker.Violations.Count == 0, $"seed {seed}: {string.Join("; ", checker.Violations)}");
            Assert.Equal(12, checker.Entries);
        }
    }
}
