// Summary: a compact, versioned binary form of CoordinationCommand for the Raft log: one tag byte, then the fields
// in declaration order — integers as LEB128 varints (BinaryWriter's 7-bit encoding), strings as a varint byte length
// and UTF-8, an optional string as a presence byte then the string, flags packed in one byte. Decoding refuses
// unknown tags, truncated input and trailing bytes (FormatException), so a corrupt entry is never half-applied.
// Cost: O(size of the strings) both ways.
using System.Text;

namespace Arbiter.Store.Coordination;

/// <summary>Encodes and decodes <see cref="CoordinationCommand"/>s (round trip: Decode(Encode(c)) == c).</summary>
public static class CoordinationCodec
{
    private const byte Lock = 1, ReadWrite = 2, Acquire = 3, Release = 4, Arrive = 5, Campaign = 6, Proclaim = 7, Resign = 8, LeaseEnded = 9;
    private const byte TryFlag = 1, WriteFlag = 2;

    /// <summary>The bytes of <paramref name="command"/>.</summary>
    public static byte[] Encode(CoordinationCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var stream = new MemoryStream(32);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            switch (command)
            {
                case LockCommand c:
                    w.Write(Lock);
                    w.Write(c.Mutex);
                    w.Write7BitEncodedInt64(c.Lease);
                    WriteOptional(w, c.Name);
                    w.Write(c.Try ? TryFlag : (byte)0);
                    break;
                case ReadWriteLockCommand c:
                    w.Write(ReadWrite);
                    w.Write(c.Lock);
                    w.Write7BitEncodedInt64(c.Lease);
                    WriteOptional(w, c.Name);
                    w.Write((byte)((c.Try ? TryFlag : 0) | (c.Write ? WriteFlag : 0)));
                    break;
                case AcquireCommand c:
                    w.Write(Acquire);
                    w.Write(c.Semaphore);
                    w.Write7BitEncodedInt(c.Permits);
                    w.Write7BitEncodedInt(c.Units);
                    w.Write7BitEncodedInt64(c.Lease);
                    WriteOptional(w, c.Name);
                    w.Write(c.Try ? TryFlag : (byte)0);
                    break;
                case ReleaseCommand c:
                    w.Write(Release);
                    w.Write(c.Resource);
                    w.Write7BitEncodedInt64(c.Lease);
                    break;
                case ArriveCommand c:
                    w.Write(Arrive);
                    w.Write(c.Barrier);
                    w.Write7BitEncodedInt(c.Parties);
                    w.Write7BitEncodedInt64(c.Lease);
                    WriteOptional(w, c.Name);
                    break;
                case CampaignCommand c:
                    w.Write(Campaign);
                    w.Write(c.Election);
                    w.Write(c.Value);
                    w.Write7BitEncodedInt64(c.Lease);
                    WriteOptional(w, c.Name);
                    break;
                case ProclaimCommand c:
                    w.Write(Proclaim);
                    w.Write(c.Election);
                    w.Write(c.Value);
                    w.Write7BitEncodedInt64(c.Lease);
                    break;
                case ResignCommand c:
                    w.Write(Resign);
                    w.Write(c.Election);
                    w.Write7BitEncodedInt64(c.Lease);
                    break;
                case LeaseEndedCommand c:
                    w.Write(LeaseEnded);
                    w.Write7BitEncodedInt64(c.Lease);
                    break;
                default:
                    throw new ArgumentException($"unknown coordination command {command.GetType().Name}", nameof(command));
            }
        }

        return stream.ToArray();
    }

    /// <summary>The command in <paramref name="bytes"/>.</summary>
    /// <exception cref="FormatException">Unknown tag, truncated or trailing bytes, invalid UTF-8 or flags.</exception>
    public static CoordinationCommand Decode(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            byte tag = r.ReadByte();
            CoordinationCommand command = tag switch
            {
                Lock => DecodeLock(r),
                ReadWrite => DecodeReadWrite(r),
                Acquire => new AcquireCommand(r.ReadString(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt64(), ReadOptional(r), ReadFlags(r, TryFlag) == TryFlag),
                Release => new ReleaseCommand(r.ReadString(), r.Read7BitEncodedInt64()),
                Arrive => new ArriveCommand(r.ReadString(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt64(), ReadOptional(r)),
                Campaign => new CampaignCommand(r.ReadString(), r.ReadString(), r.Read7BitEncodedInt64(), ReadOptional(r)),
                Proclaim => new ProclaimCommand(r.ReadString(), r.ReadString(), r.Read7BitEncodedInt64()),
                Resign => new ResignCommand(r.ReadString(), r.Read7BitEncodedInt64()),
                LeaseEnded => new LeaseEndedCommand(r.Read7BitEncodedInt64()),
                _ => throw new FormatException($"unknown coordination command tag {tag}"),
            };
            if (stream.Position != stream.Length)
            {
                throw new FormatException($"{stream.Length - stream.Position} trailing bytes after a coordination command");
            }

            return command;
        }
        catch (EndOfStreamException)
        {
            throw new FormatException("truncated coordination command");
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("coordination command with invalid UTF-8");
        }
    }

    private static LockCommand DecodeLock(BinaryReader r)
    {
        string mutex = r.ReadString();
        long lease = r.Read7BitEncodedInt64();
        string? name = ReadOptional(r);
        return new LockCommand(mutex, lease, name, ReadFlags(r, TryFlag) == TryFlag);
    }

    private static ReadWriteLockCommand DecodeReadWrite(BinaryReader r)
    {
        string name = r.ReadString();
        long lease = r.Read7BitEncodedInt64();
        string? owner = ReadOptional(r);
        byte flags = ReadFlags(r, TryFlag | WriteFlag);
        return new ReadWriteLockCommand(name, (flags & WriteFlag) != 0, lease, owner, (flags & TryFlag) != 0);
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadByte() switch
    {
        0 => null,
        1 => r.ReadString(),
        byte b => throw new FormatException($"invalid presence byte {b}"),
    };

    private static byte ReadFlags(BinaryReader r, int allowed)
    {
        byte flags = r.ReadByte();
        if ((flags & ~allowed) != 0)
        {
            throw new FormatException($"invalid flags {flags}");
        }

        return flags;
    }
}
