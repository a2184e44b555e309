namespace Arbiter.Store.Commands;

/// <summary>
/// A command for the store's state machine: what a Raft log entry holds (encoded by <see cref="StoreCommandCodec"/>).
/// The coordination service's commands derive from <see cref="ExtensionCommand"/>.
/// </summary>
public abstract record StoreCommand;
