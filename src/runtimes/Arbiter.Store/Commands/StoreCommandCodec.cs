using Arbiter.Store.Leases;
using Arbiter.Store.Membership;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Commands;

/// <summary>
/// The binary form of <see cref="StoreCommand"/>s in the Raft log: a format byte, a tag byte, then the fields as
/// varints and length-prefixed byte strings (a put of a 16-byte key and 100-byte value takes 123 bytes). Hand-written
/// rather than JSON or reflection because every log entry passes through it on every replica.
/// </summary>
/// <remarks>
/// Extension commands (tag <see cref="ExtensionTag"/>) carry their kind and body; the decoder for a kind is
/// registered with <see cref="Register"/>. Decoding an unknown tag, kind or format throws
/// <see cref="InvalidDataException"/>. Tags are only ever added (8, <see cref="MemberIdCommand"/>, came with
/// never-reused member ids), so every log written before a tag existed still reads.
/// </remarks>
public sealed class StoreCommandCodec
{
    /// <summary>The format byte every entry starts with.</summary>
    public const byte Format = 1;

    /// <summary>The tag of extension commands.</summary>
    public const byte ExtensionTag = 0x80;

    private const byte PutTag = 1;
    private const byte DeleteRangeTag = 2;
    private const byte TxnTag = 3;
    private const byte CompactTag = 4;
    private const byte LeaseGrantTag = 5;
    private const byte LeaseRevokeTag = 6;
    private const byte LeaseExpireTag = 7;
    private const byte MemberIdTag = 8;

    private readonly Dictionary<ushort, ExtensionDecoder> _extensions = [];

    /// <summary>Registers the decoder of one kind of extension command.</summary>
    /// <param name="kind">The kind (<see cref="ExtensionCommand.Kind"/>).</param>
    /// <param name="decoder">Reads its body.</param>
    public void Register(ushort kind, ExtensionDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (!_extensions.TryAdd(kind, decoder))
        {
            throw new InvalidOperationException($"extension command kind {kind} is registered twice");
        }
    }

    /// <summary>Encodes a command into a new array.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The bytes of the log entry.</returns>
    public static byte[] Encode(StoreCommand command)
    {
        var w = new CommandWriter();
        Encode(command, w);
        return w.ToArray();
    }

    /// <summary>Appends the encoding of a command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="w">The writer.</param>
    public static void Encode(StoreCommand command, CommandWriter w)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteByte(Format);
        switch (command)
        {
            case PutCommand c:
                w.WriteByte(PutTag);
                WritePut(w, c.Request);
                break;
            case DeleteRangeCommand c:
                w.WriteByte(DeleteRangeTag);
                WriteDelete(w, c.Request);
                break;
            case TxnCommand c:
                w.WriteByte(TxnTag);
                WriteTxn(w, c.Request);
                break;
            case CompactCommand c:
                w.WriteByte(CompactTag);
                w.WriteVarInt(c.Request.Revision);
                w.WriteBool(c.Request.Physical);
                break;
            case LeaseGrantCommand c:
                w.WriteByte(LeaseGrantTag);
                w.WriteVarInt(c.Request.Ttl);
                w.WriteVarInt(c.Request.Id);
                break;
            case LeaseRevokeCommand c:
                w.WriteByte(LeaseRevokeTag);
                w.WriteVarInt(c.Request.Id);
                break;
            case LeaseExpireCommand c:
                w.WriteByte(LeaseExpireTag);
                w.WriteVarUInt((ulong)c.Ids.Count);
                foreach (var id in c.Ids)
                {
                    w.WriteVarInt(id);
                }

                break;
            case MemberIdCommand c:
                w.WriteByte(MemberIdTag);
                w.WriteByte((byte)c.Action);
                w.WriteVarInt(c.Known);
                w.WriteVarInt(c.Member);
                break;
            case ExtensionCommand c:
                w.WriteByte(ExtensionTag);
                w.WriteVarUInt(c.Kind);
                c.WriteBody(w);
                break;
            default:
                throw new ArgumentException($"no encoding for {command.GetType().Name}", nameof(command));
        }
    }

    /// <summary>Decodes one log entry.</summary>
    /// <param name="entry">The bytes.</param>
    /// <returns>The command.</returns>
    public StoreCommand Decode(ReadOnlySpan<byte> entry)
    {
        var r = new CommandReader(entry);
        byte format = r.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"store codec: format {format}, expected {Format}");
        }

        byte tag = r.ReadByte();
        StoreCommand command = tag switch
        {
            PutTag => new PutCommand(ReadPut(ref r)),
            DeleteRangeTag => new DeleteRangeCommand(ReadDelete(ref r)),
            TxnTag => new TxnCommand(ReadTxn(ref r)),
            CompactTag => new CompactCommand(new CompactionRequest { Revision = r.ReadVarInt(), Physical = r.ReadBool() }),
            LeaseGrantTag => new LeaseGrantCommand(new LeaseGrantRequest { Ttl = r.ReadVarInt(), Id = r.ReadVarInt() }),
            LeaseRevokeTag => new LeaseRevokeCommand(new LeaseRevokeRequest { Id = r.ReadVarInt() }),
            LeaseExpireTag => new LeaseExpireCommand(ReadIds(ref r)),
            MemberIdTag => ReadMemberId(ref r),
            ExtensionTag => ReadExtension(ref r),
            _ => throw new InvalidDataException($"store codec: unknown command tag {tag}"),
        };
        if (!r.AtEnd)
        {
            throw new InvalidDataException("store codec: bytes left after the command");
        }

        return command;
    }

    private ExtensionCommand ReadExtension(ref CommandReader r)
    {
        ulong kind = r.ReadVarUInt();
        if (kind > ushort.MaxValue || !_extensions.TryGetValue((ushort)kind, out var decoder))
        {
            throw new InvalidDataException($"store codec: no decoder registered for extension command kind {kind}");
        }

        return decoder(ref r);
    }

    private static MemberIdCommand ReadMemberId(ref CommandReader r)
    {
        byte action = r.ReadByte();
        long known = r.ReadVarInt(), member = r.ReadVarInt();
        if (action is < (byte)MemberIdAction.Next or > (byte)MemberIdAction.Remove || known is < 0 or > int.MaxValue || member is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"store codec: member id command {action} {known} {member}");
        }

        return new MemberIdCommand((MemberIdAction)action, (int)known, (int)member);
    }

    private static long[] ReadIds(ref CommandReader r)
    {
        var ids = new long[r.ReadCount()];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = r.ReadVarInt();
        }

        return ids;
    }

    private static void WritePut(CommandWriter w, PutRequest p)
    {
        w.WriteBytes(p.Key);
        w.WriteBytes(p.Value);
        w.WriteVarInt(p.Lease);
        w.WriteByte((byte)((p.PrevKv ? 1 : 0) | (p.IgnoreValue ? 2 : 0) | (p.IgnoreLease ? 4 : 0)));
    }

    private static PutRequest ReadPut(ref CommandReader r)
    {
        var key = r.ReadBytes();
        var value = r.ReadBytes();
        long lease = r.ReadVarInt();
        byte flags = Flags(ref r, 7);
        return new PutRequest
        {
            Key = key, Value = value, Lease = lease,
            PrevKv = (flags & 1) != 0, IgnoreValue = (flags & 2) != 0, IgnoreLease = (flags & 4) != 0,
        };
    }

    private static void WriteDelete(CommandWriter w, DeleteRangeRequest d)
    {
        w.WriteBytes(d.Key);
        w.WriteBytes(d.RangeEnd);
        w.WriteBool(d.PrevKv);
    }

    private static DeleteRangeRequest ReadDelete(ref CommandReader r) =>
        new() { Key = r.ReadBytes(), RangeEnd = r.ReadBytes(), PrevKv = r.ReadBool() };

    private static void WriteRange(CommandWriter w, RangeRequest q)
    {
        w.WriteBytes(q.Key);
        w.WriteBytes(q.RangeEnd);
        w.WriteVarInt(q.Limit);
        w.WriteVarInt(q.Revision);
        w.WriteByte((byte)((q.KeysOnly ? 1 : 0) | (q.CountOnly ? 2 : 0) | (q.Serializable ? 4 : 0)));
    }

    private static RangeRequest ReadRange(ref CommandReader r)
    {
        var key = r.ReadBytes();
        var end = r.ReadBytes();
        long limit = r.ReadVarInt();
        long revision = r.ReadVarInt();
        byte flags = Flags(ref r, 7);
        return new RangeRequest
        {
            Key = key, RangeEnd = end, Limit = limit, Revision = revision,
            KeysOnly = (flags & 1) != 0, CountOnly = (flags & 2) != 0, Serializable = (flags & 4) != 0,
        };
    }

    private static void WriteTxn(CommandWriter w, TxnRequest t)
    {
        w.WriteVarUInt((ulong)t.Compare.Count);
        foreach (var c in t.Compare)
        {
            w.WriteByte((byte)c.Target);
            w.WriteByte((byte)c.Result);
            w.WriteBytes(c.Key);
            w.WriteBytes(c.RangeEnd);
            if (c.Target == CompareTarget.Value)
            {
                w.WriteBytes(c.Value);
            }
            else
            {
                w.WriteVarInt(c.Number);
            }
        }

        WriteOps(w, t.Success);
        WriteOps(w, t.Failure);
    }

    private static TxnRequest ReadTxn(ref CommandReader r)
    {
        var compares = new Compare[r.ReadCount()];
        for (int i = 0; i < compares.Length; i++)
        {
            byte target = r.ReadByte();
            byte result = r.ReadByte();
            if (target > (byte)CompareTarget.Lease || result > (byte)CompareResult.NotEqual)
            {
                throw new InvalidDataException($"store codec: compare target {target} / result {result}");
            }

            var key = r.ReadBytes();
            var end = r.ReadBytes();
            compares[i] = (CompareTarget)target == CompareTarget.Value
                ? new Compare { Target = CompareTarget.Value, Result = (CompareResult)result, Key = key, RangeEnd = end, Value = r.ReadBytes() }
                : new Compare { Target = (CompareTarget)target, Result = (CompareResult)result, Key = key, RangeEnd = end, Number = r.ReadVarInt() };
        }

        var success = ReadOps(ref r);
        var failure = ReadOps(ref r);
        return new TxnRequest { Compare = compares, Success = success, Failure = failure };
    }

    private static void WriteOps(CommandWriter w, IReadOnlyList<RequestOp> ops)
    {
        w.WriteVarUInt((ulong)ops.Count);
        foreach (var op in ops)
        {
            if (op.RequestRange is { } q)
            {
                w.WriteByte(1);
                WriteRange(w, q);
            }
            else if (op.RequestPut is { } p)
            {
                w.WriteByte(2);
                WritePut(w, p);
            }
            else if (op.RequestDeleteRange is { } d)
            {
                w.WriteByte(3);
                WriteDelete(w, d);
            }
            else
            {
                throw new ArgumentException("a RequestOp holds no request");
            }
        }
    }

    private static RequestOp[] ReadOps(ref CommandReader r)
    {
        var ops = new RequestOp[r.ReadCount()];
        for (int i = 0; i < ops.Length; i++)
        {
            byte type = r.ReadByte();
            ops[i] = type switch
            {
                1 => new RequestOp { RequestRange = ReadRange(ref r) },
                2 => new RequestOp { RequestPut = ReadPut(ref r) },
                3 => new RequestOp { RequestDeleteRange = ReadDelete(ref r) },
                _ => throw new InvalidDataException($"store codec: unknown txn operation {type}"),
            };
        }

        return ops;
    }

    private static byte Flags(ref CommandReader r, byte allowed)
    {
        byte flags = r.ReadByte();
        if ((flags & ~allowed) != 0)
        {
            throw new InvalidDataException($"store codec: unknown flags {flags}");
        }

        return flags;
    }
}
