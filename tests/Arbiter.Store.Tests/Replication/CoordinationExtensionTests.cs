using System.Text;
using Arbiter.Store.Commands;
using Arbiter.Store.Coordination;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Tests.Replication;

/// <summary>The coordinator inside the store: one log, one revision counter, leases that release what they held.</summary>
public class CoordinationExtensionTests
{
    private sealed class Log
    {
        private ulong _index;

        public Log()
        {
            Extension = new CoordinationExtension();
            Machine = new StoreStateMachine(extension: Extension);
        }

        public CoordinationExtension Extension { get; private set; }

        public StoreStateMachine Machine { get; private set; }

        public List<byte[]> Entries { get; } = [];

        public StoreResult Apply(StoreCommand command)
        {
            byte[] entry = StoreCommandCodec.Encode(command); // through the codec, as the log carries it
            Entries.Add(entry);
            return Machine.Apply(++_index, entry);
        }

        public CoordinationOutcome Coordinate(CoordinationCommand command) =>
            ((CoordinationResponse)Apply(new CoordinationEntry(command)).Response!).Outcome;

        public void Grant(long id) => Apply(new LeaseGrantCommand(new LeaseGrantRequest { Id = id, Ttl = 60 }));
    }

    [Fact]
    public void Lock_HandedOverByRevoke_TokensAreTheGrantingRevisionsAndIncrease()
    {
        var log = new Log();
        log.Grant(1);
        log.Grant(2);

        var first = Assert.IsType<Granted>(log.Coordinate(new LockCommand("m", 1)).Result);
        long afterFirst = log.Machine.Revision;
        Assert.IsType<Queued>(log.Coordinate(new LockCommand("m", 2)).Result);
        log.Apply(new LeaseRevokeCommand(new LeaseRevokeRequest { Id = 1 }));
        var handed = Assert.IsType<WaiterGranted>(Assert.Single(log.Extension.TakeNotifications()));

        Assert.Equal(afterFirst, first.Token);                    // the lock command took its own revision
        Assert.Equal(log.Machine.Revision, handed.Token);         // the revoke's revision grants the waiter
        Assert.True(handed.Token > first.Token);
        Assert.Equal(2, handed.Lease);
    }

    [Fact]
    public void EveryCommand_TakesARevisionAndLeavesAVisibleKey()
    {
        var log = new Log();
        log.Grant(1);
        long before = log.Machine.Revision;

        log.Coordinate(new LockCommand("m", 1));
        log.Coordinate(new ReleaseCommand("m", 1));

        Assert.Equal(before + 2, log.Machine.Revision);
        Assert.NotNull(log.Machine.Kv.Get(Encoding.UTF8.GetBytes(CoordinationExtension.KeyPrefix + "m")));
    }

    [Fact]
    public void Lock_WithALeaseTheStoreNeverGranted_RefusedAndNoRevisionTaken()
    {
        var log = new Log();
        long before = log.Machine.Revision;

        var error = Assert.IsType<CoordinationError>(log.Coordinate(new LockCommand("m", 42)).Result);

        Assert.Equal(CoordinationErrorCode.LeaseExpired, error.Code);
        Assert.Equal(before, log.Machine.Revision);
    }

    [Fact]
    public void Snapshot_RestoredMidway_SameAnswersForTheRestOfTheLog()
    {
        var log = new Log();
        log.Grant(1);
        log.Grant(2);
        log.Coordinate(new LockCommand("m", 1));
        byte[] snapshot = log.Machine.Snapshot();
        ulong at = log.Machine.AppliedIndex;

        var copyExtension = new CoordinationExtension();
        var copy = new StoreStateMachine(extension: copyExtension);
        copy.Restore(snapshot);

        var a = log.Coordinate(new LockCommand("m", 2));
        byte[] lockEntry = log.Entries[^1];
        log.Apply(new LeaseRevokeCommand(new LeaseRevokeRequest { Id = 1 }));
        var b = copy.Apply(at + 1, lockEntry);
        copy.Apply(at + 2, log.Entries[^1]);

        Assert.Equal(a.Result, ((CoordinationResponse)b.Response!).Outcome.Result);
        Assert.Equal(log.Extension.TakeNotifications(), copyExtension.TakeNotifications());
        Assert.Equal(log.Machine.Snapshot(), copy.Snapshot());
    }
}
