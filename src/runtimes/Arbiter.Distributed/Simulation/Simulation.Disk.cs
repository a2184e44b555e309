namespace Arbiter.Distributed.Simulation;

/// <content>
/// The disk model (<see cref="SimulationOptions{TMessage, TRecord}.DiskLatency"/>). With no latency a call's records
/// are durable the moment it returns, and a crash can only fall between calls. With one, a write takes that long:
/// the node goes on running (as the TCP host's next batch of calls does before the previous fsync is known to
/// have finished, from the node's point of view), its writes complete in order, and each one releases the messages
/// its call sent with <c>Send</c> — they may depend on the records, or on earlier ones. Messages sent with
/// <c>SendEarly</c> leave at once. A crash loses every write still under way and the messages waiting for them,
/// which is exactly the window in which an early message may have told a peer about records that then vanished:
/// the case a node's use of <c>SendEarly</c> must be safe in (Raft: a leader writing in parallel, §10.2.1).
/// Cost: one event per write.
/// </content>
public sealed partial class Simulation<TMessage, TRecord>
{
    /// <summary>
    /// Queues the call's write and the messages that wait for it. It completes <see cref="SimulationOptions{TMessage, TRecord}.DiskLatency"/>
    /// from now and never before the node's earlier writes; with no records it only waits for those.
    /// </summary>
    private void BeginWrite(SimNode<TMessage, TRecord> node, bool records)
    {
        var write = new PendingWrite<TMessage, TRecord>(node.Compaction, [.. node.Persists], [.. node.Sends]);
        node.Writes.Enqueue(write);
        long done = records ? Math.Max(_now + _options.DiskLatency.Ticks, node.LastWriteDone) : node.LastWriteDone;
        node.LastWriteDone = done;
        Enqueue(done, new Event(EventKind.WriteDone, node.Id, 0, default, node.Incarnation, 0, null, null));
    }

    /// <summary>The oldest write of the node completes: its records become stable, its messages leave.</summary>
    private void CompleteWrite(in Event e)
    {
        SimNode<TMessage, TRecord> node = Node(e.Node);
        if (!node.Up || node.Incarnation != e.Id || !node.Writes.TryDequeue(out PendingWrite<TMessage, TRecord>? write))
        {
            return; // lost in a crash
        }

        Store(node, write.Compaction, write.Records);
        foreach (var (to, message) in write.Sends)
        {
            Send(node, to, message);
        }
    }

    /// <summary>Makes records stable: a compaction's image replaces everything, then the records follow.</summary>
    private void Store(SimNode<TMessage, TRecord> node, List<TRecord>? compaction, List<TRecord> records)
    {
        if (compaction is { } replacement)
        {
            node.Stable.Clear();
            node.Stable.AddRange(replacement);
            Counters.Persisted += replacement.Count;
            Record(TraceKind.Persist, node, 0, 0, $"compacted to {replacement.Count} records", null);
        }

        foreach (TRecord record in records)
        {
            node.Stable.Add(record);
            Counters.Persisted++;
            Record(TraceKind.Persist, node, 0, 0, record, null);
        }
    }
}
