using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Gateway;

/// <summary>
/// Between the gateway's wire shapes and the state machine's types: requests in (validated the way etcd validates
/// them, so a bad request is refused before it reaches the log), responses and errors out.
/// </summary>
public static class WireMapping
{
    /// <summary>The gRPC status code etcd gives each store error (the gateway turns it into the HTTP status).</summary>
    public static int GrpcCode(StoreError error) => error switch
    {
        StoreError.None => 0,
        StoreError.Compacted or StoreError.FutureRevision or StoreError.LeaseTtlTooLarge => 11, // out of range
        StoreError.LeaseNotFound => 5,                                                          // not found
        StoreError.LeaseExists => 9,                                                            // failed precondition
        StoreError.UnknownCommand => 12,                                                        // unimplemented
        _ => 3,                                                                                 // invalid argument
    };

    /// <summary>A range request.</summary>
    public static RangeRequest ToDomain(WireRangeRequest wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return new RangeRequest
        {
            Key = wire.Key ?? [],
            RangeEnd = wire.RangeEnd ?? [],
            Limit = wire.Limit,
            Revision = wire.Revision,
            KeysOnly = wire.KeysOnly,
            CountOnly = wire.CountOnly,
            Serializable = wire.Serializable,
        };
    }

    /// <summary>A put request.</summary>
    public static PutRequest ToDomain(WirePutRequest wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return new PutRequest { Key = wire.Key ?? [], Value = wire.Value ?? [], Lease = wire.Lease, PrevKv = wire.PrevKv };
    }

    /// <summary>A delete request.</summary>
    public static DeleteRangeRequest ToDomain(WireDeleteRangeRequest wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return new DeleteRangeRequest { Key = wire.Key ?? [], RangeEnd = wire.RangeEnd ?? [], PrevKv = wire.PrevKv };
    }

    /// <summary>A transaction; throws <see cref="FormatException"/> naming a bad target, result or operation.</summary>
    public static TxnRequest ToDomain(WireTxnRequest wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return new TxnRequest
        {
            Compare = [.. (wire.Compare ?? []).Select(ToDomain)],
            Success = [.. (wire.Success ?? []).Select(ToDomain)],
            Failure = [.. (wire.Failure ?? []).Select(ToDomain)],
        };
    }

    /// <summary>One comparison: the operand is the field that goes with the target.</summary>
    public static Compare ToDomain(WireCompare wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        CompareTarget target = (wire.Target ?? "VERSION") switch
        {
            "VERSION" => CompareTarget.Version,
            "CREATE" => CompareTarget.Create,
            "MOD" => CompareTarget.Mod,
            "VALUE" => CompareTarget.Value,
            "LEASE" => CompareTarget.Lease,
            var other => throw new FormatException($"compare: unknown target '{other}' (expected VERSION, CREATE, MOD, VALUE or LEASE)"),
        };
        CompareResult result = (wire.Result ?? "EQUAL") switch
        {
            "EQUAL" => CompareResult.Equal,
            "GREATER" => CompareResult.Greater,
            "LESS" => CompareResult.Less,
            "NOT_EQUAL" => CompareResult.NotEqual,
            var other => throw new FormatException($"compare: unknown result '{other}' (expected EQUAL, GREATER, LESS or NOT_EQUAL)"),
        };
        return new Compare
        {
            Target = target,
            Result = result,
            Key = wire.Key ?? [],
            RangeEnd = wire.RangeEnd ?? [],
            Value = wire.Value ?? [],
            Number = target switch
            {
                CompareTarget.Version => wire.Version,
                CompareTarget.Create => wire.CreateRevision,
                CompareTarget.Mod => wire.ModRevision,
                CompareTarget.Lease => wire.Lease,
                _ => 0,
            },
        };
    }

    /// <summary>One operation of a transaction branch.</summary>
    public static RequestOp ToDomain(WireRequestOp wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        int set = (wire.RequestRange is null ? 0 : 1) + (wire.RequestPut is null ? 0 : 1) + (wire.RequestDeleteRange is null ? 0 : 1);
        if (set != 1)
        {
            throw new FormatException("txn: each operation needs exactly one of request_range, request_put, request_delete_range");
        }

        return new RequestOp
        {
            RequestRange = wire.RequestRange is { } range ? ToDomain(range) : null,
            RequestPut = wire.RequestPut is { } put ? ToDomain(put) : null,
            RequestDeleteRange = wire.RequestDeleteRange is { } delete ? ToDomain(delete) : null,
        };
    }

    /// <summary>A header.</summary>
    public static WireHeader ToWire(ResponseHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new WireHeader { Revision = header.Revision, ClusterId = header.ClusterId, MemberId = header.MemberId, RaftTerm = header.RaftTerm };
    }

    /// <summary>A key-value (null stays null).</summary>
    public static WireKeyValue? ToWire(KeyValue? kv) => kv is null ? null : new WireKeyValue
    {
        Key = kv.Key,
        CreateRevision = kv.CreateRevision,
        ModRevision = kv.ModRevision,
        Version = kv.Version,
        Value = kv.Value.Length == 0 ? null : kv.Value,
        Lease = kv.Lease,
    };

    /// <summary>A range's answer.</summary>
    public static WireRangeResponse ToWire(RangeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new WireRangeResponse
        {
            Header = ToWire(response.Header),
            Kvs = response.Kvs.Count == 0 ? null : [.. response.Kvs.Select(kv => ToWire(kv)!)],
            More = response.More,
            Count = response.Count,
        };
    }

    /// <summary>A put's answer.</summary>
    public static WirePutResponse ToWire(PutResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new WirePutResponse { Header = ToWire(response.Header), PrevKv = ToWire(response.PrevKv) };
    }

    /// <summary>A delete's answer.</summary>
    public static WireDeleteRangeResponse ToWire(DeleteRangeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new WireDeleteRangeResponse
        {
            Header = ToWire(response.Header),
            Deleted = response.Deleted,
            PrevKvs = response.PrevKvs.Count == 0 ? null : [.. response.PrevKvs.Select(kv => ToWire(kv)!)],
        };
    }

    /// <summary>A transaction's answer.</summary>
    public static WireTxnResponse ToWire(TxnResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new WireTxnResponse
        {
            Header = ToWire(response.Header),
            Succeeded = response.Succeeded,
            Responses = [.. response.Responses.Select(r => new WireResponseOp
            {
                ResponseRange = r.ResponseRange is { } range ? ToWire(range) : null,
                ResponsePut = r.ResponsePut is { } put ? ToWire(put) : null,
                ResponseDeleteRange = r.ResponseDeleteRange is { } delete ? ToWire(delete) : null,
            })],
        };
    }

    /// <summary>An event of a watch.</summary>
    public static WireEvent ToWire(StoreEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new WireEvent { Type = e.Type == EventType.Delete ? "DELETE" : null, Kv = ToWire(e.Kv), PrevKv = ToWire(e.PrevKv) };
    }
}
