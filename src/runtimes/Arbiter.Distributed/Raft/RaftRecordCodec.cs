using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// The binary format of <see cref="RaftRecord"/> for the record file (the runtime adds the length prefix and
/// checksum that detect a torn tail): one kind byte, then varints and length-prefixed byte strings. Kinds 1–3
/// are the original forms; 4 (entries with a configuration entry) and 5 (a snapshot with its configuration) came
/// with membership changes (dissertation §4.1), so files written before them still read; 6 (a snapshot whose
/// configuration carries members' contexts, their addresses) came with run-time membership of real servers, and
/// entries with such a configuration use the typed form's entry type 2.
/// </summary>
public sealed class RaftRecordCodec : IMessageCodec<RaftRecord>
{
    /// <summary>The shared instance (stateless).</summary>
    public static RaftRecordCodec Instance { get; } = new();

    /// <inheritdoc/>
    public byte[] Encode(RaftRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return RaftWire.Encode(w =>
        {
            switch (value)
            {
                case RaftRecord.HardStateRecord h:
                    w.Write((byte)1);
                    w.Write7BitEncodedInt64(h.State.Term);
                    w.Write7BitEncodedInt(h.State.Vote);
                    w.Write7BitEncodedInt64(h.State.Commit);
                    w.Write(h.State.Recovering);
                    break;
                case RaftRecord.EntriesRecord e when RaftWire.NeedTyped(e.Entries):
                    w.Write((byte)4);
                    RaftWire.WriteTypedEntries(w, e.Entries);
                    break;
                case RaftRecord.EntriesRecord e:
                    w.Write((byte)2);
                    RaftWire.WriteEntries(w, e.Entries);
                    break;
                case RaftRecord.SnapshotRecord { Snapshot.Configuration.Contexts.Count: > 0 } s:
                    w.Write((byte)6);
                    RaftWire.WriteContextsSnapshot(w, s.Snapshot);
                    break;
                case RaftRecord.SnapshotRecord { Snapshot.Configuration: not null } s:
                    w.Write((byte)5);
                    RaftWire.WriteTypedSnapshot(w, s.Snapshot);
                    break;
                case RaftRecord.SnapshotRecord s:
                    w.Write((byte)3);
                    RaftWire.WriteSnapshot(w, s.Snapshot);
                    break;
                default:
                    throw new ArgumentException($"unknown Raft record {value.GetType().Name}", nameof(value));
            }
        });
    }

    /// <inheritdoc/>
    public RaftRecord Decode(ReadOnlySpan<byte> bytes) => RaftWire.Decode<RaftRecord>(bytes, r => r.ReadByte() switch
    {
        1 => new RaftRecord.HardStateRecord(new HardState(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt64(), RaftWire.ReadBool(r))),
        2 => new RaftRecord.EntriesRecord(RaftWire.ReadEntries(r)),
        3 => new RaftRecord.SnapshotRecord(RaftWire.ReadSnapshot(r)),
        4 => new RaftRecord.EntriesRecord(RaftWire.ReadTypedEntries(r)),
        5 => new RaftRecord.SnapshotRecord(RaftWire.ReadTypedSnapshot(r)),
        6 => new RaftRecord.SnapshotRecord(RaftWire.ReadContextsSnapshot(r)),
        var kind => throw new FormatException($"unknown Raft record kind {kind}"),
    });
}
