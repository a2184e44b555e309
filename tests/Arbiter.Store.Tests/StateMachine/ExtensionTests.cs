using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using static Arbiter.Store.Tests.StateMachine.Dsl;

namespace Arbiter.Store.Tests.StateMachine;

/// <summary>The extension point the coordination service plugs into: a toy lock table written against it.</summary>
public sealed class ExtensionTests
{
    [Fact]
    public void ExtensionCommand_DecodedAndDispatched_WritesShareOneRevision()
    {
        var locks = new LockTable();
        var m = new StoreStateMachine(extension: locks);
        m.Apply(1, new LeaseGrantCommand(new LeaseGrantRequest { Id = 9, Ttl = 10 }));
        var r = m.Apply(2, StoreCommandCodec.Encode(new Acquire("db", 9)));
        var granted = (LockGranted)r.Response!;
        Assert.Equal(2, granted.Fence);                 // the revision that granted it
        Assert.Equal([2L, 2L], r.Events.Select(e => e.Kv.ModRevision));
        Assert.Equal(2, m.Revision);
    }

    [Fact]
    public void LeaseExpiry_ExtensionReleasesInSameRevision_Reported()
    {
        var locks = new LockTable();
        var m = new StoreStateMachine(extension: locks);
        m.Apply(1, new LeaseGrantCommand(new LeaseGrantRequest { Id = 9, Ttl = 10 }));
        m.Apply(2, new Acquire("db", 9));
        var r = m.Apply(3, new LeaseExpireCommand([9]));
        Assert.Equal(new EndedLease(9, 3, true), r.EndedLeases.Single());
        Assert.Empty(locks.Held);
        // the extension's key and the lease's attached key both go at revision 3
        Assert.Equal([3L, 3L], r.Events.Select(e => e.Kv.ModRevision));
    }

    [Fact]
    public void Snapshot_IncludesExtensionState_UnknownExtensionRefused()
    {
        var m = new StoreStateMachine(extension: new LockTable());
        m.Apply(1, new LeaseGrantCommand(new LeaseGrantRequest { Id = 9, Ttl = 10 }));
        m.Apply(2, new Acquire("db", 9));
        var copy = new LockTable();
        new StoreStateMachine(extension: copy).Restore(m.Snapshot());
        Assert.Equal(["db"], copy.Held.Keys);
        Assert.Throws<InvalidDataException>(() => new StoreStateMachine().Restore(m.Snapshot()));
        Assert.Equal(StoreError.UnknownCommand, new StoreStateMachine().Apply(1, new Acquire("x", 1)).Error);
    }

    private sealed record Acquire(string Name, long Lease) : ExtensionCommand
    {
        public override ushort Kind => 1;

        public override void WriteBody(CommandWriter writer)
        {
            writer.WriteBytes(B(Name));
            writer.WriteVarInt(Lease);
        }
    }

    private sealed class LockGranted : StoreResponse
    {
        public long Fence { get; init; }
    }

    private sealed class LockTable : IStoreExtension
    {
        public SortedDictionary<string, long> Held { get; } = [];

        public void Register(StoreCommandCodec codec) => codec.Register(1, (ref CommandReader r) =>
            new Acquire(System.Text.Encoding.UTF8.GetString(r.ReadBytes()), r.ReadVarInt()));

        public StoreResponse Apply(ExtensionCommand command, ExtensionContext context)
        {
            var a = (Acquire)command;
            Held[a.Name] = a.Lease;
            context.Put(new PutRequest { Key = B("locks/" + a.Name), Value = B("held"), Lease = a.Lease }, out _);
            context.Put(new PutRequest { Key = B("fence/" + a.Name), Value = B(context.WriteRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)) }, out _);
            return new LockGranted { Header = new ResponseHeader { Revision = context.VisibleRevision }, Fence = context.WriteRevision };
        }

        public void LeaseEnding(long leaseId, bool expired, ExtensionContext context)
        {
            foreach (var name in Held.Where(h => h.Value == leaseId).Select(h => h.Key).ToList())
            {
                Held.Remove(name);
                context.DeleteRange(new DeleteRangeRequest { Key = B("fence/" + name) }, out _);
            }
        }

        public void WriteSnapshot(CommandWriter writer)
        {
            writer.WriteVarUInt((ulong)Held.Count);
            foreach (var (name, lease) in Held)
            {
                writer.WriteBytes(B(name));
                writer.WriteVarInt(lease);
            }
        }

        public void ReadSnapshot(ref CommandReader reader)
        {
            Held.Clear();
            int n = reader.ReadCount();
            for (int i = 0; i < n; i++)
            {
                Held[System.Text.Encoding.UTF8.GetString(reader.ReadBytes())] = reader.ReadVarInt();
            }
        }
    }
}
