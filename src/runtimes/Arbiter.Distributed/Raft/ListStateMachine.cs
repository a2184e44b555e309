using System.Buffers.Binary;
using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// A test state machine for Raft runs: an append-only list of the commands applied (Jepsen's "list append"
/// register, simplified). Apply appends and returns the new length; a query returns the length; snapshots are the
/// whole list. Deterministic, so every server that applies the same log holds the same list.
/// </summary>
public sealed class ListStateMachine : IRaftStateMachine
{
    private readonly List<byte[]> _items = [];

    /// <summary>The commands applied, in order.</summary>
    public IReadOnlyList<byte[]> Items => _items;

    /// <summary>The index of the last entry applied (restored with snapshots).</summary>
    public long LastIndex { get; private set; }

    /// <inheritdoc/>
    public byte[] Apply(long index, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _items.Add(data);
        LastIndex = index;
        return Count();
    }

    /// <inheritdoc/>
    public byte[] Query(byte[] query) => Count();

    /// <inheritdoc/>
    public byte[] Snapshot() => RaftWire.Encode(w =>
    {
        w.Write7BitEncodedInt64(LastIndex);
        w.Write7BitEncodedInt(_items.Count);
        foreach (byte[] item in _items)
        {
            RaftWire.WriteBytes(w, item);
        }
    });

    /// <inheritdoc/>
    public void Restore(byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (last, items) = RaftWire.Decode(snapshot, r =>
        {
            long last = r.Read7BitEncodedInt64();
            int count = r.Read7BitEncodedInt();
            var items = new List<byte[]>(count);
            for (int i = 0; i < count; i++)
            {
                items.Add(RaftWire.ReadBytes(r));
            }

            return (last, items);
        });
        _items.Clear();
        _items.AddRange(items);
        LastIndex = last;
    }

    private byte[] Count()
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, _items.Count);
        return bytes;
    }
}
