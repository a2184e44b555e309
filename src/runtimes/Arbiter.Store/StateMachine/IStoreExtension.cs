using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.StateMachine;

/// <summary>
/// A part of the state machine that handles <see cref="ExtensionCommand"/>s (the coordination service). Its state
/// must be deterministic like the store's: change it only in these calls, and include it in the snapshot.
/// </summary>
public interface IStoreExtension
{
    /// <summary>Registers the decoders of the extension's commands.</summary>
    /// <param name="codec">The state machine's codec.</param>
    void Register(StoreCommandCodec codec);

    /// <summary>
    /// Applies one command. Keys written through <paramref name="context"/> take one store revision
    /// (<see cref="ExtensionContext.WriteRevision"/>) together. Check everything before the first write: there is no
    /// rollback.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="context">Access to the key-value store for this command.</param>
    /// <returns>The response for the client.</returns>
    StoreResponse Apply(ExtensionCommand command, ExtensionContext context);

    /// <summary>
    /// A lease is ending (revoked or expired), inside the write that deletes its keys: release what it holds;
    /// writes through <paramref name="context"/> share that revision.
    /// </summary>
    /// <param name="leaseId">The lease.</param>
    /// <param name="expired">True if the leader expired it.</param>
    /// <param name="context">Access to the key-value store.</param>
    void LeaseEnding(long leaseId, bool expired, ExtensionContext context);

    /// <summary>Writes the extension's state.</summary>
    /// <param name="writer">The snapshot writer.</param>
    void WriteSnapshot(CommandWriter writer);

    /// <summary>Replaces the extension's state with the one written by <see cref="WriteSnapshot"/>.</summary>
    /// <param name="reader">The snapshot reader.</param>
    void ReadSnapshot(ref CommandReader reader);
}
