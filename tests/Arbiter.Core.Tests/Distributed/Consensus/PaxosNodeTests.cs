using Arbiter.Core.Distributed.Consensus;

namespace Arbiter.Core.Tests.Distributed.Consensus;

public class PaxosNodeTests
{
    private static HandNetwork<PaxosMessage, PaxosRecord> Group(int proposers, int acceptors, int seed = 1)
    {
        var roles = PaxosRoles.Split(proposers, acceptors, TimeSpan.FromMilliseconds(10));
        return new(proposers + acceptors, id => new PaxosNode(roles, id <= proposers ? $"v{id}" : null), seed);
    }

    private static ConsensusChecker Check(HandNetwork<PaxosMessage, PaxosRecord> network)
    {
        var checker = new ConsensusChecker();
        foreach (var (at, _, o) in network.Observations)
        {
            checker.Observe(at, o);
        }

        return checker;
    }

    [Fact]
    public void Run_OneProposer_ChosenWithTextbookMessageCount()
    {
        var network = Group(1, 3);
        network.StartAll();
        network.Run(1.0);

        var checker = Check(network);
        Assert.Empty(checker.Violations);
        Assert.Equal("v1", checker.Chosen);
        // 3 prepares, 3 promises, 3 accepts, 3 accepted (one learner): (3 + P)·A = 12.
        Assert.Equal(12, network.Sent.Count);
    }

    [Fact]
    public void Receive_PromiseCarriesAcceptedValue_ProposerAdoptsIt()
    {
        // P2c by hand: acceptor 3 already accepted (1.2, "old"); proposer 1's phase 2 must carry "old", not "v1".
        var roles = PaxosRoles.Split(2, 3, TimeSpan.FromMilliseconds(10));
        var proposer = new PaxosNode(roles, "v1");
        var context = new SingleCallContext<PaxosMessage, PaxosRecord>(1, [1, 2, 3, 4, 5]);
        proposer.Start(context);
        proposer.Fire(context, "paxos.retry");
        var ballot = ((PaxosMessage.Prepare)context.Sent[0].Message).Ballot;
        context.Sent.Clear();

        proposer.Receive(context, 3, new PaxosMessage.Promise(ballot, new Ballot(1, 2), "old"));
        proposer.Receive(context, 4, new PaxosMessage.Promise(ballot, Ballot.Zero, null));

        Assert.Equal(3, context.Sent.Count);
        Assert.All(context.Sent, s => Assert.Equal(new PaxosMessage.Accept(ballot, "old"), s.Message));
    }

    [Fact]
    public void Receive_PrepareBelowPromise_NackedAndAcceptRefused()
    {
        var roles = PaxosRoles.Split(2, 3, TimeSpan.FromMilliseconds(10));
        var acceptor = new PaxosNode(roles, null);
        var context = new SingleCallContext<PaxosMessage, PaxosRecord>(3, [1, 2, 3, 4, 5]);
        acceptor.Start(context);

        acceptor.Receive(context, 2, new PaxosMessage.Prepare(new Ballot(5, 2)));
        acceptor.Receive(context, 1, new PaxosMessage.Prepare(new Ballot(4, 1)));
        acceptor.Receive(context, 1, new PaxosMessage.Accept(new Ballot(4, 1), "v1"));

        Assert.Equal(new PaxosMessage.Nack(new Ballot(5, 2)), context.Sent[1].Message);
        Assert.Equal(new PaxosMessage.Nack(new Ballot(5, 2)), context.Sent[2].Message);
        Assert.Equal(new PaxosRecord(new Ballot(5, 2), Ballot.Zero, null, 0), context.Persisted[^1]);
    }

    [Fact]
    public void Start_RestartedAcceptor_KeepsItsPromise()
    {
        var roles = PaxosRoles.Split(2, 3, TimeSpan.FromMilliseconds(10));
        var acceptor = new PaxosNode(roles, null);
        var context = new SingleCallContext<PaxosMessage, PaxosRecord>(3, [1, 2, 3, 4, 5], [new PaxosRecord(new Ballot(5, 2), new Ballot(5, 2), "v2", 0)]);
        acceptor.Start(context);

        acceptor.Receive(context, 1, new PaxosMessage.Prepare(new Ballot(6, 1)));

        Assert.Equal(new PaxosMessage.Promise(new Ballot(6, 1), new Ballot(5, 2), "v2"), context.Sent[0].Message);
    }

    [Fact]
    public void Run_CompetingProposersWithLossDupAndAcceptorCrash_AgreementAndValidity()
    {
        for (int seed = 1; seed <= 60; seed++)
        {
            var random = new Random(seed);
            var network = Group(3, 5, seed);
            network.Fate = (_, _, _) => random.Next(8) switch { 0 => 0, 1 => 2, _ => 1 };
            network.StartAll();
            network.Run(0.02);
            network.Crash(4 + random.Next(5));
            network.Run(0.05);
            foreach (int id in network.Members.Where(m => !network.IsUp(m)))
            {
                network.Start(id);
            }

            network.Fate = (_, _, _) => 1;
            network.Run(3.0);

            var checker = Check(network);
            Assert.True(checker.Violations.Count == 0, $"seed {seed}: {string.Join("; ", checker.Violations)}");
            Assert.NotNull(checker.Chosen);
            Assert.All(Enumerable.Range(1, 3), p => Assert.Equal(checker.Chosen, ((PaxosNode)network.Node(p)).Decided));
        }
    }
}
