// Summary: the whole coordination state for Raft snapshots, written in a canonical order (owners by lease, resources
// by name, holders and queues in their own order), and read back into a new coordinator whose wait-for graph is
// rebuilt from it. Everything the coordinator answers depends only on this state (never on dictionary or detector
// internals), so a restored coordinator behaves identically. Cost: O(state) both ways.
using Arbiter.Core.Deadlock.Recovery;

namespace Arbiter.Store.Coordination;

public sealed partial class Coordinator
{
    private const int SnapshotVersion = 1;

    /// <summary>Writes the state (options included) to <paramref name="writer"/>.</summary>
    public void Snapshot(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write7BitEncodedInt(SnapshotVersion);
        var o = Options;
        var wt = o.EffectiveWeights;
        writer.Write(o.DetectDeadlocks);
        writer.Write((byte)o.Policy);
        writer.Write(o.Weights is not null);
        foreach (double x in new[] { wt.Priority, wt.CpuTime, wt.Held, wt.StillNeeded, wt.Rollbacks })
        {
            writer.Write(x);
        }

        writer.Write7BitEncodedInt64(_revision);
        writer.Write7BitEncodedInt64(DeadlocksBroken);
        writer.Write7BitEncodedInt(_ended.Count);
        foreach (var kv in _ended.OrderBy(kv => kv.Key))
        {
            writer.Write7BitEncodedInt64(kv.Key);
            writer.Write7BitEncodedInt64(kv.Value);
        }

        writer.Write7BitEncodedInt(_owners.Count);
        foreach (var owner in _owners.Values.OrderBy(x => x.Lease))
        {
            writer.Write7BitEncodedInt64(owner.Lease);
            WriteOptional(writer, owner.Name);
            writer.Write7BitEncodedInt64(owner.FirstSeen);
            writer.Write7BitEncodedInt(owner.Victimized);
        }

        writer.Write7BitEncodedInt(_resources.Count);
        foreach (var r in _resources.Values.OrderBy(x => x.Name, StringComparer.Ordinal))
        {
            writer.Write(r.Name);
            writer.Write((byte)r.Kind);
            writer.Write7BitEncodedInt(r.Capacity);
            writer.Write7BitEncodedInt64(r.Generation);
            writer.Write7BitEncodedInt(r.Holders.Count);
            foreach (var h in r.Holders)
            {
                writer.Write7BitEncodedInt64(h.Owner.Lease);
                writer.Write7BitEncodedInt(h.Units);
                writer.Write(h.Exclusive);
                writer.Write7BitEncodedInt64(h.Token);
                WriteOptional(writer, h.Value);
            }

            writer.Write7BitEncodedInt(r.Queue.Count);
            foreach (var w in r.Queue)
            {
                writer.Write7BitEncodedInt64(w.Owner.Lease);
                writer.Write7BitEncodedInt(w.Units);
                writer.Write(w.Exclusive);
                writer.Write7BitEncodedInt64(w.Since);
                WriteOptional(writer, w.Value);
            }

            writer.Write7BitEncodedInt(r.History.Count);
            foreach (var e in r.History)
            {
                writer.Write(e.Lease.HasValue);
                writer.Write7BitEncodedInt64(e.Lease ?? 0);
                WriteOptional(writer, e.Value);
                writer.Write7BitEncodedInt64(e.Token);
                writer.Write7BitEncodedInt64(e.Revision);
            }
        }
    }

    /// <summary>The state as bytes.</summary>
    public byte[] Snapshot()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Snapshot(writer);
        }

        return stream.ToArray();
    }

    /// <summary>A coordinator with the state written by <see cref="Snapshot(BinaryWriter)"/>.</summary>
    /// <exception cref="FormatException">Not a coordination snapshot, or an inconsistent one.</exception>
    public static Coordinator Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return Read(reader);
        }
        catch (EndOfStreamException)
        {
            throw new FormatException("truncated coordination snapshot");
        }
    }

    /// <summary>A coordinator with the state in <paramref name="snapshot"/>.</summary>
    public static Coordinator Restore(byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var reader = new BinaryReader(new MemoryStream(snapshot, writable: false));
        return Restore(reader);
    }

    private static Coordinator Read(BinaryReader reader)
    {
        int version = reader.Read7BitEncodedInt();
        if (version != SnapshotVersion)
        {
            throw new FormatException($"coordination snapshot version {version}, expected {SnapshotVersion}");
        }

        bool detect = reader.ReadBoolean();
        var policy = (DeadlockPolicy)reader.ReadByte();
        bool hasWeights = reader.ReadBoolean();
        var weights = new VictimCostWeights(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        var c = new Coordinator(new CoordinatorOptions(detect, policy, hasWeights ? weights : null))
        {
            _revision = reader.Read7BitEncodedInt64(),
            DeadlocksBroken = reader.Read7BitEncodedInt64(),
        };
        for (int i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            c._ended.Add(reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        }

        for (int i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            var owner = new OwnerState(reader.Read7BitEncodedInt64(), ReadOptional(reader), reader.Read7BitEncodedInt64())
            {
                Victimized = reader.Read7BitEncodedInt(),
            };
            c._owners.Add(owner.Lease, owner);
        }

        var graphResources = new List<ResourceState>();
        for (int i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            var r = new ResourceState(reader.ReadString(), (ResourceKind)reader.ReadByte(), reader.Read7BitEncodedInt())
            {
                Generation = reader.Read7BitEncodedInt64(),
            };
            for (int k = reader.Read7BitEncodedInt(); k > 0; k--)
            {
                var owner = c.OwnerForRestore(reader.Read7BitEncodedInt64());
                var hold = new Hold(owner, r, reader.Read7BitEncodedInt(), reader.ReadBoolean(), reader.Read7BitEncodedInt64(), ReadOptional(reader));
                r.AddHolder(hold);
                owner.Holds.Add(r.Name, hold);
            }

            for (int k = reader.Read7BitEncodedInt(); k > 0; k--)
            {
                var owner = c.OwnerForRestore(reader.Read7BitEncodedInt64());
                var wait = new WaitEntry(owner, r, reader.Read7BitEncodedInt(), reader.ReadBoolean(), reader.Read7BitEncodedInt64(), ReadOptional(reader));
                if (owner.Waiting is not null)
                {
                    throw new FormatException($"coordination snapshot: lease {owner.Lease} waits twice");
                }

                r.Queue.Add(wait);
                owner.Waiting = wait;
            }

            for (int k = reader.Read7BitEncodedInt(); k > 0; k--)
            {
                bool hasLease = reader.ReadBoolean();
                long lease = reader.Read7BitEncodedInt64();
                r.History.Add(new LeaderChanged(r.Name, hasLease ? lease : null, ReadOptional(reader), reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64()));
            }

            c._resources.Add(r.Name, r);
            graphResources.Add(r);
        }

        if (c._graph is not null)
        {
            foreach (var r in graphResources.Where(r => r.InGraph))
            {
                for (int k = 0; k < r.Queue.Count; k++)
                {
                    c._graph.SetTargets(r.Queue[k].Owner, TargetsOf(r, k));
                }
            }
        }

        return c;
    }

    private OwnerState OwnerForRestore(long lease)
        => _owners.TryGetValue(lease, out var owner) ? owner : throw new FormatException($"coordination snapshot: unknown lease {lease}");

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
