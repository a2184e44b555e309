using Arbiter.Core.Distributed.MutualExclusion;

namespace Arbiter.Core.Tests.Distributed.MutualExclusion;

public class TokenRingNodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Run_NoFaults_AllServedNoRegeneration(int n)
    {
        var network = MutexHarness.TokenRing(n, MutexHarness.Default);
        MutexHarness.RunToCompletion(network, n * 4);

        var checker = MutexHarness.Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal(n * 4, checker.Entries);
        Assert.Empty(network.Observed<TokenRegenerated>());
        Assert.All(network.Sent, s => Assert.IsType<TokenRingMessage.Token>(s.Message));
    }

    [Fact]
    public void Run_TokenDropped_OneNewTokenRegeneratedAndAllServed()
    {
        var network = MutexHarness.TokenRing(5, MutexHarness.Default);
        bool dropped = false;
        network.Fate = (_, _, m) =>
        {
            if (!dropped && m is TokenRingMessage.Token { Hop: 7 })
            {
                dropped = true;
                return 0;
            }

            return 1;
        };
        MutexHarness.RunToCompletion(network, 20);

        var checker = MutexHarness.Check(network);
        Assert.True(dropped);
        Assert.Empty(checker.Violations);
        Assert.Equal(20, checker.Entries);
        // Several nodes may time out; the epoch order makes exactly one of them create the new token.
        var regenerated = Assert.Single(network.Observed<TokenRegenerated>());
        Assert.Equal(1, regenerated.Epoch.Generation);
    }

    [Fact]
    public void Receive_DuplicateOfAcceptedHop_Dropped()
    {
        var node = new TokenRingNode(MutexHarness.Default, MutexHarness.RingOptions(3, MutexHarness.Default));
        var context = new SingleCallContext<TokenRingMessage, TokenRingRecord>(2, [1, 2, 3]);
        node.Start(context);
        var epoch = new TokenEpoch(0, 1);

        node.Receive(context, 1, new TokenRingMessage.Token(epoch, 1));
        node.Receive(context, 1, new TokenRingMessage.Token(epoch, 1));

        Assert.Equal([(3, (TokenRingMessage)new TokenRingMessage.Token(epoch, 2))], context.Sent);
    }

    [Fact]
    public void Receive_InvalidateWhileInCriticalSection_AnswersOnlyAfterLeavingAndDropsToken()
    {
        var node = new TokenRingNode(MutexHarness.Default, MutexHarness.RingOptions(3, MutexHarness.Default));
        var context = new SingleCallContext<TokenRingMessage, TokenRingRecord>(2, [1, 2, 3]);
        node.Start(context);
        node.Fire(context, "mutex.want");
        node.Receive(context, 1, new TokenRingMessage.Token(new TokenEpoch(0, 1), 1));
        Assert.True(node.InCriticalSection);

        var newer = new TokenEpoch(1, 3);
        node.Receive(context, 3, new TokenRingMessage.Invalidate(newer));
        Assert.Empty(context.Sent);

        node.Fire(context, "mutex.hold");
        Assert.Equal([(3, (TokenRingMessage)new TokenRingMessage.InvalidateAck(newer))], context.Sent);
        Assert.False(node.Holding);
        Assert.Equal(newer, node.Epoch);
    }

    [Fact]
    public void Run_LossAndDuplicationSweep_NeverTwoInside()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            var network = MutexHarness.TokenRing(4, MutexHarness.Default, seed);
            network.Fate = (_, _, _) => random.Next(20) switch { 0 => 0, 1 => 2, _ => 1 };
            MutexHarness.RunToCompletion(network, 16, limit: 30);

            var checker = MutexHarness.Check(network);
            Assert.True(checker.Violations.Count == 0, $"seed {seed}: {string.Join("; ", checker.Violations)}");
            Assert.Equal(16, checker.Entries);
        }
    }
}
