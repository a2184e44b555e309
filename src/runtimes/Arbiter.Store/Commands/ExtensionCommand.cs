namespace Arbiter.Store.Commands;

/// <summary>
/// The extension point for commands the key-value state machine does not know (the coordination service's locks,
/// semaphores, barriers, elections): the codec writes <see cref="Kind"/> then <see cref="WriteBody"/>, and decodes
/// with the decoder registered for that kind; the state machine hands it to its <c>IStoreExtension</c>.
/// </summary>
public abstract record ExtensionCommand : StoreCommand
{
    /// <summary>The command's kind, unique among the registered extension commands.</summary>
    public abstract ushort Kind { get; }

    /// <summary>Writes the command's fields (not its kind).</summary>
    /// <param name="writer">The writer.</param>
    public abstract void WriteBody(CommandWriter writer);
}
