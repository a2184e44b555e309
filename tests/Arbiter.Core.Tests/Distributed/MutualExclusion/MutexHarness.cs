using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.MutualExclusion;

namespace Arbiter.Core.Tests.Distributed.MutualExclusion;

/// <summary>Builds the three algorithms on a hand network and runs them under the checker.</summary>
internal static class MutexHarness
{
    public static readonly MutexWorkload Default = new(4, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(5));

    public static HandNetwork<RicartAgrawalaMessage, ClockReservation> RicartAgrawala(int n, MutexWorkload workload, int seed = 1) =>
        new(n, _ => new RicartAgrawalaNode(workload), seed);

    public static HandNetwork<CentralMessage, CentralRecord> Central(int n, MutexWorkload workload, int seed = 1) =>
        new(n, _ => new CentralMutexNode(workload), seed);

    public static HandNetwork<TokenRingMessage, TokenRingRecord> TokenRing(int n, MutexWorkload workload, int seed = 1) =>
        new(n, _ => new TokenRingNode(workload, RingOptions(n, workload)), seed);

    public static TokenRingOptions RingOptions(int n, MutexWorkload workload) =>
        new(TimeSpan.FromTicks(3 * n * (workload.Hold + TimeSpan.FromMilliseconds(2)).Ticks), TimeSpan.FromMilliseconds(20));

    public static MutualExclusionChecker Check<TMessage, TRecord>(HandNetwork<TMessage, TRecord> network)
        where TMessage : notnull
    {
        var checker = new MutualExclusionChecker();
        // Crashes in these tests are placed outside the critical section; the simulator's checkers see them in order.
        foreach (var (at, node, observation) in network.Observations)
        {
            checker.Observe(at, node, observation);
        }

        return checker;
    }

    /// <summary>Runs until every node made all its entries (or <paramref name="limit"/> seconds of virtual time).</summary>
    public static void RunToCompletion<TMessage, TRecord>(HandNetwork<TMessage, TRecord> network, int total, double limit = 60)
        where TMessage : notnull
    {
        network.StartAll();
        network.Run(TimeSpan.FromSeconds(limit), () => network.Observed<CriticalSectionExited>().Count() >= total);
    }
}
