using System.Buffers.Binary;

namespace Arbiter.Store.Commands;

/// <summary>
/// Appends the compact binary form of commands and snapshots: LEB128 varints (zigzag for signed numbers),
/// length-prefixed byte strings. Reusable: <see cref="Reset"/> keeps the buffer.
/// </summary>
public sealed class CommandWriter
{
    private byte[] _buffer;

    /// <summary>Creates a writer.</summary>
    /// <param name="capacity">The initial buffer size.</param>
    public CommandWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    /// <summary>A copy of the bytes written.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => Length = 0;

    /// <summary>Writes one byte.</summary>
    /// <param name="value">The byte.</param>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    /// <summary>Writes a boolean as one byte.</summary>
    /// <param name="value">The value.</param>
    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes an unsigned varint (1 byte below 128, at most 10).</summary>
    /// <param name="value">The value.</param>
    public void WriteVarUInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    /// <summary>Writes a signed varint, zigzag-encoded so small negative numbers stay short.</summary>
    /// <param name="value">The value.</param>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a fixed 8-byte little-endian number.</summary>
    /// <param name="value">The value.</param>
    public void WriteFixed64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(Length), value);
        Length += 8;
    }

    /// <summary>Writes a length-prefixed byte string.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarUInt((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>
    /// Turns the bytes written since <paramref name="start"/> into a length-prefixed byte string — the bytes
    /// <see cref="WriteBytes"/> would have written — by moving them right past their length. A large nested value
    /// (a snapshot inside a snapshot) is then written in place instead of into a writer of its own and copied.
    /// </summary>
    /// <param name="start">Where the value begins (a <see cref="Length"/> taken before writing it).</param>
    public void PrefixLength(int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Length);
        int length = Length - start;
        int size = VarUIntSize((ulong)length);
        Ensure(size);
        _buffer.AsSpan(start, length).CopyTo(_buffer.AsSpan(start + size)); // overlapping: Span copies as memmove
        int end = Length + size;
        Length = start;
        WriteVarUInt((ulong)length);
        Length = end;
    }

    /// <summary>How many bytes <see cref="WriteVarUInt"/> writes for <paramref name="value"/> (1 to 10).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The size.</returns>
    public static int VarUIntSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
        }
    }
}
