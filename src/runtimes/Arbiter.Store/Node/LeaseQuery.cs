using Arbiter.Store.Commands;

namespace Arbiter.Store.Node;

/// <summary>
/// Keep-alive and time-to-live carried as a Raft <c>ClientRead</c>: the leader answers them from its
/// <see cref="Leases.Lessor"/> without the log (etcd does the same), and a follower forwards them to the leader like
/// any linearizable read. The query's first byte, <see cref="Format"/>, tells it from a store query
/// (<see cref="Replication.StoreQuery.Format"/>), so no new Raft message type is needed.
/// </summary>
/// <remarks>Layout: format, operation (1 keep-alive, 2 time-to-live), lease id (varint), keys flag. The answer: id, TTL,
/// granted TTL, revision (varints) and the attached keys (time-to-live with keys only).</remarks>
public static class LeaseQuery
{
    /// <summary>The first byte of a lease query.</summary>
    public const byte Format = (byte)'L';

    /// <summary>Operation byte: renew the lease once.</summary>
    public const byte KeepAliveOperation = 1;

    /// <summary>Operation byte: how long the lease has left.</summary>
    public const byte TimeToLiveOperation = 2;

    /// <summary>True when <paramref name="query"/> is a lease query.</summary>
    public static bool Is(ReadOnlySpan<byte> query) => query.Length > 0 && query[0] == Format;

    /// <summary>A keep-alive of lease <paramref name="id"/>.</summary>
    public static byte[] KeepAlive(long id) => Encode(KeepAliveOperation, id, keys: false);

    /// <summary>A time-to-live of lease <paramref name="id"/>, listing its keys if <paramref name="keys"/>.</summary>
    public static byte[] TimeToLive(long id, bool keys) => Encode(TimeToLiveOperation, id, keys);

    /// <summary>Decodes a query; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static (byte Operation, long Id, bool Keys) Decode(ReadOnlySpan<byte> query)
    {
        var r = new CommandReader(query);
        if (r.ReadByte() != Format)
        {
            throw new InvalidDataException("lease query: wrong format byte");
        }

        byte operation = r.ReadByte();
        long id = r.ReadVarInt();
        bool keys = r.ReadBool();
        if (operation is not (KeepAliveOperation or TimeToLiveOperation) || !r.AtEnd)
        {
            throw new InvalidDataException($"lease query: unknown operation {operation} or bytes left after the query");
        }

        return (operation, id, keys);
    }

    /// <summary>Encodes the leader's answer.</summary>
    public static byte[] EncodeAnswer(LeaseAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var w = new CommandWriter(32);
        w.WriteVarInt(answer.Id);
        w.WriteVarInt(answer.Ttl);
        w.WriteVarInt(answer.GrantedTtl);
        w.WriteVarInt(answer.Revision);
        w.WriteVarUInt((ulong)answer.Keys.Count);
        foreach (byte[] key in answer.Keys)
        {
            w.WriteBytes(key);
        }

        return w.ToArray();
    }

    /// <summary>Decodes the leader's answer; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static LeaseAnswer DecodeAnswer(ReadOnlySpan<byte> bytes)
    {
        var r = new CommandReader(bytes);
        long id = r.ReadVarInt(), ttl = r.ReadVarInt(), granted = r.ReadVarInt(), revision = r.ReadVarInt();
        var keys = new List<byte[]>();
        for (int n = r.ReadCount(), i = 0; i < n; i++)
        {
            keys.Add(r.ReadBytes());
        }

        if (!r.AtEnd)
        {
            throw new InvalidDataException("lease answer: bytes left at the end");
        }

        return new LeaseAnswer(id, ttl, granted, revision, keys);
    }

    private static byte[] Encode(byte operation, long id, bool keys)
    {
        var w = new CommandWriter(16);
        w.WriteByte(Format);
        w.WriteByte(operation);
        w.WriteVarInt(id);
        w.WriteBool(keys);
        return w.ToArray();
    }
}
