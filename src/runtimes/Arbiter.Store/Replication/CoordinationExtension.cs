using System.Text;
using Arbiter.Store.Commands;
using Arbiter.Store.Coordination;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Replication;

/// <summary>
/// Plugs the <see cref="Coordinator"/> into the store's state machine: coordination commands ride the same log and the
/// same revision counter as key-value writes, and a lease's end releases what its owner held in the same revision.
/// </summary>
/// <remarks>
/// <para>Every coordination command takes a revision of its own, and that revision is the fencing token of any grant
/// it makes. The store only advances the revision when a key changes, so each command records itself in a key,
/// <c>arbiter/coordination/&lt;resource&gt;</c> (etcd's lock recipe likewise makes a key per acquisition): without it, a
/// release that hands a lock over would reuse the previous command's revision and two holders could present the
/// same token. The keys are ordinary keys: a client may watch them to see a lock change hands.</para>
/// <para>Notifications (grants to waiters, deadlock victims, leader changes) are collected per applied entry; the
/// replica drains them with <see cref="TakeNotifications"/> and hands them to whoever waits on this server.</para>
/// </remarks>
public sealed class CoordinationExtension : IStoreExtension
{
    /// <summary>The prefix of the keys coordination commands write.</summary>
    public const string KeyPrefix = "arbiter/coordination/";

    private readonly List<CoordinationNotification> _notifications = [];

    /// <summary>Creates the extension with a fresh coordinator.</summary>
    public CoordinationExtension(CoordinatorOptions? options = null)
    {
        Coordinator = new Coordinator(options);
    }

    /// <summary>The coordinator (replaced when a snapshot is restored).</summary>
    public Coordinator Coordinator { get; private set; }

    /// <summary>Notifications made since the last call, in order.</summary>
    public IReadOnlyList<CoordinationNotification> TakeNotifications()
    {
        CoordinationNotification[] taken = [.. _notifications];
        _notifications.Clear();
        return taken;
    }

    /// <inheritdoc/>
    public void Register(StoreCommandCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        codec.Register(CoordinationEntry.KindId, CoordinationEntry.Read);
    }

    /// <inheritdoc/>
    public StoreResponse Apply(ExtensionCommand command, ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (command is not CoordinationEntry entry)
        {
            throw new ArgumentException($"not a coordination command: {command.GetType().Name}", nameof(command));
        }

        string resource = entry.Command.Resource.Length > 0 ? entry.Command.Resource : "leases";
        long revision = context.WriteRevision;
        if (entry.Command is not LeaseEndedCommand && !context.LeaseExists(entry.Command.Lease)
            && Coordinator.CheckHolder(resource, entry.Command.Lease) is not CoordinationError { Code: CoordinationErrorCode.LeaseExpired })
        {
            // An owner is a live lease of the store. One the coordinator has seen end answers LeaseExpired by itself;
            // one it never saw must not be granted anything, or a lock could outlive a lease that never existed.
            var refused = new CoordinationError(CoordinationErrorCode.LeaseExpired, resource, entry.Command.Lease,
                $"lease {entry.Command.Lease} not found: grant a lease first (an owner is a live lease)");
            return new CoordinationResponse { Header = new ResponseHeader { Revision = context.VisibleRevision }, Outcome = new CoordinationOutcome(refused, []) };
        }

        CoordinationOutcome outcome = Coordinator.Apply(entry.Command, revision);
        _notifications.AddRange(outcome.Notifications);
        Record(context, resource, $"{entry.Command.GetType().Name} by lease {entry.Command.Lease}: {outcome.Result.GetType().Name}");
        return new CoordinationResponse { Header = new ResponseHeader { Revision = revision }, Outcome = outcome };
    }

    /// <inheritdoc/>
    public void LeaseEnding(long leaseId, bool expired, ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CoordinationOutcome outcome = Coordinator.LeaseEnded(leaseId, context.WriteRevision);
        _notifications.AddRange(outcome.Notifications);
        Record(context, "leases", $"lease {leaseId} {(expired ? "expired" : "revoked")}");
    }

    /// <inheritdoc/>
    public void WriteSnapshot(CommandWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(Coordinator.Snapshot());
    }

    /// <inheritdoc/>
    public void ReadSnapshot(ref CommandReader reader)
    {
        Coordinator = Coordinator.Restore(reader.ReadBytes());
        _notifications.Clear();
    }

    private static void Record(ExtensionContext context, string resource, string what)
    {
        var put = new PutRequest { Key = Encoding.UTF8.GetBytes(KeyPrefix + resource), Value = Encoding.UTF8.GetBytes(what) };
        StoreError error = context.Put(put, out _);
        System.Diagnostics.Debug.Assert(error == StoreError.None, "a coordination record is a plain put");
    }
}
