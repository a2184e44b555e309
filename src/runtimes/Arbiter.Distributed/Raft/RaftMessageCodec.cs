using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// The compact binary wire format of <see cref="RaftMessage"/> (the hot path: no JSON): one kind byte, then the
/// fields as varints and length-prefixed byte strings. A heartbeat with small numbers is 4 bytes; an append of n entries of d
/// bytes about 8 + n·(6 + d). Membership (dissertation §4.1) added kinds 12 (an append carrying a configuration
/// entry), 13 (a snapshot with its configuration) and 14 (<see cref="RaftMessage.ClientConfChange"/>); the plain
/// forms are unchanged. Run-time membership of real servers added 15 (a snapshot whose configuration carries the
/// members' contexts, their addresses) and 16 (a <see cref="RaftMessage.ClientConfChange"/> with a
/// <see cref="RaftConfChange.Context"/>); appends carry such configurations in the typed entries' type 2.
/// </summary>
public sealed class RaftMessageCodec : IMessageCodec<RaftMessage>
{
    /// <summary>The shared instance (stateless).</summary>
    public static RaftMessageCodec Instance { get; } = new();

    /// <inheritdoc/>
    public byte[] Encode(RaftMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return RaftWire.Encode(w =>
        {
            switch (value)
            {
                case RaftMessage.VoteRequest m:
                    w.Write((byte)1);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write7BitEncodedInt64(m.LastIndex);
                    w.Write7BitEncodedInt64(m.LastTerm);
                    w.Write(m.PreVote);
                    w.Write(m.Transfer);
                    break;
                case RaftMessage.VoteResponse m:
                    w.Write((byte)2);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write(m.Granted);
                    w.Write(m.PreVote);
                    break;
                case RaftMessage.AppendRequest m when RaftWire.NeedTyped(m.Entries):
                    w.Write((byte)12);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write7BitEncodedInt64(m.PrevIndex);
                    w.Write7BitEncodedInt64(m.PrevTerm);
                    w.Write7BitEncodedInt64(m.Commit);
                    RaftWire.WriteTypedEntries(w, m.Entries);
                    break;
                case RaftMessage.AppendRequest m:
                    w.Write((byte)3);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write7BitEncodedInt64(m.PrevIndex);
                    w.Write7BitEncodedInt64(m.PrevTerm);
                    w.Write7BitEncodedInt64(m.Commit);
                    RaftWire.WriteEntries(w, m.Entries);
                    break;
                case RaftMessage.AppendResponse m:
                    w.Write((byte)4);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write(m.Success);
                    w.Write7BitEncodedInt64(m.Index);
                    w.Write7BitEncodedInt64(m.HintIndex);
                    w.Write7BitEncodedInt64(m.HintTerm);
                    break;
                case RaftMessage.Heartbeat m:
                    w.Write((byte)5);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write7BitEncodedInt64(m.Commit);
                    w.Write7BitEncodedInt64(m.Context);
                    break;
                case RaftMessage.HeartbeatResponse m:
                    w.Write((byte)6);
                    w.Write7BitEncodedInt64(m.Term);
                    w.Write7BitEncodedInt64(m.Context);
                    break;
                case RaftMessage.InstallSnapshot { Snapshot.Configuration.Contexts.Count: > 0 } m:
                    w.Write((byte)15);
                    w.Write7BitEncodedInt64(m.Term);
                    RaftWire.WriteContextsSnapshot(w, m.Snapshot);
                    break;
                case RaftMessage.ClientConfChange { Change.Context: { } context } m:
                    w.Write((byte)16);
                    w.Write7BitEncodedInt64(m.Tag);
                    w.Write((byte)m.Change.Type);
                    w.Write7BitEncodedInt(m.Change.Node);
                    RaftWire.WriteBytes(w, System.Text.Encoding.UTF8.GetBytes(context));
                    break;
                case RaftMessage.InstallSnapshot { Snapshot.Configuration: not null } m:
                    w.Write((byte)13);
                    w.Write7BitEncodedInt64(m.Term);
                    RaftWire.WriteTypedSnapshot(w, m.Snapshot);
                    break;
                case RaftMessage.ClientConfChange m:
                    w.Write((byte)14);
                    w.Write7BitEncodedInt64(m.Tag);
                    w.Write((byte)m.Change.Type);
                    w.Write7BitEncodedInt(m.Change.Node);
                    break;
                case RaftMessage.InstallSnapshot m:
                    w.Write((byte)7);
                    w.Write7BitEncodedInt64(m.Term);
                    RaftWire.WriteSnapshot(w, m.Snapshot);
                    break;
                case RaftMessage.TimeoutNow m:
                    w.Write((byte)8);
                    w.Write7BitEncodedInt64(m.Term);
                    break;
                case RaftMessage.ClientPropose m:
                    w.Write((byte)9);
                    w.Write7BitEncodedInt64(m.Tag);
                    RaftWire.WriteBytes(w, m.Data);
                    break;
                case RaftMessage.ClientRead m:
                    w.Write((byte)10);
                    w.Write7BitEncodedInt64(m.Tag);
                    w.Write((byte)m.Mode);
                    RaftWire.WriteBytes(w, m.Query);
                    break;
                case RaftMessage.ClientReply m:
                    w.Write((byte)11);
                    w.Write7BitEncodedInt64(m.Tag);
                    w.Write((byte)m.Status);
                    w.Write7BitEncodedInt(m.Leader);
                    w.Write7BitEncodedInt64(m.Index);
                    RaftWire.WriteBytes(w, m.Result);
                    break;
                default:
                    throw new ArgumentException($"unknown Raft message {value.GetType().Name}", nameof(value));
            }
        });
    }

    /// <inheritdoc/>
    public RaftMessage Decode(ReadOnlySpan<byte> bytes) => RaftWire.Decode<RaftMessage>(bytes, r => r.ReadByte() switch
    {
        1 => new RaftMessage.VoteRequest(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), RaftWire.ReadBool(r), RaftWire.ReadBool(r)),
        2 => new RaftMessage.VoteResponse(r.Read7BitEncodedInt64(), RaftWire.ReadBool(r), RaftWire.ReadBool(r)),
        3 => ReadAppend(r, typed: false),
        12 => ReadAppend(r, typed: true),
        13 => new RaftMessage.InstallSnapshot(r.Read7BitEncodedInt64(), RaftWire.ReadTypedSnapshot(r)),
        14 => ReadConfChange(r, withContext: false),
        15 => new RaftMessage.InstallSnapshot(r.Read7BitEncodedInt64(), RaftWire.ReadContextsSnapshot(r)),
        16 => ReadConfChange(r, withContext: true),
        4 => new RaftMessage.AppendResponse(r.Read7BitEncodedInt64(), RaftWire.ReadBool(r), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64()),
        5 => new RaftMessage.Heartbeat(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64()),
        6 => new RaftMessage.HeartbeatResponse(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64()),
        7 => new RaftMessage.InstallSnapshot(r.Read7BitEncodedInt64(), RaftWire.ReadSnapshot(r)),
        8 => new RaftMessage.TimeoutNow(r.Read7BitEncodedInt64()),
        9 => new RaftMessage.ClientPropose(r.Read7BitEncodedInt64(), RaftWire.ReadBytes(r)),
        10 => ReadClientRead(r),
        11 => new RaftMessage.ClientReply(r.Read7BitEncodedInt64(), ReadStatus(r), r.Read7BitEncodedInt(), r.Read7BitEncodedInt64(), RaftWire.ReadBytes(r)),
        var kind => throw new FormatException($"unknown Raft message kind {kind}"),
    });

    private static RaftMessage.AppendRequest ReadAppend(BinaryReader r, bool typed)
    {
        // Wire order: term, prev index, prev term, commit, entries.
        long term = r.Read7BitEncodedInt64(), prevIndex = r.Read7BitEncodedInt64(), prevTerm = r.Read7BitEncodedInt64();
        long commit = r.Read7BitEncodedInt64();
        return new RaftMessage.AppendRequest(term, prevIndex, prevTerm, typed ? RaftWire.ReadTypedEntries(r) : RaftWire.ReadEntries(r), commit);
    }

    private static RaftMessage.ClientConfChange ReadConfChange(BinaryReader r, bool withContext)
    {
        long tag = r.Read7BitEncodedInt64();
        byte type = r.ReadByte();
        if (type is < (byte)RaftConfChangeType.AddVoter or > (byte)RaftConfChangeType.RemoveServer)
        {
            throw new FormatException($"{type} is not a configuration change");
        }

        var change = new RaftConfChange((RaftConfChangeType)type, r.Read7BitEncodedInt());
        if (withContext)
        {
            // Strict UTF-8: a garbled context is a malformed message, not an address with replacement characters.
            change = change with { Context = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(RaftWire.ReadBytes(r)) };
        }

        return new RaftMessage.ClientConfChange(tag, change);
    }

    private static RaftMessage.ClientRead ReadClientRead(BinaryReader r)
    {
        long tag = r.Read7BitEncodedInt64();
        RaftReadMode mode = ReadMode(r);
        return new RaftMessage.ClientRead(tag, RaftWire.ReadBytes(r), mode);
    }

    private static RaftReadMode ReadMode(BinaryReader r) => r.ReadByte() is var b && b <= (byte)RaftReadMode.Serializable
        ? (RaftReadMode)b : throw new FormatException($"{b} is not a read mode");

    private static RaftReplyStatus ReadStatus(BinaryReader r) => r.ReadByte() is var b && b <= (byte)RaftReplyStatus.Failed
        ? (RaftReplyStatus)b : throw new FormatException($"{b} is not a reply status");
}
