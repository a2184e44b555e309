using Arbiter.Core.Distributed.Commit;
using Arbiter.Core.Distributed.Consensus;
using Arbiter.Core.Distributed.Election;
using Arbiter.Core.Distributed.MutualExclusion;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Tests.Commands.Node;

public class NodeAlgorithmsTests
{
    private const string Peers = "1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003";

    public static TheoryData<object> Messages() =>
    [
        new RicartAgrawalaMessage.Request(7), new RicartAgrawalaMessage.Reply(7),
        new CentralMessage.Request(-5), new CentralMessage.Grant(3), new CentralMessage.Release(3),
        new TokenRingMessage.Token(new TokenEpoch(2, 3), 11), new TokenRingMessage.Invalidate(new TokenEpoch(1, 2)), new TokenRingMessage.InvalidateAck(new TokenEpoch(1, 2)),
        new BullyMessage.Election(4), new BullyMessage.Answer(4), new BullyMessage.Coordinator(4), new BullyMessage.CoordinatorAck(4), new BullyMessage.Heartbeat(4),
        new RingElectionMessage.Election(2, 5, 9), new RingElectionMessage.Elected(2, 5, 3, 10), new RingElectionMessage.HopAck(10), new RingElectionMessage.Heartbeat(2),
        new PaxosMessage.Prepare(new Ballot(1, 2)), new PaxosMessage.Promise(new Ballot(1, 2), new Ballot(0, 1), null), new PaxosMessage.Accept(new Ballot(1, 2), "v2"),
        new PaxosMessage.Accepted(new Ballot(1, 2), "v2"), new PaxosMessage.Nack(new Ballot(3, 1)),
        new TwoPhaseMessage.Prepare(), new TwoPhaseMessage.Vote(false), new TwoPhaseMessage.Decision(true), new TwoPhaseMessage.Ack(), new TwoPhaseMessage.Inquire(),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void JsonMessageCodec_EveryMessageKind_RoundTripsAsItsBaseType(object message)
    {
        object decoded = message switch
        {
            RicartAgrawalaMessage m => RoundTrip(m),
            CentralMessage m => RoundTrip(m),
            TokenRingMessage m => RoundTrip(m),
            BullyMessage m => RoundTrip(m),
            RingElectionMessage m => RoundTrip(m),
            PaxosMessage m => RoundTrip(m),
            TwoPhaseMessage m => RoundTrip(m),
            _ => throw new InvalidOperationException(message.GetType().Name),
        };

        Assert.Equal(message.GetType(), decoded.GetType());
        Assert.Equal(message, decoded);
    }

    [Theory]
    [InlineData("2pc", "vote-no=9", "arbiter: --param vote-no: '9' is not the id of a member")]
    [InlineData("mutex-ra", "requests=-1", "arbiter: --param requests: '-1' is not an integer between 0 and 100000")]
    [InlineData("bully", "latency-ms=fast", "arbiter: --param latency-ms: 'fast' is not an integer between 0 and 3600000")]
    [InlineData("paxos", "proposers=3", "arbiter: --param proposers: '3' is not an integer between 1 and 2")]
    public void NodeRun_BadAlgorithmParameter_OneLineErrorExit2(string algorithm, string parameter, string expected)
    {
        var (code, output, error) = CliRunner.Run("node", "run", "--id", "1", "--peers", Peers, "-a", algorithm, "-p", parameter, "--duration", "100ms");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.TrimEnd('\n', '\r'));
    }

    private static T RoundTrip<T>(T message)
    {
        var codec = new JsonMessageCodec<T>();
        return codec.Decode(codec.Encode(message));
    }
}
