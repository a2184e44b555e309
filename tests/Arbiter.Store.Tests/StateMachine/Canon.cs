using System.Text;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using Arbiter.Store.Watches;

namespace Arbiter.Store.Tests.StateMachine;

/// <summary>A canonical text of results and responses, so two implementations can be compared field by field.</summary>
internal static class Canon
{
    public static string Bytes(byte[] b) => b.Length == 0 ? "''" : Convert.ToHexString(b);

    public static string Of(KeyValue? kv) => kv is null
        ? "-"
        : $"{{{Bytes(kv.Key)} c{kv.CreateRevision} m{kv.ModRevision} v{kv.Version} ={Bytes(kv.Value)} l{kv.Lease}}}";

    public static string Of(StoreEvent e) => $"{e.Type} {Of(e.Kv)} prev {Of(e.PrevKv)}";

    public static string Of(IEnumerable<StoreEvent> events) => string.Join("; ", events.Select(Of));

    public static string Of(StoreResult r)
    {
        var s = new StringBuilder();
        s.Append($"#{r.Index} skipped={r.Skipped} rev={r.Revision} err={r.Error} ");
        s.Append(Of(r.Response));
        s.Append(" events[").Append(Of(r.Events)).Append(']');
        s.Append(" ended[").Append(string.Join(",", r.EndedLeases)).Append(']');
        return s.ToString();
    }

    public static string Of(StoreResponse? response) => response switch
    {
        null => "none",
        RangeResponse x => $"range h{x.Header.Revision} count={x.Count} more={x.More} [{string.Join(" ", x.Kvs.Select(Of))}]",
        PutResponse x => $"put h{x.Header.Revision} prev={Of(x.PrevKv)}",
        DeleteRangeResponse x => $"del h{x.Header.Revision} n={x.Deleted} [{string.Join(" ", x.PrevKvs.Select(Of))}]",
        TxnResponse x => $"txn h{x.Header.Revision} ok={x.Succeeded} ({string.Join(" | ", x.Responses.Select(o => Of((StoreResponse?)o.ResponseRange ?? (StoreResponse?)o.ResponsePut ?? o.ResponseDeleteRange)))})",
        CompactionResponse x => $"compact h{x.Header.Revision}",
        LeaseGrantResponse x => $"grant h{x.Header.Revision} id={x.Id} ttl={x.Ttl}",
        LeaseRevokeResponse x => $"revoke h{x.Header.Revision}",
        LeaseExpireResponse x => $"expire h{x.Header.Revision} [{string.Join(",", x.Expired)}]",
        LeaseTimeToLiveResponse x => $"ttl h{x.Header.Revision} id={x.Id} ttl={x.Ttl} granted={x.GrantedTtl} [{string.Join(" ", x.Keys.Select(Bytes))}]",
        LeaseLeasesResponse x => $"leases h{x.Header.Revision} [{string.Join(",", x.Leases)}]",
        WatchResponse x => $"watch h{x.Header.Revision} id={x.WatchId} created={x.Created} canceled={x.Canceled} compact={x.CompactRevision} [{Of(x.Events)}]",
        _ => response.GetType().Name,
    };
}
