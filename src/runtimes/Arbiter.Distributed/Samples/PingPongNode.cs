namespace Arbiter.Distributed.Samples;

/// <summary>
/// The runtime's own workload (not a course algorithm): every node pings every peer for a number of rounds, one
/// ping outstanding per peer, and observes <see cref="PingPongDone"/> when all rounds are answered. Its outcome does
/// not depend on timing, so it checks that the simulator and the TCP runtime agree, and it is the benchmark's
/// workload. Cost without faults: 2 · rounds · N · (N − 1) messages.
/// </summary>
/// <param name="rounds">Rounds per peer (at least 1).</param>
public sealed class PingPongNode(int rounds) : INode<PingMessage, NoRecord>
{
    private readonly Dictionary<int, int> _answered = [];
    private int _pongs;
    private bool _done;

    /// <inheritdoc/>
    public void Start(INodeContext<PingMessage, NoRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Broadcast<PingMessage, NoRecord>(new Ping(1));
        CheckDone(context);
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<PingMessage, NoRecord> context, int from, PingMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (message)
        {
            case Ping ping:
                context.Send(from, new Pong(ping.Round));
                break;
            case Pong pong when pong.Round == _answered.GetValueOrDefault(from) + 1:
                // Only the answer to the outstanding round counts, so duplicates cannot finish a node early.
                _answered[from] = pong.Round;
                _pongs++;
                if (pong.Round < rounds)
                {
                    context.Send(from, new Ping(pong.Round + 1));
                }

                CheckDone(context);
                break;
        }
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<PingMessage, NoRecord> context, string timer)
    {
    }

    private void CheckDone(INodeContext<PingMessage, NoRecord> context)
    {
        if (!_done && _pongs == rounds * (context.Members.Count - 1))
        {
            _done = true;
            context.Observe(new PingPongDone(context.Self, _pongs));
        }
    }
}
