namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// The leader's pending ReadIndex requests (Ongaro's dissertation, 2014, §6.4; etcd raft, read_only.go). Each read
/// records the commit index at arrival and waits for a heartbeat round carrying its token to be acknowledged by a
/// quorum: then this server was still leader when the read arrived, and every read queued before it is confirmed
/// too (acks are cumulative, because a later heartbeat round starts after the earlier reads were queued).
/// Cost: O(1) per request and ack, plus O(pending) to release.
/// </summary>
public sealed class PendingReads
{
    private readonly List<(long Context, long Index, HashSet<int> Acks)> _pending = [];

    /// <summary>Reads waiting for their heartbeat round.</summary>
    public int Count => _pending.Count;

    /// <summary>The newest pending token (what the next heartbeat carries), or 0.</summary>
    public long LastContext => _pending.Count > 0 ? _pending[^1].Context : 0;

    /// <summary>Queues a read of <paramref name="context"/> at commit index <paramref name="index"/>, acked by the leader itself.</summary>
    public void Add(long context, long index, int self) => _pending.Add((context, index, [self]));

    /// <summary>
    /// <paramref name="from"/> acknowledged the heartbeat carrying <paramref name="context"/>. When that read has a
    /// quorum, returns it and every read queued before it (oldest first); else nothing.
    /// </summary>
    public List<ReadState> Ack(int from, long context, int quorum)
    {
        int at = _pending.FindIndex(p => p.Context == context);
        if (at < 0)
        {
            return [];
        }

        _pending[at].Acks.Add(from);
        if (_pending[at].Acks.Count < quorum)
        {
            return [];
        }

        return Release(at);
    }

    private List<ReadState> Release(int at)
    {
        var released = new List<ReadState>(at + 1);
        for (int i = 0; i <= at; i++)
        {
            released.Add(new ReadState(_pending[i].Index, _pending[i].Context));
        }

        _pending.RemoveRange(0, at + 1);
        return released;
    }

    /// <summary>As <see cref="Ack(int, long, int)"/>, counting only the acks of <paramref name="configuration"/>'s
    /// voters toward its quorum (learners and a leader being removed do not count, dissertation §4.1).</summary>
    public List<ReadState> Ack(int from, long context, RaftConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        int at = _pending.FindIndex(p => p.Context == context);
        if (at < 0)
        {
            return [];
        }

        _pending[at].Acks.Add(from);
        if (_pending[at].Acks.Count(configuration.IsVoter) < configuration.Quorum)
        {
            return [];
        }

        return Release(at);
    }

    /// <summary>Drops every pending read (leadership lost: they can no longer be confirmed).</summary>
    public void Clear() => _pending.Clear();
}
