using System.Buffers.Binary;

namespace Arbiter.Store.Commands;

/// <summary>
/// Reads what <see cref="CommandWriter"/> wrote. A truncated or malformed input throws
/// <see cref="InvalidDataException"/>: log entries are checksummed by the log, so a bad one here is a bug, not input.
/// </summary>
public ref struct CommandReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Reads from <paramref name="data"/>.</summary>
    /// <param name="data">The encoded bytes.</param>
    public CommandReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _position == _data.Length;

    /// <summary>Reads one byte.</summary>
    /// <returns>The byte.</returns>
    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_position++];
    }

    /// <summary>Reads a boolean.</summary>
    /// <returns>The value.</returns>
    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"store codec: a boolean byte is {b}"),
    };

    /// <summary>Reads an unsigned varint.</summary>
    /// <returns>The value.</returns>
    public ulong ReadVarUInt()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("store codec: a varint is longer than 10 bytes");
    }

    /// <summary>Reads a zigzag-encoded signed varint.</summary>
    /// <returns>The value.</returns>
    public long ReadVarInt()
    {
        ulong raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a non-negative count (a varint that must fit an int and the remaining bytes).</summary>
    /// <returns>The count.</returns>
    public int ReadCount()
    {
        ulong n = ReadVarUInt();
        // Every element takes at least one byte, so a count above the bytes left is corrupt.
        if (n > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException($"store codec: a count of {n} is impossible here");
        }

        return (int)n;
    }

    /// <summary>Reads a fixed 8-byte little-endian number.</summary>
    /// <returns>The value.</returns>
    public ulong ReadFixed64()
    {
        if (_position + 8 > _data.Length)
        {
            throw Truncated();
        }

        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return v;
    }

    /// <summary>Reads a length-prefixed byte string into a new array.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ReadBytes()
    {
        ulong n = ReadVarUInt();
        if (n > (ulong)(_data.Length - _position))
        {
            throw Truncated();
        }

        var bytes = _data.Slice(_position, (int)n).ToArray();
        _position += (int)n;
        return bytes;
    }

    private readonly InvalidDataException Truncated() =>
        new($"store codec: the input ends early (at byte {_position} of {_data.Length})");
}
