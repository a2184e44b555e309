using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Replication;

/// <summary>
/// The binary form of a read sent to <see cref="StoreReplica.Query"/>: a format byte, then a range request's key,
/// range end, limit, revision and flags (keys only, count only). How strong the read is (ReadIndex, lease or
/// local) is Raft's business and travels in the client message, not here.
/// </summary>
public static class StoreQuery
{
    /// <summary>The format byte every query starts with.</summary>
    public const byte Format = 1;

    /// <summary>Encodes a range request.</summary>
    public static byte[] Encode(RangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var w = new CommandWriter(16 + request.Key.Length + request.RangeEnd.Length);
        w.WriteByte(Format);
        w.WriteBytes(request.Key);
        w.WriteBytes(request.RangeEnd);
        w.WriteVarInt(request.Limit);
        w.WriteVarInt(request.Revision);
        w.WriteByte((byte)((request.KeysOnly ? 1 : 0) | (request.CountOnly ? 2 : 0)));
        return w.ToArray();
    }

    /// <summary>A query for one key at the current revision.</summary>
    public static byte[] Get(byte[] key) => Encode(new RangeRequest { Key = key });

    /// <summary>Decodes a query; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static RangeRequest Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CommandReader(bytes);
        byte format = r.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"store query: format {format}, expected {Format}");
        }

        var key = r.ReadBytes();
        var end = r.ReadBytes();
        long limit = r.ReadVarInt();
        long revision = r.ReadVarInt();
        byte flags = r.ReadByte();
        if ((flags & ~3) != 0 || !r.AtEnd)
        {
            throw new InvalidDataException("store query: unknown flags or bytes left after the query");
        }

        return new RangeRequest { Key = key, RangeEnd = end, Limit = limit, Revision = revision, KeysOnly = (flags & 1) != 0, CountOnly = (flags & 2) != 0 };
    }
}
