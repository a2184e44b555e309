using System.Text.Json;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// A codec over System.Text.Json. For a message hierarchy, mark the abstract base with
/// <c>[JsonPolymorphic]</c> and one <c>[JsonDerivedType(typeof(Sub), "name")]</c> per kind, and the type
/// discriminator travels with each message.
/// </summary>
/// <typeparam name="T">The message or record type.</typeparam>
public sealed class JsonMessageCodec<T> : IMessageCodec<T>
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <inheritdoc/>
    public byte[] Encode(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <inheritdoc/>
    public T Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new FormatException($"null {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a {typeof(T).Name}: {e.Message}", e);
        }
    }
}
