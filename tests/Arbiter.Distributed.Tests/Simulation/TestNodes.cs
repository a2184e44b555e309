namespace Arbiter.Distributed.Tests.Simulation;

/// <summary>Messages of the test nodes: a numbered tick.</summary>
internal sealed record Tick(int Number);

/// <summary>
/// Node 1 sends a numbered <see cref="Tick"/> to every other node every millisecond until it has sent
/// <paramref name="count"/> rounds; the others persist each tick they receive and observe at start what they recovered.
/// </summary>
internal sealed class TickerNode(int count) : INode<Tick, int>
{
    private int _sent;

    public List<int> Received { get; } = [];

    public void Start(INodeContext<Tick, int> context)
    {
        context.Observe(new Recovered(context.Self, [.. context.Recovered]));
        if (context.Self == 1)
        {
            context.SetTimer("tick", TimeSpan.FromMilliseconds(1));
        }
    }

    public void Receive(INodeContext<Tick, int> context, int from, Tick message)
    {
        Received.Add(message.Number);
        context.Persist(message.Number);
    }

    public void Fire(INodeContext<Tick, int> context, string timer)
    {
        _sent++;
        context.Broadcast<Tick, int>(new Tick(_sent));
        if (_sent < count)
        {
            context.SetTimer("tick", TimeSpan.FromMilliseconds(1));
        }
    }
}

/// <summary>What a <see cref="TickerNode"/> recovered when it started.</summary>
internal sealed record Recovered(int Node, int[] Records);
