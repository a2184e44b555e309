using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Commands;
using Arbiter.Store.Coordination;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Replication;

/// <summary>
/// The store as the state machine a Raft group replicates (<see cref="IRaftStateMachine"/>): a
/// <see cref="StoreStateMachine"/> with the coordination service plugged in (<see cref="CoordinationExtension"/>).
/// Log entries are <see cref="Commands.StoreCommandCodec"/> bytes; results and reads are <see cref="StoreReply"/>
/// bytes (<see cref="StoreReplyCodec"/>); queries are <see cref="StoreQuery"/> bytes.
/// </summary>
/// <remarks>
/// <para>Source: etcd's <c>server/etcdserver/server.go</c> (applyAll → applyEntries → apply, and the wait registry
/// that hands each result to the request that proposed it). Here the Raft driver (<see cref="RaftNode"/>) sends the
/// reply bytes to the proposing client, and <see cref="Applied"/> gives same-process callers (the HTTP server, the
/// watch hub) the full <see cref="StoreResult"/> of every applied index, raised synchronously inside
/// <see cref="Apply"/> so that nothing is applied between the event and the state it describes.</para>
/// <para>An entry that does not decode is refused on every replica alike (a deterministic answer, the state
/// unchanged) rather than thrown: an exception would stop the replica, and replicas must never disagree.</para>
/// <para>Lease expiry is the leader's decision, never a follower's clock (etcd issue 11456's lesson): the
/// extension point is that the leader-side <see cref="Lessor"/> — added by whoever owns the server — watches
/// <see cref="Applied"/> for grants, revokes and <see cref="StoreResult.EndedLeases"/>, and proposes a
/// <see cref="Commands.LeaseExpireCommand"/> through Raft like any other command; this replica applies it as it
/// applies a put. Nothing here reads a clock.</para>
/// <para>Client sessions (dissertation §6.3, <see cref="StoreReplicaSession"/>): an entry that carries a client id
/// and sequence number takes effect once however often it is proposed; the session table travels in the snapshot.</para>
/// <para>Cost: one decode plus the state machine's apply per entry; the reply encoding is O(result size).</para>
/// </remarks>
public sealed class StoreReplica : IRaftStateMachine
{
    private static ReadOnlySpan<byte> Magic => "ARSR"u8;

    // Client sessions (dissertation §6.3): per client, the highest sequence applied and the reply it got.
    private readonly SortedDictionary<long, (long Sequence, byte[] Reply)> _sessions = [];

    /// <summary>Creates an empty replica (revision 1, nothing applied).</summary>
    /// <param name="options">Settings every replica of the group must share.</param>
    /// <param name="coordination">The coordination service's settings (deadlock policy and so on).</param>
    public StoreReplica(StoreOptions? options = null, CoordinatorOptions? coordination = null)
    {
        Coordination = new CoordinationExtension(coordination);
        Machine = new StoreStateMachine(options, Coordination);
    }

    /// <summary>Raised for every applied log entry, during <see cref="Apply"/>, with the full result.</summary>
    public event EventHandler<StoreReplicaAppliedEventArgs>? Applied;

    /// <summary>The store's state machine (read it; write only through the log).</summary>
    public StoreStateMachine Machine { get; }

    /// <summary>The coordination service riding the same log.</summary>
    public CoordinationExtension Coordination { get; }

    /// <summary>The result of the last entry applied (null before the first).</summary>
    public StoreResult? LastResult { get; private set; }

    /// <inheritdoc/>
    public byte[] Apply(long index, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        long client = 0, sequence = 0;
        int offset = 0;
        bool session;
        try
        {
            session = StoreReplicaSession.TryRead(data, out client, out sequence, out offset);
        }
        catch (InvalidDataException e)
        {
            return Refuse(index, e);
        }

        if (session && _sessions.TryGetValue(client, out var last) && sequence <= last.Sequence)
        {
            // Proposed twice (a duplicated message, a retry after Failed): it took effect once. The repeat of the
            // latest gets the same reply; an older one nobody waits for any more.
            byte[] again = sequence == last.Sequence ? last.Reply : StoreReplyCodec.Encode(new StoreReply { Kind = StoreReplyKind.Done, Revision = Machine.Revision });
            var skipped = new StoreResult { Index = (ulong)index, Skipped = true, Revision = Machine.Revision };
            LastResult = skipped;
            Applied?.Invoke(this, new StoreReplicaAppliedEventArgs(index, skipped, StoreReplyCodec.Decode(again)));
            return again;
        }

        byte[] reply = ApplyCommand(index, data.AsSpan(offset));
        if (session)
        {
            _sessions[client] = (sequence, reply);
        }

        return reply;
    }

    private byte[] ApplyCommand(long index, ReadOnlySpan<byte> data)
    {
        StoreResult result;
        try
        {
            result = Machine.Apply((ulong)index, data);
        }
        catch (InvalidDataException e)
        {
            return Refuse(index, e);
        }

        StoreReply reply = ToReply(result);
        LastResult = result;
        Applied?.Invoke(this, new StoreReplicaAppliedEventArgs(index, result, reply));
        return StoreReplyCodec.Encode(reply);
    }

    /// <inheritdoc/>
    public byte[] Query(byte[] query)
    {
        ArgumentNullException.ThrowIfNull(query);
        RangeRequest request;
        try
        {
            request = StoreQuery.Decode(query);
        }
        catch (InvalidDataException e)
        {
            return StoreReplyCodec.Encode(StoreReply.Refused(StoreError.UnknownCommand, Machine.Revision) with { Message = $"arbiter: not a store query: {e.Message}" });
        }

        StoreError error = Machine.Range(request, out RangeResponse? response);
        return StoreReplyCodec.Encode(error != StoreError.None || response is null
            ? StoreReply.Refused(error == StoreError.None ? StoreError.EmptyKey : error, Machine.Revision)
            : Range(response));
    }

    /// <summary>The store's snapshot with the client sessions in front (sorted by client: equal replicas, equal bytes).</summary>
    /// <remarks>It runs on the Raft loop, so it is written once, in place, into a writer sized up front: the
    /// machine's bytes are nested as a length-prefixed string without a buffer of their own (one copy of the state
    /// in all, plus the returned array).</remarks>
    public byte[] Snapshot()
    {
        long sessions = 0;
        foreach (var (_, (_, reply)) in _sessions)
        {
            sessions += 25 + reply.Length;
        }

        var w = new CommandWriter((int)Math.Min(Array.MaxLength, 32 + sessions + Machine.SnapshotCapacity()));
        foreach (byte b in Magic)
        {
            w.WriteByte(b);
        }

        w.WriteVarUInt((ulong)_sessions.Count);
        foreach (var (client, (sequence, reply)) in _sessions)
        {
            w.WriteVarInt(client);
            w.WriteVarInt(sequence);
            w.WriteBytes(reply);
        }

        int machine = w.Length;
        Machine.WriteSnapshot(w);
        w.PrefixLength(machine);
        return w.ToArray();
    }

    /// <inheritdoc/>
    public void Restore(byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Length < Magic.Length || !snapshot.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("store replica snapshot: not a snapshot of this format");
        }

        var r = new CommandReader(snapshot.AsSpan(Magic.Length));
        var sessions = new List<(long, long, byte[])>();
        for (int n = r.ReadCount(), i = 0; i < n; i++)
        {
            sessions.Add((r.ReadVarInt(), r.ReadVarInt(), r.ReadBytes()));
        }

        byte[] machine = r.ReadBytes();
        if (!r.AtEnd)
        {
            throw new InvalidDataException("store replica snapshot: bytes left at the end");
        }

        Machine.Restore(machine);
        _sessions.Clear();
        foreach (var (client, sequence, reply) in sessions)
        {
            _sessions[client] = (sequence, reply);
        }
    }

    private byte[] Refuse(long index, InvalidDataException e)
    {
        // Every replica decodes the same bytes and so refuses them alike; the state is unchanged.
        var refused = StoreReply.Refused(StoreError.UnknownCommand, Machine.Revision) with { Message = $"arbiter: log entry {index} is not a store command: {e.Message}" };
        var result = new StoreResult { Index = (ulong)index, Error = StoreError.UnknownCommand, Revision = Machine.Revision };
        LastResult = result;
        Applied?.Invoke(this, new StoreReplicaAppliedEventArgs(index, result, refused));
        return StoreReplyCodec.Encode(refused);
    }

    /// <summary>The compact reply for a state machine result.</summary>
    public static StoreReply ToReply(StoreResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error != StoreError.None)
        {
            return StoreReply.Refused(result.Error, result.Revision);
        }

        return result.Response switch
        {
            PutResponse r => new StoreReply { Kind = StoreReplyKind.Put, Revision = r.Header.Revision },
            DeleteRangeResponse r => new StoreReply { Kind = StoreReplyKind.DeleteRange, Revision = r.Header.Revision, Deleted = r.Deleted },
            TxnResponse r => new StoreReply
            {
                Kind = StoreReplyKind.Txn,
                Revision = r.Header.Revision,
                Succeeded = r.Succeeded,
                Kvs = [.. r.Responses.Where(o => o.ResponseRange is not null).SelectMany(o => o.ResponseRange!.Kvs)],
            },
            RangeResponse r => Range(r),
            LeaseGrantResponse r => new StoreReply { Kind = StoreReplyKind.LeaseGrant, Revision = r.Header.Revision, LeaseId = r.Id, LeaseTtl = r.Ttl },
            CoordinationResponse r => new StoreReply
            {
                Kind = StoreReplyKind.Coordination,
                Revision = r.Header.Revision,
                Message = r.Outcome.Result is CoordinationError e ? $"{e.Code}: {e.Message}" : r.Outcome.Result.GetType().Name,
            },
            _ => new StoreReply { Kind = StoreReplyKind.Done, Revision = result.Revision },
        };
    }

    private static StoreReply Range(RangeResponse r) =>
        new() { Kind = StoreReplyKind.Range, Revision = r.Header.Revision, Kvs = r.Kvs, Count = r.Count, More = r.More };
}
