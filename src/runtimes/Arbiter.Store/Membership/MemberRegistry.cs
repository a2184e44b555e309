using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Membership;

/// <summary>
/// The replicated memory of which member ids were ever used: the highest, and those removed. Part of the store's state
/// machine, so it is in every snapshot and rebuilt by every replay — what a single process's memory is not.
/// </summary>
/// <remarks>
/// <para>Why: a Raft server id must never be reused (a stale message from the removed server would count for the new
/// one, dissertation §4.1's ids name servers for good). etcd avoids reuse with random 64-bit ids and remembers
/// removed ones (server/etcdserver/api/membership/cluster.go: <c>removed</c>, <c>IsIDRemoved</c>, "ID removed");
/// Arbiter keeps its small, readable ids and never hands one out twice: ids only grow.</para>
/// <para>Source: etcd's membership store (the removed-members bucket) for the removed set; the rest is Arbiter's.
/// Cost: O(1) per command but a removal, O(log r) for r removed ids; the snapshot is O(r).</para>
/// </remarks>
public sealed class MemberRegistry
{
    private readonly SortedSet<int> _removed = [];

    /// <summary>The highest member id ever used (0: no membership command applied yet).</summary>
    public int Highest { get; private set; }

    /// <summary>The ids removed (ascending).</summary>
    public IReadOnlyCollection<int> Removed => _removed;

    /// <summary>True when nothing was recorded (its snapshot part is then left out, as in files written before it existed).</summary>
    public bool IsEmpty => Highest == 0 && _removed.Count == 0;

    /// <summary>True when <paramref name="id"/> was removed (by a removal this registry recorded).</summary>
    public bool IsRemoved(int id) => _removed.Contains(id);

    /// <summary>Applies one command; returns its response, with <paramref name="header"/>. Every command raises
    /// <see cref="Highest"/> to its <see cref="MemberIdCommand.Known"/> at least: the proposer's ids are used ids.</summary>
    public MemberIdResponse Apply(MemberIdCommand command, ResponseHeader header)
    {
        ArgumentNullException.ThrowIfNull(command);
        int floor = Math.Max(Highest, Math.Max(command.Known, 0));
        int id;
        switch (command.Action)
        {
            case MemberIdAction.Next:
                id = floor + 1;
                Highest = id;
                break;
            case MemberIdAction.Claim when command.Member > floor:
                id = command.Member;
                Highest = id;
                break;
            case MemberIdAction.Claim:
                id = 0; // not above every id ever used: it may be a removed server's (refused; the floor still counts)
                Highest = floor;
                break;
            case MemberIdAction.Remove when command.Member > 0:
                id = command.Member;
                Highest = Math.Max(floor, id);
                _removed.Add(id);
                break;
            default:
                throw new InvalidDataException($"member id command: {command.Action} of {command.Member}");
        }

        return new MemberIdResponse { Header = header, Id = id, Highest = Highest };
    }

    /// <summary>Writes the registry: the highest id, then the removed ids ascending.</summary>
    public void WriteSnapshot(CommandWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt(Highest);
        writer.WriteVarUInt((ulong)_removed.Count);
        foreach (int id in _removed)
        {
            writer.WriteVarInt(id);
        }
    }

    /// <summary>Replaces the registry with the one <see cref="WriteSnapshot"/> wrote.</summary>
    public void ReadSnapshot(ref CommandReader reader)
    {
        long highest = reader.ReadVarInt();
        var removed = new List<int>();
        for (int n = reader.ReadCount(), i = 0; i < n; i++)
        {
            removed.Add(ToId(reader.ReadVarInt()));
        }

        Highest = ToId(highest);
        _removed.Clear();
        _removed.UnionWith(removed);
    }

    private static int ToId(long value) =>
        value is >= 0 and <= int.MaxValue ? (int)value : throw new InvalidDataException($"member registry: id {value} out of range");
}
