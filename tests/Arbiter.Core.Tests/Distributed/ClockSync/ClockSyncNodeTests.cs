using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.ClockSync;

namespace Arbiter.Core.Tests.Distributed.ClockSync;

public class ClockSyncNodeTests
{
    private static readonly ClockSyncOptions Options = new(TimeSpan.FromSeconds(1));

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Cristian_ReplyAfterRoundTrip_ServerTimePlusHalfRtt()
    {
        // Asked at local 100 ms, server said 500 ms, answer arrived at local 120 ms: server now ≈ 510, offset = 390.
        var node = new CristianNode(Options);
        var context = new SingleCallContext<ClockSyncMessage, NoRecord>(2, [1, 2]) { Now = Ms(100) };
        node.Start(context);
        node.Fire(context, "clocksync.sync");
        context.Now = Ms(120);

        node.Receive(context, 1, new ClockSyncMessage.TimeReply(1, Ms(100), Ms(500), Ms(500)));

        Assert.Equal(Ms(390), node.Offset);
        Assert.Equal(new ClockCorrected(2, Ms(390), Ms(10), Ms(20)), Assert.Single(context.Observed));
    }

    [Fact]
    public void Ntp_FourTimestamps_ThetaAndDelta()
    {
        // t1 = 100, t2 = 205, t3 = 207, t4 = 120 (RFC 5905 §8): θ = ((205−100) + (207−120)) / 2 = 96, δ = 20 − 2 = 18.
        var node = new NtpNode(Options);
        var context = new SingleCallContext<ClockSyncMessage, NoRecord>(2, [1, 2]) { Now = Ms(100) };
        node.Start(context);
        node.Fire(context, "clocksync.sync");
        context.Now = Ms(120);

        node.Receive(context, 1, new ClockSyncMessage.TimeReply(1, Ms(100), Ms(205), Ms(207)));

        Assert.Equal(Ms(96), node.Offset);
        Assert.Equal(Ms(18), ((ClockCorrected)context.Observed[0]).Delay);
    }

    [Fact]
    public void Ntp_ClockFilter_KeepsTheLeastDelayedSample()
    {
        var node = new NtpNode(Options);
        var context = new SingleCallContext<ClockSyncMessage, NoRecord>(2, [1, 2]);
        node.Start(context);
        // Sample 1: quick (δ = 2), θ = 50. Sample 2: slow and asymmetric (δ = 40), θ = 70.
        node.Fire(context, "clocksync.sync");
        context.Now = Ms(2);
        node.Receive(context, 1, new ClockSyncMessage.TimeReply(1, Ms(0), Ms(51), Ms(51)));
        context.Now = Ms(1000);
        node.Fire(context, "clocksync.sync");
        context.Now = Ms(1040);
        node.Receive(context, 1, new ClockSyncMessage.TimeReply(2, Ms(1000), Ms(1090), Ms(1090)));

        Assert.Equal(Ms(50), node.Offset);
    }

    [Fact]
    public void Cristian_DuplicateOrStaleReply_Ignored()
    {
        var node = new CristianNode(Options);
        var context = new SingleCallContext<ClockSyncMessage, NoRecord>(2, [1, 2]);
        node.Start(context);
        node.Fire(context, "clocksync.sync");
        context.Now = Ms(10);
        node.Receive(context, 1, new ClockSyncMessage.TimeReply(1, Ms(0), Ms(100), Ms(100)));
        node.Receive(context, 1, new ClockSyncMessage.TimeReply(1, Ms(0), Ms(900), Ms(900)));

        Assert.Single(context.Observed);
        Assert.Equal(Ms(95), node.Offset);
    }

    [Fact]
    public void Berkeley_MasterAverages_SlavesMoveToTheAverageOnce()
    {
        var network = new HandNetwork<ClockSyncMessage, NoRecord>(3, _ => new BerkeleyNode(Options));
        network.Latency = TimeSpan.Zero; // all clocks equal: the average is 0 and nobody moves
        network.Fate = (_, _, m) => m is ClockSyncMessage.Adjust ? 2 : 1; // duplicated adjustments
        network.StartAll();
        network.Run(2.5);

        Assert.All(network.Members, m => Assert.Equal(TimeSpan.Zero, ((ISynchronizedClock)network.Node(m)).Offset));
        Assert.Equal(3 * 3, network.Observed<ClockCorrected>().Count()); // 3 rounds, one correction per node each
    }

    [Fact]
    public void Checker_CorrectionBeyondItsBound_Flagged()
    {
        var checker = new ClockSyncChecker(TimeSpan.Zero);
        checker.Observe(Ms(1000), Ms(990), new ClockCorrected(2, Ms(5), Ms(10), Ms(20))); // 5 ms off, bound 10: fine
        checker.Observe(Ms(2000), Ms(1990), new ClockCorrected(2, Ms(30), Ms(10), Ms(20))); // 20 ms off: broken

        Assert.Single(checker.Violations);
        Assert.Equal(Ms(20), checker.WorstError);
    }
}
