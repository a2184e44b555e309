using Arbiter.Store.Commands;
using Arbiter.Store.Coordination;

namespace Arbiter.Store.Replication;

/// <summary>A coordination command carried in the store's log (extension kind <see cref="KindId"/>).</summary>
/// <param name="Command">The coordination command.</param>
public sealed record CoordinationEntry(CoordinationCommand Command) : ExtensionCommand
{
    /// <summary>The extension kind the store's codec knows it by.</summary>
    public const ushort KindId = 1;

    /// <inheritdoc/>
    public override ushort Kind => KindId;

    /// <inheritdoc/>
    public override void WriteBody(CommandWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(CoordinationCodec.Encode(Command));
    }

    /// <summary>The decoder registered with the store's codec.</summary>
    public static ExtensionCommand Read(ref CommandReader reader) => new CoordinationEntry(CoordinationCodec.Decode(reader.ReadBytes()));
}
