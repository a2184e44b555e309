namespace Arbiter.Distributed.Tcp;

/// <summary>Turns an algorithm's messages (or records) into bytes and back, for the wire and the record file.</summary>
/// <typeparam name="T">The message or record type.</typeparam>
public interface IMessageCodec<T>
{
    /// <summary>The bytes of <paramref name="value"/>.</summary>
    byte[] Encode(T value);

    /// <summary>The value encoded in <paramref name="bytes"/>; throws <see cref="FormatException"/> on garbage.</summary>
    T Decode(ReadOnlySpan<byte> bytes);
}
