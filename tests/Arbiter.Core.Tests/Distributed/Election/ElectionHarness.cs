using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Election;

namespace Arbiter.Core.Tests.Distributed.Election;

internal static class ElectionHarness
{
    public static readonly ElectionOptions Timing = ElectionOptions.For(TimeSpan.FromMilliseconds(1));

    public static HandNetwork<BullyMessage, ElectionVote> Bully(int n, ElectionOptions? options = null, int seed = 1) =>
        new(n, _ => new BullyNode(options ?? Timing), seed);

    public static HandNetwork<RingElectionMessage, ElectionVote> Ring(int n, ElectionOptions? options = null, int seed = 1) =>
        new(n, _ => new RingElectionNode(options ?? Timing), seed);

    public static ElectionChecker Check<TMessage>(HandNetwork<TMessage, ElectionVote> network)
        where TMessage : notnull
    {
        var checker = new ElectionChecker();
        foreach (var (at, _, observation) in network.Observations)
        {
            checker.Observe(at, observation);
        }

        checker.CheckAgreement(network.Members.Where(network.IsUp).Select(m => (m, (IElectionNode)network.Node(m))));
        return checker;
    }
}
