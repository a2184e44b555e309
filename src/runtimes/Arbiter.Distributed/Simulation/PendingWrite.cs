namespace Arbiter.Distributed.Simulation;

/// <summary>
/// One call's write under way when the simulator models a disk latency: what becomes durable when it completes
/// (a compaction's image, then the records) and the messages that wait for it (see <c>Simulation.Disk.cs</c>).
/// </summary>
internal sealed class PendingWrite<TMessage, TRecord>(List<TRecord>? compaction, List<TRecord> records, List<(int To, TMessage Message)> sends)
{
    public List<TRecord>? Compaction { get; } = compaction;

    public List<TRecord> Records { get; } = records;

    public List<(int To, TMessage Message)> Sends { get; } = sends;
}
