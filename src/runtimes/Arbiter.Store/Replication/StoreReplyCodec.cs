using System.Text;
using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Replication;

/// <summary>
/// The binary form of a <see cref="StoreReply"/>: a format byte, the kind, then only the fields that kind uses, as
/// varints and length-prefixed byte strings (<see cref="CommandWriter"/>). A put's reply is 4 bytes or so.
/// </summary>
/// <remarks>Decoding a truncated, padded or unknown reply throws <see cref="InvalidDataException"/>.</remarks>
public static class StoreReplyCodec
{
    /// <summary>The format byte every reply starts with.</summary>
    public const byte Format = 1;

    /// <summary>Encodes a reply.</summary>
    public static byte[] Encode(StoreReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var w = new CommandWriter(16 + (reply.Kvs.Count * 32));
        w.WriteByte(Format);
        w.WriteByte((byte)reply.Kind);
        w.WriteVarInt(reply.Revision);
        switch (reply.Kind)
        {
            case StoreReplyKind.Error:
                w.WriteVarUInt((ulong)reply.Error);
                w.WriteBytes(Encoding.UTF8.GetBytes(reply.Message));
                break;
            case StoreReplyKind.DeleteRange:
                w.WriteVarInt(reply.Deleted);
                break;
            case StoreReplyKind.Txn:
                w.WriteBool(reply.Succeeded);
                WriteKvs(w, reply.Kvs);
                break;
            case StoreReplyKind.Range:
                WriteKvs(w, reply.Kvs);
                w.WriteVarInt(reply.Count);
                w.WriteBool(reply.More);
                break;
            case StoreReplyKind.LeaseGrant:
                w.WriteVarInt(reply.LeaseId);
                w.WriteVarInt(reply.LeaseTtl);
                break;
            case StoreReplyKind.Coordination:
                w.WriteBytes(Encoding.UTF8.GetBytes(reply.Message));
                break;
            case StoreReplyKind.Put or StoreReplyKind.Done:
                break;
            default:
                throw new ArgumentException($"no encoding for reply kind {reply.Kind}", nameof(reply));
        }

        return w.ToArray();
    }

    /// <summary>Decodes a reply made by <see cref="Encode"/>.</summary>
    public static StoreReply Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CommandReader(bytes);
        byte format = r.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"store reply: format {format}, expected {Format}");
        }

        byte kind = r.ReadByte();
        long revision = r.ReadVarInt();
        StoreReply reply = (StoreReplyKind)kind switch
        {
            StoreReplyKind.Error => ReadError(ref r),
            StoreReplyKind.Put => new StoreReply { Kind = StoreReplyKind.Put },
            StoreReplyKind.DeleteRange => new StoreReply { Kind = StoreReplyKind.DeleteRange, Deleted = r.ReadVarInt() },
            StoreReplyKind.Txn => new StoreReply { Kind = StoreReplyKind.Txn, Succeeded = r.ReadBool(), Kvs = ReadKvs(ref r) },
            StoreReplyKind.Range => new StoreReply { Kind = StoreReplyKind.Range, Kvs = ReadKvs(ref r), Count = r.ReadVarInt(), More = r.ReadBool() },
            StoreReplyKind.LeaseGrant => new StoreReply { Kind = StoreReplyKind.LeaseGrant, LeaseId = r.ReadVarInt(), LeaseTtl = r.ReadVarInt() },
            StoreReplyKind.Coordination => new StoreReply { Kind = StoreReplyKind.Coordination, Message = Encoding.UTF8.GetString(r.ReadBytes()) },
            StoreReplyKind.Done => new StoreReply { Kind = StoreReplyKind.Done },
            _ => throw new InvalidDataException($"store reply: unknown kind {kind}"),
        };
        if (!r.AtEnd)
        {
            throw new InvalidDataException("store reply: bytes left after the reply");
        }

        return reply with { Revision = revision };
    }

    private static StoreReply ReadError(ref CommandReader r)
    {
        ulong error = r.ReadVarUInt();
        if (error > (ulong)StoreError.UnknownCommand)
        {
            throw new InvalidDataException($"store reply: unknown error {error}");
        }

        return new StoreReply { Kind = StoreReplyKind.Error, Error = (StoreError)error, Message = Encoding.UTF8.GetString(r.ReadBytes()) };
    }

    private static void WriteKvs(CommandWriter w, IReadOnlyList<KeyValue> kvs)
    {
        w.WriteVarUInt((ulong)kvs.Count);
        foreach (KeyValue kv in kvs)
        {
            w.WriteBytes(kv.Key);
            w.WriteBytes(kv.Value);
            w.WriteVarInt(kv.CreateRevision);
            w.WriteVarInt(kv.ModRevision);
            w.WriteVarInt(kv.Version);
            w.WriteVarInt(kv.Lease);
        }
    }

    private static KeyValue[] ReadKvs(ref CommandReader r)
    {
        var kvs = new KeyValue[r.ReadCount()];
        for (int i = 0; i < kvs.Length; i++)
        {
            kvs[i] = new KeyValue
            {
                Key = r.ReadBytes(),
                Value = r.ReadBytes(),
                CreateRevision = r.ReadVarInt(),
                ModRevision = r.ReadVarInt(),
                Version = r.ReadVarInt(),
                Lease = r.ReadVarInt(),
            };
        }

        return kvs;
    }
}
