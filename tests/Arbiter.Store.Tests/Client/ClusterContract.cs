using System.Net;
using System.Net.Sockets;
using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Client;

/// <summary>
/// etcd v3's cluster API (/v3/cluster/member/*), written once and run against a real single-member etcd and a
/// single-member Arbiter: the shapes (ID as a uint64 string, peerURLs, isLearner, member + members), and the errors
/// (gRPC code, message and HTTP status) of each refusal. The learner added is never started, so neither store can
/// promote it; that is part of the contract.
/// </summary>
public static class ClusterContract
{
    public static async Task AddLearner_PromoteRemove_ShapesAndErrorsMatchEtcd(StoreClient client)
    {
        // list: the one member, answering.
        WireMemberListResponse list = await client.MemberListAsync();
        WireMember self = Assert.Single(list.Members!);
        Assert.Equal(list.Header!.MemberId, self.Id);
        Assert.False(self.IsLearner);
        Assert.Single(self.PeerUrls!);

        // add a learner: the answer names it, with a fresh id, and lists both.
        string url = $"http://127.0.0.1:{FreePort()}";
        WireMemberAddResponse added = await client.MemberAddAsync(url, learner: true);
        Assert.True(added.Member!.IsLearner);
        Assert.Equal([url], added.Member.PeerUrls!);
        Assert.NotEqual(0UL, added.Member.Id);
        Assert.NotEqual(self.Id, added.Member.Id);
        Assert.Equal(new[] { self.Id, added.Member.Id }.Order(), added.Members!.Select(m => m.Id).Order());
        Assert.True(added.Members!.Single(m => m.Id == added.Member.Id).IsLearner);
        Assert.Equal(2, (await client.MemberListAsync()).Members!.Count);

        // a member's peer URL again; a URL that is not one. (etcd 3.4 derives a new member's id from a hash of its URLs
        // and the time in whole seconds, so the learner's URL again within the same second is "member ID already
        // exist", later "Peer URLs already exists": both are code 9.)
        await Refused(() => client.MemberAddAsync(self.PeerUrls![0], learner: true), 9, 412, "etcdserver: Peer URLs already exists");
        var again = await Assert.ThrowsAsync<StoreException>(() => client.MemberAddAsync(url, learner: false));
        Assert.Equal(9, again.Code);
        Assert.Contains(again.Message, (string[])["etcdserver: Peer URLs already exists", "etcdserver: member ID already exist"]);
        await Refused(() => client.MemberAddAsync("not a url", learner: true), 3, 400, "etcdserver: given member URLs are invalid");

        // promote: a learner that never caught up (it never started; the log has moved on) is refused, so is a voter.
        for (int i = 0; i < 20; i++)
        {
            await client.PutAsync(Encoding.UTF8.GetBytes($"contract/cluster/{i}"), [1]);
        }

        await Refused(() => client.MemberPromoteAsync(added.Member.Id), 9, 412, "etcdserver: can only promote a learner member which is in sync with leader");
        await Refused(() => client.MemberPromoteAsync(self.Id), 9, 412, "etcdserver: can only promote a learner member");

        // remove: an unknown id is not found; the learner goes.
        ulong unknown = list.Members!.Select(m => m.Id).Append(added.Member.Id).Max() - 1;
        unknown = unknown == self.Id || unknown == added.Member.Id ? 999_999 : unknown;
        await Refused(() => client.MemberRemoveAsync(unknown), 5, 404, "etcdserver: member not found");
        await Refused(() => client.MemberPromoteAsync(unknown), 5, 404, "etcdserver: member not found");
        WireMemberListResponse removed = await client.MemberRemoveAsync(added.Member.Id);
        Assert.Equal(self.Id, Assert.Single(removed.Members!).Id);
        Assert.Equal(self.Id, Assert.Single((await client.MemberListAsync()).Members!).Id);
    }

    private static async Task Refused(Func<Task> call, int code, int status, string message)
    {
        var e = await Assert.ThrowsAsync<StoreException>(call);
        Assert.Equal((code, message, status), (e.Code, e.Message, e.Status));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
