using System.Buffers.Binary;

namespace Arbiter.Distributed.Tcp;

/// <summary>Length-prefixed frames on a stream: [length:4, big-endian][sender id:4][payload].</summary>
internal static class FrameIO
{
    public const int MaxFrame = 16 << 20;

    public static byte[] Build(int from, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length + 4);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), from);
        payload.CopyTo(frame, 8);
        return frame;
    }

    /// <summary>Reads one frame; null at a clean end of stream.</summary>
    public static async Task<(int From, byte[] Payload)?> ReadAsync(Stream stream, CancellationToken cancel)
    {
        var header = new byte[8];
        int got = await stream.ReadAtLeastAsync(header, 8, throwOnEndOfStream: false, cancel).ConfigureAwait(false);
        if (got < 8)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 4 || length > MaxFrame)
        {
            throw new InvalidDataException($"frame of {length} bytes");
        }

        var payload = new byte[length - 4];
        await stream.ReadExactlyAsync(payload, cancel).ConfigureAwait(false);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)), payload);
    }
}
