using Arbiter.Distributed.Samples;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Simulation;

/// <summary><c>Send</c> and <c>SendEarly</c> share one destination check: the same refusal, inside a call or not.</summary>
public class SimNodeSendTests
{
    [Fact]
    public void SendAndSendEarly_ToANonMember_SameRefusal_ToAMemberAndTheClient_Accepted()
    {
        var node = new SendingNode();
        var sim = new Simulation<Tick, int>(new SimulationOptions<Tick, int> { Nodes = [1, 2], NodeFactory = id => id == 1 ? node : new SendingNode() });
        sim.Run();

        Assert.Equal("node 1 sent to 9, which is not a member (Parameter 'destination')\nActual value was 9.", node.Refusals[0]);
        Assert.Equal(node.Refusals[0], node.Refusals[1]);
        Assert.Equal(2, node.Refusals.Count); // one per way; the sends to member 2 and to the client (0) went through
    }

    [Fact]
    public void SendEarly_OutsideACall_ThrowsAsSendDoes()
    {
        var node = new SendingNode();
        var sim = new Simulation<Tick, int>(new SimulationOptions<Tick, int> { Nodes = [1], NodeFactory = _ => node });
        sim.Run();

        var early = Assert.Throws<InvalidOperationException>(() => node.Kept!.SendEarly(1, new Tick(1)));
        var plain = Assert.Throws<InvalidOperationException>(() => node.Kept!.Send(1, new Tick(1)));
        Assert.Equal(plain.Message, early.Message);
    }

    private sealed class SendingNode : INode<Tick, int>
    {
        public List<string> Refusals { get; } = [];

        public INodeContext<Tick, int>? Kept { get; private set; }

        public void Start(INodeContext<Tick, int> context)
        {
            Kept = context;
            foreach (Action<int, Tick> send in new Action<int, Tick>[] { context.Send, context.SendEarly })
            {
                try
                {
                    send(9, new Tick(1));
                }
                catch (ArgumentOutOfRangeException e)
                {
                    Refusals.Add(e.Message);
                }

                foreach (int ok in context.Members.Where(m => m != context.Self).Append(0))
                {
                    send(ok, new Tick(1)); // must not throw
                }
            }
        }

        public void Receive(INodeContext<Tick, int> context, int from, Tick message) { }

        public void Fire(INodeContext<Tick, int> context, string timer) { }
    }
}
