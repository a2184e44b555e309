namespace Arbiter.Bench.Tcp;

/// <summary>
/// What is switched on in a run of <see cref="TcpRaftCluster"/>: the host's group commit (<c>MaxBatch</c>), Raft's
/// entries per append message and its pipelining window (<c>MaxInflight</c>).
/// </summary>
/// <param name="MaxBatch">TcpNodeOptions.MaxBatch: 1 = one fsync per call.</param>
/// <param name="MaxInflight">RaftOptions.MaxInflight: 1 = stop and wait for each append's ack.</param>
/// <param name="MaxEntriesPerMessage">RaftOptions.MaxEntriesPerMessage: 1 = one entry per append.</param>
public sealed record TcpRaftConfig(int MaxBatch, int MaxInflight, int MaxEntriesPerMessage)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"batch={MaxBatch} inflight={MaxInflight} entries={(MaxEntriesPerMessage == int.MaxValue ? "max" : MaxEntriesPerMessage)}";
}
