using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Commands;
using Arbiter.Store.Gateway;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;
using Arbiter.Store.Server;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Node;

// The key-value, lease and status calls: each a proposal (or a read) whose result maps onto etcd's wire shape.
public sealed partial class RaftStoreBackend
{
    /// <inheritdoc/>
    public async Task<WireRangeResponse> RangeAsync(WireRangeRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        RangeRequest range = WireMapping.ToDomain(request);
        if (range.Key.Length == 0)
        {
            throw Refused(StoreError.EmptyKey);
        }

        // Linearizable: ReadIndex at the leader (a follower forwards it); serializable: this member's own state.
        RaftMessage.ClientReply reply = await ReadAsync(StoreQuery.Encode(range),
            request.Serializable ? RaftReadMode.Serializable : RaftReadMode.Linearizable, cancellation).ConfigureAwait(false);
        StoreReply answer = StoreReplyCodec.Decode(reply.Result);
        if (answer.Kind == StoreReplyKind.Error)
        {
            throw new StoreRefusedException(WireMapping.GrpcCode(answer.Error), answer.Message);
        }

        return new WireRangeResponse
        {
            Header = Header(answer.Revision),
            Kvs = answer.Kvs.Count == 0 ? null : [.. answer.Kvs.Select(kv => WireMapping.ToWire(kv)!)],
            More = answer.More,
            Count = answer.Count,
        };
    }

    /// <inheritdoc/>
    public async Task<WirePutResponse> PutAsync(WirePutRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        PutResponse response = await CommitAsync<PutResponse>(new PutCommand(WireMapping.ToDomain(request)), cancellation).ConfigureAwait(false);
        return WireMapping.ToWire(response) with { Header = Header(response.Header.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireDeleteRangeResponse> DeleteRangeAsync(WireDeleteRangeRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        DeleteRangeResponse response = await CommitAsync<DeleteRangeResponse>(new DeleteRangeCommand(WireMapping.ToDomain(request)), cancellation).ConfigureAwait(false);
        return WireMapping.ToWire(response) with { Header = Header(response.Header.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireTxnResponse> TxnAsync(WireTxnRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        TxnRequest txn;
        try
        {
            txn = WireMapping.ToDomain(request);
        }
        catch (FormatException e)
        {
            throw new StoreRefusedException(3, e.Message);
        }

        TxnResponse response = await CommitAsync<TxnResponse>(new TxnCommand(txn), cancellation).ConfigureAwait(false);
        return WireMapping.ToWire(response) with { Header = Header(response.Header.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireHeaderResponse> CompactAsync(WireCompactionRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = new CompactCommand(new CompactionRequest { Revision = request.Revision, Physical = request.Physical });
        StoreResponse response = await CommitAsync<StoreResponse>(command, cancellation).ConfigureAwait(false);
        return new WireHeaderResponse { Header = Header(response.Header.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireLeaseResponse> LeaseGrantAsync(WireLeaseGrantRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = new LeaseGrantCommand(new LeaseGrantRequest { Ttl = request.Ttl, Id = request.Id });
        LeaseGrantResponse response = await CommitAsync<LeaseGrantResponse>(command, cancellation).ConfigureAwait(false);
        return new WireLeaseResponse { Header = Header(response.Header.Revision), Id = response.Id, Ttl = response.Ttl };
    }

    /// <inheritdoc/>
    public async Task<WireHeaderResponse> LeaseRevokeAsync(WireLeaseIdRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        StoreResponse response = await CommitAsync<StoreResponse>(new LeaseRevokeCommand(new LeaseRevokeRequest { Id = request.Id }), cancellation).ConfigureAwait(false);
        return new WireHeaderResponse { Header = Header(response.Header.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireLeaseResponse> LeaseKeepAliveAsync(WireLeaseIdRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        LeaseAnswer answer = await LeaseReadAsync(LeaseQuery.KeepAlive(request.Id), cancellation).ConfigureAwait(false);
        return new WireLeaseResponse { Header = Header(answer.Revision), Id = answer.Id, Ttl = answer.Ttl };
    }

    /// <inheritdoc/>
    public async Task<WireLeaseResponse> LeaseTimeToLiveAsync(WireLeaseIdRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        LeaseAnswer answer = await LeaseReadAsync(LeaseQuery.TimeToLive(request.Id, request.Keys), cancellation).ConfigureAwait(false);
        return new WireLeaseResponse
        {
            Header = Header(answer.Revision),
            Id = answer.Id,
            Ttl = answer.Ttl,
            GrantedTtl = answer.GrantedTtl,
            Keys = answer.Keys.Count == 0 ? null : answer.Keys,
        };
    }

    /// <inheritdoc/>
    public Task<WireStatusResponse> StatusAsync(WireStatusRequest request, CancellationToken cancellation) =>
        LocalAsync(() =>
        {
            RaftCore core = _node!.Core;
            return new WireStatusResponse
            {
                Header = Header(_node.Replica.Machine.Revision),
                Version = "3.4.0-arbiter",
                Leader = (uint)core.Leader, // uint converts to the wire field whether it is a long or a uint64
                RaftIndex = core.Log.LastIndex,
                RaftTerm = core.Term,
                RaftAppliedIndex = core.Log.Applied,
                Voters = [.. core.Configuration.Voters.Select(v => (long)v)],
                Learners = [.. core.Configuration.Learners.Select(v => (long)v)],
            };
        }, 0, cancellation);

    private async Task<LeaseAnswer> LeaseReadAsync(byte[] query, CancellationToken cancellation)
    {
        RaftMessage.ClientReply reply = await ReadAsync(query, RaftReadMode.Linearizable, cancellation).ConfigureAwait(false);
        try
        {
            return LeaseQuery.DecodeAnswer(reply.Result);
        }
        catch (InvalidDataException e)
        {
            throw new StoreRefusedException(2, $"arbiter: the leader's lease answer is garbled: {e.Message}");
        }
    }

    /// <summary>Proposes <paramref name="command"/>; returns its response, or throws etcd's refusal for its error.</summary>
    private async Task<T> CommitAsync<T>(StoreCommand command, CancellationToken cancellation)
        where T : StoreResponse
    {
        (StoreResult result, _) = await ProposeAsync(command, cancellation).ConfigureAwait(false);
        if (result.Error != StoreError.None)
        {
            throw Refused(result.Error);
        }

        return result.Response as T
            ?? throw new StoreRefusedException(2, $"arbiter: log entry {result.Index} answered {result.Response?.GetType().Name ?? "nothing"}, expected {typeof(T).Name}");
    }

    private static StoreRefusedException Refused(StoreError error) => new(WireMapping.GrpcCode(error), StoreErrors.Message(error));
}
