using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Arbiter.Ipc.Framing;

/// <summary>
/// The 24-byte header in front of every payload: a length prefix plus what the receiver needs to check the frame.
/// Layout (little-endian): magic u32 · payload length u32 · kind u32 · checksum u32 · sequence u64. Pipes and
/// sockets carry a byte stream, so the length is the only way to find where a message ends; the magic word makes a
/// lost byte show up at once as a framing error instead of as garbage lengths later.
/// </summary>
/// <param name="Kind">What the frame asks of the peer.</param>
/// <param name="Sequence">Position of the frame in its direction, from 0; the receiver expects exactly the next one.</param>
/// <param name="PayloadLength">Bytes of payload after the header.</param>
/// <param name="Checksum"><see cref="FrameChecksum.Compute"/> of the sequence number and payload.</param>
public readonly record struct FrameHeader(FrameKind Kind, long Sequence, int PayloadLength, uint Checksum)
{
    /// <summary>Bytes of the header on the wire.</summary>
    public const int Size = 24;

    /// <summary>"IPC1" read as a little-endian u32.</summary>
    public const uint Magic = 0x3143_5049;

    /// <summary>Largest payload the framing accepts (16 MiB): a bound that keeps a corrupt length from allocating gigabytes.</summary>
    public const int MaxPayload = 16 * 1024 * 1024;

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)Kind);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Checksum);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Sequence);
    }

    /// <summary>Reads a header, rejecting a wrong magic word or an impossible length with <see cref="InvalidDataException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FrameHeader Read(ReadOnlySpan<byte> source)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (magic != Magic)
        {
            throw new InvalidDataException($"framing lost: expected magic 0x{Magic:x8}, read 0x{magic:x8}");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        if (length is < 0 or > MaxPayload)
        {
            throw new InvalidDataException($"framing lost: payload length {length} is outside 0..{MaxPayload}");
        }

        var kind = (FrameKind)BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        long sequence = BinaryPrimitives.ReadInt64LittleEndian(source[16..]);
        return new FrameHeader(kind, sequence, length, checksum);
    }

    /// <summary>A header for <paramref name="payload"/> with its checksum computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FrameHeader For(FrameKind kind, long sequence, ReadOnlySpan<byte> payload) =>
        new(kind, sequence, payload.Length, FrameChecksum.Compute(sequence, payload));
}
