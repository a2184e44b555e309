using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// A few <see cref="RaftCore"/>s wired by hand for membership tests: messages are delivered one at a time in FIFO
/// order (so a test can stop at a chosen moment), isolated servers neither send nor receive, and every Ready is
/// advanced as if persisted. Servers 1..<c>initial</c> bootstrap the group; the others join (<see cref="RaftOptions.Join"/>).
/// </summary>
internal sealed class MembershipCluster
{
    private readonly Queue<(int From, int To, RaftMessage Message)> _queue = new();

    public MembershipCluster(int servers, int initial, Func<RaftOptions, RaftOptions>? configure = null)
    {
        var options = (configure ?? (o => o))(new RaftOptions { Voters = [.. Enumerable.Range(1, initial)], ElectionTicks = 10, HeartbeatTicks = 1 });
        for (int id = 1; id <= servers; id++)
        {
            RaftOptions own = id <= initial ? options : options with { Voters = [.. Enumerable.Range(1, servers)], Join = true };
            Cores[id] = new RaftCore(id, own, RaftRecovered.Empty, new Random(id));
        }
    }

    public Dictionary<int, RaftCore> Cores { get; } = [];

    public HashSet<int> Isolated { get; } = [];

    /// <summary>Every message the servers handed out, in order, with its flags (<see cref="RaftEnvelope.Early"/>).</summary>
    public List<(int From, RaftEnvelope Envelope)> Sent { get; } = [];

    /// <summary>Messages matching this are set aside in <see cref="Held"/> instead of delivered (a slow disk, a slow link).</summary>
    public Func<int, int, RaftMessage, bool>? Hold { get; set; }

    /// <summary>Messages set aside by <see cref="Hold"/>, in order; <see cref="Release"/> delivers them.</summary>
    public List<(int From, int To, RaftMessage Message)> Held { get; } = [];

    /// <summary>Read states each server handed out (Ready is drained here).</summary>
    public Dictionary<int, List<ReadState>> ReadStates { get; } = [];

    public RaftCore this[int id] => Cores[id];

    /// <summary>Delivers until nothing is left or <paramref name="stop"/> holds. Returns the messages delivered.</summary>
    public int Deliver(Func<bool>? stop = null)
    {
        int delivered = 0;
        Collect();
        while (_queue.Count > 0 && !(stop?.Invoke() ?? false))
        {
            var (from, to, message) = _queue.Dequeue();
            if (Hold?.Invoke(from, to, message) == true)
            {
                Held.Add((from, to, message));
                continue;
            }

            if (Isolated.Contains(from) || Isolated.Contains(to) || !Cores.TryGetValue(to, out RaftCore? core))
            {
                continue;
            }

            core.Step(from, message);
            delivered++;
            Collect();
        }

        return delivered;
    }

    /// <summary>Ticks every server (isolated ones too: their clocks run) <paramref name="ticks"/> times, delivering after each.</summary>
    public void Tick(int ticks)
    {
        for (int t = 0; t < ticks; t++)
        {
            foreach (RaftCore core in Cores.Values)
            {
                core.Tick();
            }

            Deliver();
        }
    }

    /// <summary>Makes <paramref name="id"/> campaign and delivers until the dust settles; asserts it leads.</summary>
    public RaftCore Elect(int id)
    {
        Cores[id].Campaign();
        Deliver();
        Assert.Equal(RaftRole.Leader, Cores[id].Role);
        return Cores[id];
    }

    /// <summary>The leader proposes <paramref name="count"/> commands; delivered.</summary>
    public void Propose(int leader, int count)
    {
        for (int k = 0; k < count; k++)
        {
            Assert.True(Cores[leader].Propose([(byte)k]) > 0);
        }

        Deliver();
    }

    /// <summary>Stops holding: queues the held messages again, in order, and delivers.</summary>
    public void Release()
    {
        Hold = null;
        Held.ForEach(_queue.Enqueue);
        Held.Clear();
        Deliver();
    }

    /// <summary>Drops everything in flight (a test that wants to change the network first).</summary>
    public void DropInFlight() => _queue.Clear();

    private void Collect()
    {
        foreach (var (id, core) in Cores)
        {
            while (core.HasReady)
            {
                RaftReady ready = core.Ready();
                foreach (RaftEnvelope envelope in ready.Messages)
                {
                    _queue.Enqueue((id, envelope.To, envelope.Message));
                    Sent.Add((id, envelope));
                }

                if (ready.ReadStates.Count > 0)
                {
                    (ReadStates.TryGetValue(id, out var list) ? list : ReadStates[id] = []).AddRange(ready.ReadStates);
                }

                core.Advance(ready);
            }
        }
    }
}
