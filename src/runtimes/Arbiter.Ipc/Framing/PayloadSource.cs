using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Arbiter.Ipc.Framing;

/// <summary>
/// Payloads for the sender: one buffer of seeded random bytes, stamped with the frame's sequence number in its first
/// 8 bytes so that no two frames carry the same payload (a duplicated or swapped frame cannot pass the checksum by
/// luck). Stamping instead of regenerating keeps the sender's cost per message a copy, not a random-number loop.
/// </summary>
public sealed class PayloadSource
{
    private readonly byte[] _buffer;

    /// <summary>Payloads of <paramref name="size"/> bytes.</summary>
    public PayloadSource(int size, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, FrameHeader.MaxPayload);
        _buffer = new byte[size];
        new Random(seed).NextBytes(_buffer);
    }

    /// <summary>Payload bytes per frame.</summary>
    public int Size => _buffer.Length;

    /// <summary>The payload of frame <paramref name="sequence"/>; valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> For(long sequence)
    {
        if (_buffer.Length >= sizeof(long))
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer, sequence);
        }

        return _buffer;
    }
}
