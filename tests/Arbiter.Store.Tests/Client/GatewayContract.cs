using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Client;

/// <summary>
/// The etcd v3 JSON gateway contract, written once and run against every implementation (a real etcd now; Arbiter's
/// server when it serves the same paths): revisions, versions, transactions, leases, errors.
/// </summary>
public static class GatewayContract
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public static async Task PutThenGet_RevisionsAndVersionsAdvance(StoreClient client)
    {
        string key = "contract/" + Guid.NewGuid().ToString("N");
        long first = (await client.PutAsync(B(key), B("v1"))).Header!.Revision;
        long second = (await client.PutAsync(B(key), B("v2"), prevKv: true)).Header!.Revision;
        WireKeyValue kv = (await client.GetAsync(B(key)))!;

        Assert.Equal(first + 1, second); // one revision per write
        Assert.Equal((first, second, 2L, "v2"), (kv.CreateRevision, kv.ModRevision, kv.Version, Encoding.UTF8.GetString(kv.Value!)));
        WireRangeResponse old = await client.RangeAsync(new WireRangeRequest { Key = B(key), Revision = first });
        Assert.Equal("v1", Encoding.UTF8.GetString(Assert.Single(old.Kvs!).Value!));
    }

    public static async Task CompareAndSet_OnlyTheExpectedValueWins(StoreClient client)
    {
        byte[] key = B("contract/cas/" + Guid.NewGuid().ToString("N"));
        Assert.True(await client.CompareAndSetAsync(key, null, B("a")));   // absent → a
        Assert.False(await client.CompareAndSetAsync(key, null, B("b")));  // no longer absent
        Assert.False(await client.CompareAndSetAsync(key, B("x"), B("c"))); // wrong expectation
        Assert.True(await client.CompareAndSetAsync(key, B("a"), B("d")));
        Assert.Equal("d", Encoding.UTF8.GetString((await client.GetAsync(key))!.Value!));
    }

    public static async Task DeleteRange_Prefix_DeletesOnlyThePrefix(StoreClient client)
    {
        string prefix = "contract/del/" + Guid.NewGuid().ToString("N") + "/";
        foreach (string name in (string[])["a", "b", "c"])
        {
            await client.PutAsync(B(prefix + name), B(name));
        }

        await client.PutAsync(B(prefix[..^1] + "0"), B("outside"));
        byte[] end = B(prefix);
        end[^1]++;
        WireDeleteRangeResponse deleted = await client.DeleteAsync(B(prefix), end, prevKv: true);

        Assert.Equal(3, deleted.Deleted);
        Assert.Equal(["a", "b", "c"], deleted.PrevKvs!.Select(kv => Encoding.UTF8.GetString(kv.Value!)));
        Assert.NotNull(await client.GetAsync(B(prefix[..^1] + "0")));
    }

    public static async Task Lease_AttachedKeyGoesWithTheRevoke(StoreClient client)
    {
        WireLeaseResponse lease = await client.GrantLeaseAsync(60);
        byte[] key = B("contract/lease/" + Guid.NewGuid().ToString("N"));
        await client.PutAsync(key, B("v"), lease.Id);
        WireLeaseResponse alive = await client.TimeToLiveAsync(lease.Id, keys: true);
        Assert.Equal(60, alive.GrantedTtl);
        Assert.Equal(key, Assert.Single(alive.Keys!));

        await client.RevokeLeaseAsync(lease.Id);

        Assert.Null(await client.GetAsync(key));
        Assert.Equal(-1, (await client.TimeToLiveAsync(lease.Id)).Ttl);
    }

    public static async Task Errors_FutureRevisionAndUnknownLease_AreRefusedWithACode(StoreClient client)
    {
        long now = (await client.PutAsync(B("contract/now"), B("x"))).Header!.Revision;
        var future = await Assert.ThrowsAsync<StoreException>(() => client.RangeAsync(new WireRangeRequest { Key = B("contract/now"), Revision = now + 1000 }));
        Assert.Equal(11, future.Code); // OutOfRange: "required revision is a future revision"
        Assert.False(future.Indeterminate);

        var unknown = await Assert.ThrowsAsync<StoreException>(() => client.PutAsync(B("contract/l"), B("x"), lease: 0x7eadbeef));
        Assert.Equal(5, unknown.Code); // NotFound: "requested lease not found"
    }
}
