using Arbiter.Store.Commands;

namespace Arbiter.Store.Replication;

/// <summary>
/// Client sessions (Ongaro's dissertation §6.3, "Implementing linearizable semantics"): a log entry may carry the
/// proposing client's id and the operation's sequence number, so that a command proposed twice — a duplicated
/// message, or a retry after a <c>Failed</c> answer — takes effect once. <see cref="StoreReplica"/> keeps, per
/// client, the highest sequence applied and its reply: a repeat of it gets the same reply, an older one nothing.
/// </summary>
/// <remarks>
/// Layout: <c>'S'</c>, client (varint), sequence (varint), then the <see cref="StoreCommandCodec"/> bytes. The first
/// byte tells it from a bare command (whose format byte is <see cref="StoreCommandCodec.Format"/>). A client must
/// number its operations upwards and have at most one outstanding (the dissertation's assumption; with more, a
/// late lower number would be dropped). Sessions are never expired here (a bounded set of simulated clients).
/// </remarks>
public static class StoreReplicaSession
{
    /// <summary>The first byte of a session entry.</summary>
    public const byte Tag = (byte)'S';

    /// <summary>Wraps an encoded command with its client and sequence number.</summary>
    public static byte[] Wrap(long client, long sequence, ReadOnlySpan<byte> command)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        var w = new CommandWriter(command.Length + 12);
        w.WriteByte(Tag);
        w.WriteVarInt(client);
        w.WriteVarInt(sequence);
        foreach (byte b in command)
        {
            w.WriteByte(b);
        }

        return w.ToArray();
    }

    /// <summary>
    /// Reads a session entry's header; false (and nothing read) for a bare command. Throws
    /// <see cref="InvalidDataException"/> for a session entry whose header is cut short.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> entry, out long client, out long sequence, out int commandOffset)
    {
        (client, sequence, commandOffset) = (0, 0, 0);
        if (entry.IsEmpty || entry[0] != Tag)
        {
            return false;
        }

        int position = 1;
        client = ReadVarInt(entry, ref position);
        sequence = ReadVarInt(entry, ref position);
        commandOffset = position;
        return true;
    }

    /// <summary>A zigzag varint as <see cref="CommandWriter.WriteVarInt"/> writes it.</summary>
    private static long ReadVarInt(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("store session: the header ends early");
            }

            byte b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(value >> 1) ^ -(long)(value & 1);
            }
        }

        throw new InvalidDataException("store session: a varint is longer than 10 bytes");
    }
}
