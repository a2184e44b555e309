using System.Text;
using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Tests.StateMachine;

/// <summary>Short helpers for hand-worked cases: string keys, a machine that numbers its own log indexes.</summary>
internal sealed class Dsl
{
    private ulong _index;

    public StoreStateMachine Machine { get; } = new();

    public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public StoreResult Do(StoreCommand command) => Machine.Apply(++_index, StoreCommandCodec.Encode(command));

    public StoreResult Put(string key, string value, long lease = 0, bool prevKv = false) =>
        Do(new PutCommand(new PutRequest { Key = B(key), Value = B(value), Lease = lease, PrevKv = prevKv }));

    public StoreResult Delete(string key, string end = "", bool prevKv = false) =>
        Do(new DeleteRangeCommand(new DeleteRangeRequest { Key = B(key), RangeEnd = B(end), PrevKv = prevKv }));

    public StoreResult Compact(long revision) => Do(new CompactCommand(new CompactionRequest { Revision = revision }));

    public StoreResult Grant(long ttl, long id = 0) => Do(new LeaseGrantCommand(new LeaseGrantRequest { Ttl = ttl, Id = id }));

    public KeyValue? Get(string key, long revision = 0)
    {
        var error = Machine.Range(new RangeRequest { Key = B(key), Revision = revision }, out var r);
        Assert.Equal(StoreError.None, error);
        return r!.Kvs.SingleOrDefault();
    }

    public (StoreError Error, RangeResponse? Response) Range(string key, byte[] end, long revision = 0, long limit = 0)
    {
        var error = Machine.Range(new RangeRequest { Key = B(key), RangeEnd = end, Revision = revision, Limit = limit }, out var r);
        return (error, r);
    }

    public static string Keys(RangeResponse r) => string.Join(",", r.Kvs.Select(kv => Encoding.UTF8.GetString(kv.Key)));
}
