using System.Diagnostics;
using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Membership;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.StateMachine;

/// <summary>
/// The store as a deterministic state machine over the Raft log: <see cref="Apply(ulong, ReadOnlySpan{byte})"/>
/// takes committed entries in index order and answers with a <see cref="StoreResult"/>; reads that bypass the log
/// (ReadIndex, serializable) use <see cref="Range"/>; <see cref="Snapshot"/> / <see cref="Restore"/> let Raft
/// compact its log.
/// </summary>
/// <remarks>
/// <para>Source: etcd's <c>server/etcdserver/apply.go</c> (applyV3 for put, delete range, txn, compaction, lease
/// grant/revoke) over <see cref="MvccStore"/> and <see cref="LeaseTable"/>. No clock, no randomness, no I/O: the same
/// entries give the same state, the same responses and the same events on every replica.</para>
/// <para>Entries at or below <see cref="AppliedIndex"/> are skipped, so Raft may replay its log after a restart from a
/// snapshot. A refused command (an error) changes nothing but still advances the applied index.</para>
/// </remarks>
public sealed class StoreStateMachine
{
    private static ReadOnlySpan<byte> Magic => "ARBS"u8;

    private readonly StoreOptions _options;
    private readonly IStoreExtension? _extension;
    private MvccStore _kv = new();
    private LeaseTable _leases = new();
    private MemberRegistry _members = new();

    /// <summary>Creates an empty store (revision 1, applied index 0).</summary>
    /// <param name="options">Settings shared by every replica.</param>
    /// <param name="extension">The handler of extension commands (the coordination service), if any.</param>
    public StoreStateMachine(StoreOptions? options = null, IStoreExtension? extension = null)
    {
        _options = options ?? new StoreOptions();
        _extension = extension;
        extension?.Register(Codec);
    }

    /// <summary>The codec of this machine's log entries (extension commands registered).</summary>
    public StoreCommandCodec Codec { get; } = new();

    /// <summary>The index of the last entry applied (0 when none).</summary>
    public ulong AppliedIndex { get; private set; }

    /// <summary>The current store revision.</summary>
    public long Revision => _kv.CurrentRevision;

    /// <summary>The last compaction's revision (0 if none).</summary>
    public long CompactRevision => _kv.CompactRevision;

    /// <summary>The key-value store, for reads and the watch hub's history (do not write to it).</summary>
    public MvccStore Kv => _kv;

    /// <summary>The member ids ever used and removed (read it; write only through <see cref="MemberIdCommand"/>s).</summary>
    public MemberRegistry Members => _members;

    /// <summary>Decodes and applies one committed log entry.</summary>
    /// <param name="index">Its log index.</param>
    /// <param name="entry">Its bytes (from <see cref="StoreCommandCodec"/>).</param>
    /// <returns>What it did.</returns>
    public StoreResult Apply(ulong index, ReadOnlySpan<byte> entry) =>
        index <= AppliedIndex ? Skip(index) : Apply(index, Codec.Decode(entry));

    /// <summary>Applies one command already decoded (the embedded single-node store skips the codec).</summary>
    /// <param name="index">Its log index.</param>
    /// <param name="command">The command.</param>
    /// <returns>What it did.</returns>
    public StoreResult Apply(ulong index, StoreCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (index <= AppliedIndex)
        {
            return Skip(index);
        }

        var writer = new KvWriter(_kv, _leases);
        var ended = new List<EndedLease>();
        StoreError error;
        StoreResponse? response;
        switch (command)
        {
            case PutCommand c:
                (error, response) = InWrite(writer, () => writer.CheckPut(c.Request), () => writer.Put(c.Request));
                break;
            case DeleteRangeCommand c:
                (error, response) = InWrite(
                    writer,
                    () => c.Request.Key.Length == 0 ? StoreError.EmptyKey : StoreError.None,
                    () => writer.DeleteRange(c.Request));
                break;
            case TxnCommand c:
                (error, response) = Txn(writer, c.Request);
                break;
            case CompactCommand c:
                error = _kv.Compact(c.Request.Revision);
                response = new CompactionResponse { Header = Header() };
                break;
            case LeaseGrantCommand c:
                (error, response) = Grant(c.Request);
                break;
            case LeaseRevokeCommand c:
                error = _leases.Exists(c.Request.Id) ? StoreError.None : StoreError.LeaseNotFound;
                if (error == StoreError.None)
                {
                    ended.Add(EndLease(writer, c.Request.Id, expired: false, index));
                }

                response = new LeaseRevokeResponse { Header = Header() };
                break;
            case LeaseExpireCommand c:
                var expired = new List<long>();
                foreach (var id in c.Ids)
                {
                    // A lease revoked (or expired by an earlier batch) since the leader decided is simply gone.
                    if (_leases.Exists(id))
                    {
                        ended.Add(EndLease(writer, id, expired: true, index));
                        expired.Add(id);
                    }
                }

                error = StoreError.None;
                response = new LeaseExpireResponse { Header = Header(), Expired = expired };
                break;
            case ExtensionCommand c when _extension is not null:
                _kv.BeginWrite();
                response = _extension.Apply(c, new ExtensionContext(writer, index));
                _kv.EndWrite();
                error = StoreError.None;
                break;
            case ExtensionCommand:
                (error, response) = (StoreError.UnknownCommand, null);
                break;
            case MemberIdCommand c:
                error = StoreError.None;
                response = _members.Apply(c, Header());
                break;
            default:
                throw new ArgumentException($"the state machine cannot apply {command.GetType().Name}", nameof(command));
        }

        AppliedIndex = index;
        return new StoreResult
        {
            Index = index,
            Command = command,
            Error = error,
            Response = error == StoreError.None ? response : null,
            Events = writer.Events,
            EndedLeases = ended,
            Revision = _kv.CurrentRevision,
        };
    }

    /// <summary>A read that bypasses the log (at the current revision or the one asked for).</summary>
    /// <param name="request">The range.</param>
    /// <param name="response">The response when the result is none.</param>
    /// <returns>The error (compacted, future revision, empty key) or none.</returns>
    public StoreError Range(RangeRequest request, out RangeResponse? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _kv.Range(request, out response);
    }

    /// <summary>etcd's LeaseTimeToLive: the granted TTL and keys from the replicated state, the time left from the leader's lessor.</summary>
    /// <param name="request">The request.</param>
    /// <param name="lessor">The leader's lessor (null: report the granted TTL as TTL).</param>
    /// <param name="now">The leader's clock, for the lessor.</param>
    /// <returns>The response (TTL -1 for an unknown lease, as etcd).</returns>
    public LeaseTimeToLiveResponse LeaseTimeToLive(LeaseTimeToLiveRequest request, Lessor? lessor = null, TimeSpan now = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_leases.Exists(request.Id))
        {
            return new LeaseTimeToLiveResponse { Header = Header(), Id = request.Id, Ttl = -1 };
        }

        byte[][] keys = [];
        if (request.Keys)
        {
            keys = [.. _leases.KeysOf(request.Id)];
            Array.Sort(keys, ByteKeys.Instance);
        }

        long granted = _leases.GrantedTtl(request.Id);
        return new LeaseTimeToLiveResponse
        {
            Header = Header(),
            Id = request.Id,
            GrantedTtl = granted,
            Ttl = lessor is { IsPrimary: true } ? lessor.RemainingSeconds(request.Id, now) : granted,
            Keys = keys,
        };
    }

    /// <summary>etcd's LeaseLeases: every live lease.</summary>
    /// <returns>The leases by id.</returns>
    public LeaseLeasesResponse LeaseLeases() => new() { Header = Header(), Leases = [.. _leases.All()] };

    /// <summary>The whole state (applied index included) as bytes; restoring it gives an equal machine.</summary>
    /// <returns>The snapshot.</returns>
    public byte[] Snapshot()
    {
        var w = new CommandWriter(SnapshotCapacity());
        WriteSnapshot(w);
        return w.ToArray();
    }

    /// <summary>A writer size that holds the whole <see cref="WriteSnapshot"/> (the history's bound plus room for the
    /// leases and the extension, which are small beside it; the writer still grows if they are not).</summary>
    internal int SnapshotCapacity() => (int)Math.Min(Array.MaxLength, (1 << 16) + _kv.SnapshotSizeBound());

    /// <summary>Writes what <see cref="Snapshot"/> returns into <paramref name="w"/> (so a caller can nest it without a copy).</summary>
    internal void WriteSnapshot(CommandWriter w)
    {
        foreach (var b in Magic)
        {
            w.WriteByte(b);
        }

        w.WriteByte(StoreCommandCodec.Format);
        w.WriteFixed64(AppliedIndex);
        _kv.WriteSnapshot(w);
        _leases.WriteSnapshot(w);
        w.WriteBool(_extension is not null);
        _extension?.WriteSnapshot(w);
        if (!_members.IsEmpty)
        {
            // Optional trailer: a store whose membership never changed writes the bytes it wrote before the registry
            // existed, and a snapshot written before then reads as an empty registry.
            _members.WriteSnapshot(w);
        }
    }

    /// <summary>Replaces the whole state with a snapshot's (Raft's InstallSnapshot, or a restart).</summary>
    /// <param name="snapshot">Bytes from <see cref="Snapshot"/>.</param>
    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        if (snapshot.Length < 5 || !snapshot[..4].SequenceEqual(Magic) || snapshot[4] != StoreCommandCodec.Format)
        {
            throw new InvalidDataException("store snapshot: not a snapshot of this format");
        }

        var r = new CommandReader(snapshot[5..]);
        var appliedIndex = r.ReadFixed64();
        var kv = new MvccStore();
        kv.ReadSnapshot(ref r);
        var leases = new LeaseTable();
        leases.ReadSnapshot(ref r, kv);
        bool hasExtension = r.ReadBool();
        if (hasExtension != (_extension is not null))
        {
            throw new InvalidDataException("store snapshot: the extension (coordination service) does not match this machine's");
        }

        _extension?.ReadSnapshot(ref r);
        var members = new MemberRegistry();
        if (!r.AtEnd)
        {
            members.ReadSnapshot(ref r);
        }

        if (!r.AtEnd)
        {
            throw new InvalidDataException("store snapshot: bytes left at the end");
        }

        (_kv, _leases, _members, AppliedIndex) = (kv, leases, members, appliedIndex);
    }

    private StoreResult Skip(ulong index) => new() { Index = index, Skipped = true, Revision = _kv.CurrentRevision };

    private ResponseHeader Header() => new() { Revision = _kv.CurrentRevision };

    private (StoreError, StoreResponse?) InWrite(KvWriter writer, Func<StoreError> check, Func<StoreResponse> run)
    {
        var error = check();
        if (error != StoreError.None)
        {
            return (error, null);
        }

        _kv.BeginWrite();
        var response = run();
        _kv.EndWrite();
        Debug.Assert(writer.Events.Count == 0 || _kv.CurrentRevision == writer.Events[^1].Kv.ModRevision, "events carry the new revision");
        return (StoreError.None, response);
    }

    private (StoreError, StoreResponse?) Grant(LeaseGrantRequest g)
    {
        if (g.Id < 0)
        {
            return (StoreError.InvalidLeaseId, null);
        }

        if (g.Ttl > LeaseTable.MaxTtl)
        {
            return (StoreError.LeaseTtlTooLarge, null);
        }

        long id = g.Id == 0 ? _leases.NextId() : g.Id;
        if (_leases.Exists(id))
        {
            return (StoreError.LeaseExists, null);
        }

        long ttl = Math.Max(g.Ttl, _options.MinLeaseTtl);
        _leases.Grant(id, ttl);
        return (StoreError.None, new LeaseGrantResponse { Header = Header(), Id = id, Ttl = ttl });
    }

    private EndedLease EndLease(KvWriter writer, long id, bool expired, ulong index)
    {
        _kv.BeginWrite();
        _extension?.LeaseEnding(id, expired, new ExtensionContext(writer, index));
        writer.EndLease(id);
        _kv.EndWrite();
        return new EndedLease(id, _kv.CurrentRevision, expired);
    }

    private (StoreError, StoreResponse?) Txn(KvWriter writer, TxnRequest t)
    {
        var error = TxnChecks.CheckBranch(t.Success);
        if (error == StoreError.None)
        {
            error = TxnChecks.CheckBranch(t.Failure);
        }

        if (error == StoreError.None)
        {
            error = TxnChecks.CheckCompares(t.Compare);
        }

        if (error != StoreError.None)
        {
            return (error, null);
        }

        bool succeeded = t.Compare.All(c => TxnChecks.Holds(_kv, c));
        var ops = succeeded ? t.Success : t.Failure;
        foreach (var op in ops)
        {
            error = op switch
            {
                { RequestPut: { } p } => writer.CheckPut(p),
                { RequestDeleteRange: { } d } => d.Key.Length == 0 ? StoreError.EmptyKey : StoreError.None,
                { RequestRange: { } q } => TxnChecks.CheckRange(_kv, q),
                _ => StoreError.None,
            };
            if (error != StoreError.None)
            {
                return (error, null);
            }
        }

        _kv.BeginWrite();
        var responses = new List<ResponseOp>(ops.Count);
        foreach (var op in ops)
        {
            if (op.RequestPut is { } p)
            {
                responses.Add(new ResponseOp { ResponsePut = writer.Put(p) });
            }
            else if (op.RequestDeleteRange is { } d)
            {
                responses.Add(new ResponseOp { ResponseDeleteRange = writer.DeleteRange(d) });
            }
            else if (op.RequestRange is { } q)
            {
                var rangeError = _kv.RangeAt(q, _kv.VisibleRevision, out var rangeResponse);
                Debug.Assert(rangeError == StoreError.None, "checked before the first write");
                responses.Add(new ResponseOp { ResponseRange = rangeResponse });
            }
        }

        _kv.EndWrite();
        return (StoreError.None, new TxnResponse { Header = Header(), Succeeded = succeeded, Responses = responses });
    }
}
